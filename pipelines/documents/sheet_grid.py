"""One worksheet → blocks of the document model, whatever the spreadsheet format (.xlsx, .xls).

The format readers hand over a neutral ``Sheet``: the printed text of every cell the file holds, whether
the cell is ruled (has a border), and the merged ranges. The layout is then decided here, the same way
for every format, following what a printed statement shows:

* The grid is the ruled part of the sheet: from the first row holding a bordered cell to the last ruled
  row that holds text. Rows above it (the title merged across the table, "编制单位：…", "单位：万元") and
  rows below it (a note "注：…本表无数据。") are text around the table: one Paragraph per non-empty cell,
  as a PDF shows them. A sheet without any border (a bare data dump) has no such evidence: its leading
  rows of a single text, or of "label：value" captions only, are its titles, and everything below them is
  the grid.
* Grid columns run from the leftmost to the rightmost column holding text or a merged range within the
  grid rows; ``Cell.column`` counts from 1 at that leftmost column. Empty trailing rows and columns are not
  emitted; empty rows inside the grid are (a statement prints its empty lines).
* A merged range is ONE cell spanning its columns (``span``) in its top row; in each row below it an
  EMPTY cell of the same span stands in for it (the convention of the PDF and DOCX readers: vertical
  continuation = empty cell). Grid columns covered by a horizontal merge have no cell of their own.
* Hidden rows and columns are read like visible ones: their text is in the file, and dropping it would
  lose it silently.

Locations are the sheet's own coordinates: "sheet 收入决算表 row 7 col D" (a merged cell: its top-left).
"""
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from .model import Block, Cell, Paragraph, Row, Table

_CAPTION_COLONS = ("：", ":")


@dataclass(frozen=True)
class SheetCell:
    text: str  # as printed (numbers already rendered), stripped
    ruled: bool = False  # has a border on some side


@dataclass(frozen=True)
class Merge:
    """A merged range, 1-based inclusive sheet coordinates."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(frozen=True)
class Sheet:
    name: str
    cells: dict[tuple[int, int], SheetCell]  # (row, col) → cell; only cells the file holds
    merges: tuple[Merge, ...] = ()


def cell_location(sheet: str, row: int, col: int) -> str:
    return f"sheet {sheet} row {row} col {get_column_letter(col)}"


def covering_merges(sheet: Sheet) -> dict[tuple[int, int], Merge]:
    """Every sheet position inside a merged range → that range."""
    covered: dict[tuple[int, int], Merge] = {}
    for merge in sheet.merges:
        for row in range(merge.first_row, merge.last_row + 1):
            for col in range(merge.first_col, merge.last_col + 1):
                covered[(row, col)] = merge
    return covered


def visible_text(sheet: Sheet, covered: dict, row: int, col: int) -> str:
    """The text shown at a position: a merged range shows only its top-left cell's text."""
    merge = covered.get((row, col))
    if merge is not None and (row, col) != (merge.first_row, merge.first_col):
        return ""
    cell = sheet.cells.get((row, col))
    return cell.text if cell else ""


def texts_by_row(sheet: Sheet, covered: dict) -> dict[int, list[int]]:
    """Row → columns holding text (in column order)."""
    rows: dict[int, list[int]] = {}
    for (row, col) in sorted(sheet.cells):
        if visible_text(sheet, covered, row, col):
            rows.setdefault(row, []).append(col)
    return rows


def is_caption(text: str) -> bool:
    """"单位：万元", "编制单位：上海市…": a label and its value, written above a table."""
    return any(colon in text for colon in _CAPTION_COLONS)


def grid_rows(sheet: Sheet, covered: dict, text_rows: dict[int, list[int]]) -> tuple[int, int] | None:
    """First and last sheet row of the grid (see the module docstring); None when the sheet has no grid."""
    ruled = sorted({row for (row, _), cell in sheet.cells.items() if cell.ruled})
    if ruled:
        with_text = [row for row in ruled if row in text_rows]
        return (ruled[0], with_text[-1]) if with_text else None
    first = None
    for row in sorted(text_rows):
        texts = [visible_text(sheet, covered, row, col) for col in text_rows[row]]
        if len(texts) > 1 and not all(is_caption(t) for t in texts):
            first = row
            break
    return (first, max(text_rows)) if first is not None else None


def grid_columns(sheet: Sheet, text_rows: dict[int, list[int]], first_row: int, last_row: int) -> tuple[int, int]:
    """Leftmost and rightmost sheet column holding text or a merged range in the grid rows."""
    columns = [col for row, cols in text_rows.items() if first_row <= row <= last_row for col in cols]
    for merge in sheet.merges:
        if merge.first_row <= last_row and merge.last_row >= first_row:
            columns.extend((merge.first_col, merge.last_col))
    return min(columns), max(columns)


def grid_row(sheet: Sheet, covered: dict, row: int, first_col: int, last_col: int) -> Row:
    """One sheet row of the grid → Row (merge rules in the module docstring). Walking left to right, a
    merged range is always met at its first grid column; its text shows only in its top row."""
    cells: list[Cell] = []
    col = first_col
    while col <= last_col:
        merge = covered.get((row, col))
        span = 1 if merge is None else min(merge.last_col, last_col) - col + 1
        cells.append(Cell(text=visible_text(sheet, covered, row, col), location=cell_location(sheet.name, row, col),
                          column=col - first_col + 1, span=span))
        col += span
    return Row(cells=tuple(cells), location=f"sheet {sheet.name} row {row}")


def paragraphs(sheet: Sheet, covered: dict, text_rows: dict[int, list[int]], rows: range) -> list[Paragraph]:
    return [Paragraph(text=visible_text(sheet, covered, row, col), location=cell_location(sheet.name, row, col))
            for row in rows if row in text_rows for col in text_rows[row]]


def sheet_blocks(sheet: Sheet) -> list[Block]:
    """Paragraphs above the grid, the grid as one Table, paragraphs below it."""
    covered = covering_merges(sheet)
    text_rows = texts_by_row(sheet, covered)
    if not text_rows:
        return []
    bounds = grid_rows(sheet, covered, text_rows)
    if bounds is None:
        return paragraphs(sheet, covered, text_rows, range(1, max(text_rows) + 1))
    first_row, last_row = bounds
    first_col, last_col = grid_columns(sheet, text_rows, first_row, last_row)
    rows = tuple(grid_row(sheet, covered, row, first_col, last_col) for row in range(first_row, last_row + 1))
    table = Table(rows=rows, location=f"sheet {sheet.name} rows {first_row}-{last_row}")
    return [*paragraphs(sheet, covered, text_rows, range(1, first_row)), table,
            *paragraphs(sheet, covered, text_rows, range(last_row + 1, max(text_rows) + 1))]

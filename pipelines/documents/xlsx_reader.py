"""Reader for Excel workbooks (.xlsx): every visible sheet, in workbook order, as paragraphs and one table.

Departments publish the statements as a workbook with one sheet per statement. Each sheet is laid out by
``sheet_grid.sheet_blocks`` (titles and the unit line above the ruled grid → Paragraphs, the grid → a
Table whose cells carry their grid ``column`` and ``span`` from the merged ranges); this module only turns
openpyxl's cells into the neutral ``Sheet``:

* Hidden and very hidden sheets are skipped: they are not part of what the department publishes (helper
  sheets, lookup lists), and a reader of the workbook does not see them. Chart sheets hold no cells.
* Values are the cached results the file holds (``data_only=True``): a formula cell shows the value Excel
  computed when it last saved the file. A formula saved without a cached value (some generators write
  none) has no value in the file: its cell text is empty — nothing is computed or invented here.
* Numbers are Decimals made from the shortest text that round-trips the stored double (``repr``), which
  is the text the file holds ("2940.05", or "2940.0500000000002" when a SUM left a binary remainder), and
  are then printed by the cell's number format (``number_format.render_number``). Dates print as ISO
  dates, booleans as TRUE/FALSE, error values as Excel shows them (#DIV/0!).
* Cell text is stripped of surrounding white space (indentation by spaces is layout, as in the PDF);
  line breaks inside a cell (Alt+Enter) stay '\\n'.
"""
from datetime import date, datetime, time
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from .model import Document
from .number_format import render_number
from .sheet_grid import Merge, Sheet, SheetCell, sheet_blocks

_BORDER_SIDES = ("left", "right", "top", "bottom")


class XlsxReadError(ValueError):
    """The file is not a readable Excel workbook (corrupt or truncated container, broken XML)."""


def printed_value(value, number_format: str | None) -> str:
    """A cell value as the statement prints it (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return render_number(Decimal(value), number_format)
    if isinstance(value, float):
        return render_number(Decimal(repr(value)), number_format)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return clean_text(str(value))


def clean_text(text: str) -> str:
    """Surrounding white space (also the ideographic space) off; Windows line ends → '\\n'."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip(" \t\n\u3000")


def is_ruled(cell) -> bool:
    border = cell.border
    return border is not None and any(getattr(getattr(border, side), "style", None) for side in _BORDER_SIDES)


def sheet_from_worksheet(worksheet) -> Sheet:
    cells = {}
    # the cells the file holds: iter_rows would create every position of the used range, and a styled
    # cell at row 1048576 would mean millions of them
    for cell in worksheet._cells.values():
        text = printed_value(cell.value, cell.number_format)
        ruled = is_ruled(cell)
        if text or ruled:
            cells[(cell.row, cell.column)] = SheetCell(text=text, ruled=ruled)
    merges = tuple(Merge(r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges)
    return Sheet(name=worksheet.title, cells=cells, merges=merges)


def open_workbook(data: bytes):
    """Open the container; every failure becomes an XlsxReadError carrying the reason."""
    try:
        return load_workbook(BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl's failures on broken files are not a closed set (zip, XML, descriptors)
        raise XlsxReadError(f"unreadable Excel workbook: {type(exc).__name__}: {exc}") from exc


def visible_sheets(sheets: list[Sheet | None]) -> list[Sheet]:
    """The published sheets; a workbook whose every sheet is hidden has nothing to read."""
    shown = [s for s in sheets if s is not None]
    if not shown:
        raise XlsxReadError("the workbook has no visible worksheet")
    return shown


def document_from_sheets(document_id: str, source_file: str, file_format: str, sheets: list[Sheet]) -> Document:
    blocks = [block for sheet in sheets for block in sheet_blocks(sheet)]
    return Document(document_id=document_id, source_file=source_file, file_format=file_format, blocks=blocks)


def read_xlsx(document_id: str, source_file: str, data: bytes) -> Document:
    workbook = open_workbook(data)
    try:
        sheets = [sheet_from_worksheet(ws) if ws.sheet_state == "visible" else None for ws in workbook.worksheets]
    except Exception as exc:  # a cell or style record openpyxl cannot interpret: the file is broken
        raise XlsxReadError(f"unreadable Excel workbook: {type(exc).__name__}: {exc}") from exc
    return document_from_sheets(document_id, source_file, "xlsx", visible_sheets(sheets))

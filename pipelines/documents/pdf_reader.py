"""Reader for PDF reports: ruled tables and the text around them, page by page, as one Document.

* Tables are found from their ruling lines (pdfplumber ``find_tables``). A cell that pdfplumber reports as
  covered by a horizontal merge is ABSENT; one covered by a vertical merge is an EMPTY cell — the grid of
  the text rendition (golden catalogue §0).
* A table at the top of a page with the same columns as the table that ended the previous page continues
  that Table; when the row was split by the page break (a cell's text runs on), the two fragments are
  merged into one row.
* Chars are grouped into lines by their baseline (from the text matrix), not by their box: digits set in
  Times or Arial inside a FangSong sentence have boxes 4-10 pt lower but stand on the same baseline.
* Text outside tables is rebuilt into paragraphs. Chinese paragraphs wrap without any marker, so a line
  break is judged *soft* (same paragraph) when the first unbreakable unit of the next line would not have
  fitted on the line — otherwise the writer broke the line on purpose. A larger vertical gap than the line
  pitch (per font size) also ends a paragraph (paragraph spacing), and so does a first-line indent. The
  right edge of the text column is measured per page width (portrait and landscape pages differ). Cell text
  is rebuilt the same way (fit and gap only); hard breaks inside a cell become '\\n' like the soft breaks of
  the text rendition.
* Flattened grids: when a table has no merged cell at all and its columns are all of one width (a
  converter padded every row to a uniform grid, as in our reference PDF), empty trailing cells cannot be
  told from merged ones. Such rows drop their
  trailing empty cells, except rows that continue a column-header block (first cell empty, below a header
  whose cells are all filled): those keep the header's width (KPI and budget rows are read by position).

Locations: "page 30 table 2 row 7 col 4" (table = n-th table found on that page, col = grid column) and
"page 3 line 12" (n-th text line outside tables on that page).

Speed (docs/pdf_reading.md: a fifth to a quarter of a naive pdfplumber pass, from 1.1-1.3 times it): chars
and ruling edges — the same values as pdfplumber's ``page.chars`` / ``page.edges`` — come from
``pdf_page``, which runs pdfminer's interpreter on ``pdf_content``'s tokens; tables are found once per page;
a cell's chars are found by bisection (``CharIndex``) instead of testing every char against every cell; the
garbage collector is paused while a document is read. tests/unit/test_pdf_reader_snapshot.py pins the
output of the previous implementation: every paragraph, row and cell of four PDFs, byte for byte.
"""
import bisect
import gc
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from operator import itemgetter

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

from .model import Cell, Document, Paragraph, Row, Table
from .pdf_page import PageObjects, read_page_objects

_SAME_LINE_TOLERANCE = 0.25  # in font sizes: chars whose baselines differ less than this are on one line
_COLUMN_TOLERANCE = 2.0  # pt: two tables have the same columns when their rulings agree this closely
_PARAGRAPH_GAP_FACTOR = 1.3  # a gap this many times the usual line pitch separates paragraphs
_FIT_SLACK = 0.5  # in font sizes: see is_soft_break
_MIN_HEADER_CELLS = 5  # a column header of a flattened grid has at least this many cells
# National template rows whose printed width is known although their last cell is blank (flattened grids).
_TEMPLATE_ROW_WIDTHS = {"合计": 4, "2.项目实施内容及过程概述": 3}

# Line-breaking rules (kinsoku): a line may not start with a closing mark nor end with an opening one,
# so such a mark travels with its neighbour and belongs to the next line's first unit.
_CLOSING = set("，。、；：？！）》」』】〕〉,.;:?!)]}%％·…—")
_OPENING = set("（《「『【〔〈([{")
_NO_BREAK_BEFORE = set("/")  # UAX #14 class SY: never starts a line
_QUOTES = set("“”‘’\"'")
_X0, _TOP, _BOTTOM = itemgetter("x0"), itemgetter("top"), itemgetter("bottom")


class PdfReadError(ValueError):
    """The PDF cannot be read (corrupt, truncated, encrypted or without pages)."""


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    chars: list
    size: float
    baseline: float = 0.0  # distance from the top of the page, like top


@dataclass
class _TextItem:
    """A run of text lines outside tables on one page, in reading order."""

    page: int
    number: int  # 1-based line number among the page's text lines
    line: _Line
    page_width: float = 0.0


@dataclass
class _TableItem:
    page: int
    index: int  # 1-based table number on the page
    top: float
    columns: list[float]  # x positions of the column rulings
    rows: list[list]  # per row: list of (grid column, list[_Line] | None) — None = absent cell
    row_tops: list[float]
    cell_right: list[list[float]]  # per row, per emitted cell: right limit for text
    flattened: bool = False
    spans: list[list[int]] = field(default_factory=list)  # per row, per emitted cell: grid columns covered


@dataclass
class _PendingTable:
    rows: list[Row] = field(default_factory=list)
    location: str = ""
    last_item: _TableItem | None = None
    last_row_lines: list = field(default_factory=list)  # lines per cell of the last row (for split rows)
    last_rights: list = field(default_factory=list)  # right text limit per cell of the last row
    header_width: int | None = None  # width of the column-header block the rows are in (flattened grids)


# --- characters → lines ---------------------------------------------------------------------------------

def _is_cjk(ch: str) -> bool:
    return bool(ch) and (unicodedata.east_asian_width(ch) in ("W", "F"))


def char_baseline(ch: dict) -> float:
    """The char's baseline, measured from the top of the page like ``top``.

    Why not ``top`` or ``bottom``: they come from each font's ascent and descent, so a digit in Times
    printed inside a FangSong sentence has a box 4-10 pt lower than its neighbours although the writer put
    it on the same baseline. The text matrix holds that baseline (its y translation, in PDF space from the
    bottom); ``top + y1`` is the page height in pdfplumber's coordinates, which turns it top-down.
    """
    matrix = ch.get("matrix")
    if matrix is None or "y1" not in ch:
        return ch["bottom"]
    return ch["top"] + ch["y1"] - matrix[5]


def chars_to_lines(chars: list) -> list[_Line]:
    """Group chars into lines (by baseline), left to right; a space is inserted between separated Latin words."""
    lines: list[_Line] = []
    # sorted by (baseline to 0.1 pt, x0), ties in the given order; each baseline computed once
    keyed = sorted((round(baseline, 1), ch["x0"], position, baseline, ch)
                   for position, ch in enumerate(chars) for baseline in (char_baseline(ch),))
    for _, _, _, baseline, ch in keyed:
        if lines and abs(baseline - lines[-1].baseline) < _SAME_LINE_TOLERANCE * max(ch["size"], lines[-1].size):
            lines[-1].chars.append(ch)
        else:
            lines.append(_Line("", 0, 0, ch["top"], ch["bottom"], [ch], ch["size"], baseline))
    for line in lines:
        line.chars.sort(key=_X0)
        parts: list[str] = []
        previous = None
        for ch in line.chars:
            if previous is not None and ch["x0"] - previous["x1"] > 0.5 * ch["size"] and \
                    previous["text"] != " " and ch["text"] != " " and \
                    not (_is_cjk(previous["text"]) or _is_cjk(ch["text"])):
                parts.append(" ")
            parts.append(ch["text"])
            previous = ch
        line.text = "".join(parts)
        visible = [c for c in line.chars if c["text"].strip()] or line.chars
        # x1 includes a trailing space: a wrap at a space leaves the space hanging at the line's end
        line.x0, line.x1 = visible[0]["x0"], line.chars[-1]["x1"]
        line.top = min(map(_TOP, line.chars))
        line.bottom = max(map(_BOTTOM, line.chars))
        line.size = prevailing_size(line.chars)
    return lines


def prevailing_size(chars: list) -> float:
    """The font size of most of the line's visible chars (the larger on a tie).

    Not the largest: a writer may set a few words of a body line a size up, which must not make the line
    look like a heading line with its own pitch.
    """
    visible = [c for c in chars if c["text"].strip()] or chars
    sizes = [round(c["size"], 1) for c in visible]
    return max(set(sizes), key=lambda size: (sizes.count(size), size))


def _no_break_between(before: str, after: str) -> bool:
    """UAX #14 in brief: no break before a closing mark, after an opening mark, on either side of a
    quotation mark (class QU), nor inside a Latin word or number."""
    if after in _CLOSING or after in _NO_BREAK_BEFORE or before in _OPENING or before in _QUOTES \
            or after in _QUOTES:
        return True
    if before in _CLOSING and after.isascii() and after.isalnum():
        return True  # observed in LibreOffice/ICU output: "。2023" is not broken after the full stop
    return not _is_cjk(before) and not _is_cjk(after) and before != " " and after != " " and before not in "-/"


def first_unit_width(line: _Line) -> float:
    """Width of what the writer could not have split off the start of ``line`` (its first break-free run)."""
    chars = [c for c in line.chars if c["text"].strip()]
    if not chars:
        return 0.0
    end = 1
    while end < len(chars) and _no_break_between(chars[end - 1]["text"], chars[end]["text"]):
        end += 1
    return chars[end - 1]["x1"] - chars[0]["x0"]


def is_soft_break(line: _Line, next_line: _Line, right_limit: float) -> bool:
    """The line was wrapped by the writer: the next line's first unit would not have fitted on it.

    The right limit is only estimated (cell paddings are not symmetric, glyph advances vary), so half a
    character of slack is given: a line that ends within half a character of not fitting is a wrap.
    """
    return line.x1 + first_unit_width(next_line) > right_limit - _FIT_SLACK * line.size


def is_indented(line: _Line, next_line: _Line) -> bool:
    """The next line starts right of where the line started: a first-line indent, so a new paragraph.

    A wrapped line continues at the left edge of the column, never further right than the line before it
    (which is either at that edge too or the indented first line). A centred line under a centred line
    (a title wrapped in two) is no indent.
    """
    slack = _FIT_SLACK * line.size
    centred_under = abs((next_line.x0 + next_line.x1) - (line.x0 + line.x1)) / 2 <= slack
    return next_line.x0 - line.x0 > slack and not centred_under


def _joiner(before: str, after: str) -> str:
    """Nothing: CJK text wraps anywhere, and a wrap at a space keeps the space glyph at the line's end."""
    return ""


def join_lines(lines: list[_Line], right_limit: float, pitch: float | None = None) -> list[list[_Line]]:
    """Split consecutive lines into paragraphs (lists of lines) by the fit test and the vertical gap."""
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if paragraphs:
            previous = paragraphs[-1][-1]
            gap = line.baseline - previous.baseline
            wide_gap = pitch is not None and gap > pitch * _PARAGRAPH_GAP_FACTOR
            if not wide_gap and is_soft_break(previous, line, right_limit):
                paragraphs[-1].append(line)
                continue
        paragraphs.append([line])
    return paragraphs


def paragraph_text(lines: list[_Line]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        text += _joiner(text, line.text) + line.text
    return text


def line_pitch(lines: list[_Line]) -> float | None:
    """The distance between the baselines of consecutive lines of one paragraph.

    The smallest gap that recurs: most gaps may be paragraph gaps (one-line paragraphs with spacing).
    """
    return pitch_of_pairs(list(zip(lines, lines[1:])))


def pitch_of_pairs(pairs: list[tuple[_Line, _Line]]) -> float | None:
    """line_pitch over given pairs of consecutive lines."""
    gaps = [round(b.baseline - a.baseline) for a, b in pairs if 0.8 * a.size < b.baseline - a.baseline < 3 * a.size]
    if not gaps:
        return None
    recurring = [g for g in set(gaps) if gaps.count(g) >= max(2, len(gaps) // 20)] or gaps
    return float(min(recurring))


def cell_text(lines: list[_Line], right_limit: float, pitch: float | None) -> str:
    return "\n".join(paragraph_text(p) for p in join_lines(lines, right_limit, pitch))


# --- one page --------------------------------------------------------------------------------------------

def _center(obj: dict) -> tuple[float, float]:
    return (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2


def _center_inside(obj: dict, bbox: tuple) -> bool:
    x, y = _center(obj)
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


@dataclass
class CharIndex:
    """A table's chars ordered by the height of their centre, so that a cell's chars are found by bisection
    instead of testing every char of the table against every cell (which made reading quadratic)."""

    ys: list[float]  # centre heights, ascending
    entries: list[tuple[float, int, dict]]  # (centre x, position in the table's char list, char), same order


def index_chars(chars: list) -> CharIndex:
    centred = sorted(((*_center(ch), position, ch) for position, ch in enumerate(chars)), key=lambda e: e[1])
    return CharIndex([y for _, y, _, _ in centred], [(x, position, ch) for x, _, position, ch in centred])


def chars_in(index: CharIndex, bbox: tuple) -> list:
    """The chars whose centre lies in bbox (edges included), in their original order — what
    ``[c for c in chars if _center_inside(c, bbox)]`` gives."""
    low = bisect.bisect_left(index.ys, bbox[1])
    high = bisect.bisect_right(index.ys, bbox[3])
    found = sorted((position, ch) for x, position, ch in index.entries[low:high] if bbox[0] <= x <= bbox[2])
    return [ch for _, ch in found]


def _column_edges(table) -> list[float]:
    edges = sorted({round(c[0], 1) for c in table.cells} | {round(c[2], 1) for c in table.cells})
    merged: list[float] = []
    for x in edges:
        if not merged or x - merged[-1] > _COLUMN_TOLERANCE:
            merged.append(x)
    return merged


def is_uniform_grid(edges: list[float]) -> bool:
    """Columns all of one width: the fingerprint of a grid generated by a converter, not laid out by a person."""
    widths = [b - a for a, b in zip(edges, edges[1:])]
    return len(widths) >= _MIN_HEADER_CELLS and max(widths) - min(widths) <= _COLUMN_TOLERANCE


def _grid_column(edges: list[float], x: float) -> int:
    return max(0, bisect.bisect_right(edges, x + _COLUMN_TOLERANCE) - 1)


def _read_table(page_number: int, index: int, table, chars: list) -> _TableItem:
    edges = _column_edges(table)
    rows: list[list] = []
    row_tops: list[float] = []
    rights: list[list[float]] = []
    spans: list[list[int]] = []
    has_merge = False
    columns = table.columns  # a property that sorts all cells: computed once
    by_height = index_chars(chars)
    for row in table.rows:
        cells_here = [c for c in row.cells if c is not None]
        emitted: list = []
        right: list[float] = []
        span: list[int] = []
        for column_index, bbox in enumerate(row.cells):
            if bbox is None:
                has_merge = True
                column_x = None
                # covered by a cell of the same row → horizontal merge → absent; otherwise vertical → empty
                try:
                    column_x = (columns[column_index].bbox[0] + columns[column_index].bbox[2]) / 2
                except (AttributeError, IndexError):
                    pass
                if column_x is not None and any(c[0] < column_x < c[2] for c in cells_here):
                    continue
                grid = _grid_column(edges, columns[column_index].bbox[0]) + 1 if column_x is not None \
                    else column_index + 1
                emitted.append((grid, []))
                right.append(0.0)
                span.append(1)
                continue
            lines = chars_to_lines(chars_in(by_height, bbox))
            left_pad = min((ln.x0 for ln in lines), default=bbox[0]) - bbox[0]
            first = _grid_column(edges, bbox[0])
            emitted.append((first + 1, lines))
            right.append(bbox[2] - max(0.0, min(left_pad, (bbox[2] - bbox[0]) / 4)))
            span.append(max(1, _grid_column(edges, bbox[2]) - first))
        rows.append(emitted)
        row_tops.append(row.bbox[1])
        rights.append(right)
        spans.append(span)
    return _TableItem(page=page_number, index=index, top=table.bbox[1], columns=edges, rows=rows,
                      row_tops=row_tops, cell_right=rights, flattened=not has_merge and is_uniform_grid(edges),
                      spans=spans)


def _read_page(page: PageObjects, page_number: int) -> list:
    """The page's tables and text lines, ordered top to bottom."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]  # a property computed over all cells: once per table
    chars = [c for c in page.chars if c.get("upright", True)]
    items: list = []
    table_chars: list[list] = [[] for _ in tables]
    free_chars: list = []
    for ch in chars:
        for i, box in enumerate(boxes):
            if _center_inside(ch, box):
                table_chars[i].append(ch)
                break
        else:
            free_chars.append(ch)
    for i, table in enumerate(tables):
        items.append((boxes[i][1], _read_table(page_number, i + 1, table, table_chars[i])))
    for number, line in enumerate(chars_to_lines(free_chars), start=1):
        if line.text.strip():
            items.append((line.top, _TextItem(page_number, number, line, page.width)))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


# --- rows of a table item ------------------------------------------------------------------------------------

def flattened_row_width(texts: list[str], header_width: int | None) -> tuple[int, int | None]:
    """Cell count of a row of a flattened grid (see module doc) and the header width for the next row.

    * an all-empty row keeps the grid's width (nothing tells which of its cells were merged);
    * a column header is a row of at least 5 cells filled from the second cell to its last filled one
      (the first may be a merged block label) with labels only (no digit: data rows carry numbers); rows below it whose first cell is empty belong to its block
      and keep its width (KPI and budget rows are read by position, their last columns are often empty);
    * rows of the national template whose last cell may be blank keep their printed width
      (合计 | 权重 | 得分 | blank; ∅ | 2.项目实施内容及过程概述 | summary);
    * any other row drops its trailing empty cells, and a labelled row ends the header's block.
    """
    filled = [bool(t.strip()) for t in texts]
    last = max((i for i, f in enumerate(filled) if f), default=-1)
    if last < 0:
        return len(texts), header_width
    if last >= _MIN_HEADER_CELLS - 1 and all(filled[1:last + 1]) and \
            not any(re.search(r"\d", t) for t in texts[1:last + 1]):
        return last + 1, last + 1
    if not filled[0] and header_width is not None and last < header_width:
        return header_width, header_width
    if filled[0]:
        header_width = None
    label = next((re.sub(r"\s+", "", t) for t in texts if t.strip()), "")
    width = max(last + 1, _TEMPLATE_ROW_WIDTHS.get(label, 0))
    return min(width, len(texts)), header_width


def _cell_lines_texts(item: _TableItem, pitch: float | None) -> list[list[str]]:
    return [[cell_text(lines, item.cell_right[r][c], pitch) if lines else "" for c, (_, lines) in enumerate(row)]
            for r, row in enumerate(item.rows)]


def _same_columns(a: _TableItem, b: _TableItem) -> bool:
    return len(a.columns) == len(b.columns) and all(abs(x - y) <= _COLUMN_TOLERANCE
                                                     for x, y in zip(a.columns, b.columns))


def _is_split_row(previous_lines: list, previous_rights: list[float], fragment_lines: list) -> bool:
    """The first row on a page continues the last row of the previous page.

    At least one of its cells continues a cell whose last line was wrapped by the writer, and none of its
    filled cells sits under an empty cell or under a cell that ended its text on purpose.
    """
    if len(previous_lines) != len(fragment_lines):
        return False
    continued = False
    for before, right, after in zip(previous_lines, previous_rights, fragment_lines):
        if not after:
            continue
        if not before or not is_soft_break(before[-1], after[0], right):
            return False
        continued = True
    return continued


# --- document ------------------------------------------------------------------------------------------------

def open_pdf(data: bytes):
    if not data.startswith(b"%PDF-"):
        raise PdfReadError("not a PDF file (no %PDF- header)")
    try:
        pdf = pdfplumber.open(BytesIO(data))
        pages = pdf.pages
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PdfReadError(f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # pdfminer raises many private exception types for broken files
        raise PdfReadError(f"unreadable PDF: {type(exc).__name__}: {exc}") from exc
    if not pages:
        raise PdfReadError("PDF without pages")
    return pdf


def read_pdf(document_id: str, source_file: str, data: bytes) -> Document:
    with collector_paused():
        pdf = open_pdf(data)
        items: list = []
        number = 0
        try:
            for number, page in enumerate(pdf.pages, start=1):
                items.extend(_read_page(read_page_objects(pdf, page), number))
        except PdfReadError:
            raise
        except Exception as exc:  # a page that pdfminer cannot parse: the whole document is quarantined
            raise PdfReadError(f"corrupt PDF (page {number}): {type(exc).__name__}: {exc}") from exc
        finally:
            pdf.close()
        return Document(document_id=document_id, source_file=source_file, file_format="pdf",
                        blocks=_assemble(items))


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while a document is read, and restore it afterwards.

    Reading keeps every char of the document (a dict each, in lists held by lines) until the paragraphs and
    tables are assembled: the heap grows by about a million objects, and the collector walks it again and
    again although reference counting frees nearly all of it (the few cycles, in pdfminer's document
    objects, are collected after reading). That walking was a quarter of the reading time of the reference
    PDF (docs/pdf_reading.md).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class _TextGeometry:
    """Where text lines end and how far apart they are, measured on the document's own text lines.

    Kept per page width (portrait and landscape pages have different text columns) and per font size
    (a report in 15 pt double spacing may carry 10 pt notes on its table pages).
    """

    right_limits: dict  # rounded page width -> right limit of the text column
    pitches: dict  # rounded font size -> line pitch
    pitch: float | None  # over all lines: the fallback, and the pitch of table cells

    def right_limit(self, item: _TextItem) -> float:
        return self.right_limits.get(round(item.page_width), max(self.right_limits.values(), default=0.0))

    def line_pitch(self, line: _Line) -> float | None:
        return self.pitches.get(round(line.size)) or self.pitch


def text_column_right(lines: list[_Line], page_width: float) -> float:
    """The right limit of the text column: the furthest end of a line at least half the page wide.

    Short lines are left out: a right-aligned label ("单位：万元" above a table) may stick out of the
    text column, and on a page of another orientation it would widen the column of every page.
    """
    wide = [line.x1 for line in lines if line.x1 - line.x0 >= page_width / 2]
    return max(wide or [line.x1 for line in lines], default=0.0)


def _text_geometry(items: list) -> _TextGeometry:
    text_items = [i for i in items if isinstance(i, _TextItem)]
    by_width: dict = {}
    by_size: dict = {}
    for item in text_items:
        by_width.setdefault(round(item.page_width), []).append(item.line)
    right_limits = {width: text_column_right(lines, width) for width, lines in by_width.items()}
    # pitches from consecutive lines of one page and one size only
    for previous, item in zip(text_items, text_items[1:]):
        if previous.page == item.page and round(previous.line.size) == round(item.line.size):
            by_size.setdefault(round(item.line.size), []).append((previous.line, item.line))
    pitches = {size: pitch_of_pairs(pairs) for size, pairs in by_size.items()}
    known = {size: pitch for size, pitch in pitches.items() if pitch}
    return _TextGeometry(right_limits, known, line_pitch([i.line for i in text_items]))


def _assemble(items: list) -> list:
    geometry = _text_geometry(items)
    blocks: list = []
    text_run: list[_TextItem] = []
    pending = _PendingTable()

    def flush_text() -> None:
        if not text_run:
            return
        # lines of one page follow each other by pitch; across pages only the fit test decides
        paragraphs: list[list[_TextItem]] = []
        for item in text_run:
            if paragraphs:
                previous = paragraphs[-1][-1]
                same_page = previous.page == item.page
                pitch = geometry.line_pitch(previous.line)
                gap_ok = not same_page or pitch is None or \
                    item.line.baseline - previous.line.baseline <= pitch * _PARAGRAPH_GAP_FACTOR
                if gap_ok and not is_indented(previous.line, item.line) and \
                        is_soft_break(previous.line, item.line, geometry.right_limit(previous)):
                    paragraphs[-1].append(item)
                    continue
            paragraphs.append([item])
        for paragraph in paragraphs:
            first = paragraph[0]
            text = paragraph_text([i.line for i in paragraph])
            blocks.append(Paragraph(text=text, location=f"page {first.page} line {first.number}"))
        text_run.clear()

    def flush_table() -> None:
        if pending.rows:
            blocks.append(Table(rows=tuple(pending.rows), location=pending.location))
        pending.rows = []
        pending.last_item = None
        pending.last_row_lines = []
        pending.last_rights = []
        pending.header_width = None

    for position, item in enumerate(items):
        if isinstance(item, _TextItem):
            flush_table()
            text_run.append(item)
            continue
        flush_text()
        previous = pending.last_item
        continues = previous is not None and previous.page == item.page - 1 and _same_columns(previous, item)
        if not continues:
            flush_table()
            pending.location = f"page {item.page} table {item.index}"
        _append_table_rows(pending, item, geometry.pitch, continues)
    flush_text()
    flush_table()
    return blocks


def _append_table_rows(pending: _PendingTable, item: _TableItem, pitch: float | None, continues: bool) -> None:
    cell_pitch = line_pitch([ln for row in item.rows for _, lines in row for ln in lines]) or pitch
    raw_rows = [[lines for _, lines in row] for row in item.rows]
    start = 0
    if continues and pending.rows and raw_rows and _is_split_row(pending.last_row_lines, pending.last_rights,
                                                                 raw_rows[0]):
        merged = [before + after for before, after in zip(pending.last_row_lines, raw_rows[0])]
        last = pending.rows.pop()  # the fragment continues the last row: rebuild it from both halves
        texts = [_merged_cell_text(before, after, right, cell_pitch)
                 for before, after, right in zip(pending.last_row_lines, raw_rows[0], pending.last_rights)]
        filled = [i for i, t in enumerate(texts) if t.strip()]
        width = max(len(last.cells), filled[-1] + 1 if filled else 1)
        locations = [c.location for c in last.cells] + [f"{last.location} col {i + 1}"
                                                         for i in range(len(last.cells), width)]
        grid = [(c.column, c.span) for c in last.cells] + [(None, 1)] * (width - len(last.cells))
        pending.rows.append(_row_from_texts(texts[:width], last.location, locations, grid))
        pending.last_row_lines = merged
        start = 1
    texts = _cell_lines_texts(item, cell_pitch)
    for r in range(start, len(item.rows)):
        where = f"page {item.page} table {item.index} row {r + 1}"
        columns = [column for column, _ in item.rows[r]]
        width = len(texts[r])
        if item.flattened:
            width, pending.header_width = flattened_row_width(texts[r], pending.header_width)
        cell_texts = (texts[r] + [""] * width)[:width]
        cell_locations = [f"{where} col {columns[c] if c < len(columns) else c + 1}" for c in range(width)]
        spans = item.spans[r] if item.spans else []
        grid = [(columns[c], spans[c] if c < len(spans) else 1) if c < len(columns) else (None, 1)
                for c in range(width)]
        pending.rows.append(_row_from_texts(cell_texts, where, cell_locations, grid))
        pending.last_row_lines = raw_rows[r]
        pending.last_rights = item.cell_right[r]
    if start == 1 and len(item.rows) == 1:
        pending.last_rights = item.cell_right[0]
    pending.last_item = item


def _merged_cell_text(before: list, after: list, right: float, pitch: float | None) -> str:
    if not before or not after:
        return cell_text(before or after, right, pitch) if (before or after) else ""
    head = cell_text(before, right, pitch)
    tail = cell_text(after, right, pitch)
    return head + _joiner(head, tail) + tail


def _row_from_texts(texts: list[str], location: str, cell_locations: list[str],
                    grid: list[tuple[int | None, int]]) -> Row:
    cells = tuple(Cell(text=t, location=loc, column=column, span=span)
                  for t, loc, (column, span) in zip(texts, cell_locations, grid))
    return Row(cells=cells, location=location)

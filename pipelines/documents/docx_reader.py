"""Reader for Word (.docx) reports: the body in order, paragraphs and tables interleaved.

The cell grid follows the text rendition of the same report (golden catalogue §0), so that the table
parsers see the same rows whatever the format:

* a vertically merged continuation cell (``w:vMerge`` without ``restart``) is an EMPTY cell;
* a horizontally merged cell (``w:gridSpan``) is ONE cell — python-docx's ``row.cells`` would repeat it
  once per grid column, so rows are read from their ``w:tc`` elements instead;
* a cell's text is its paragraphs joined with '\\n' (soft breaks inside a paragraph are '\\n' too);
* grid padding: some writers (e.g. a converter that rebuilt the DOCX from the text rendition, like our
  reference fixture) flatten merges into a uniform grid and pad each row with cells that were never
  written (a bare ``<w:p/>``, no run), while written-but-empty cells carry an empty run. When a table
  shows that distinction (it has at least one empty cell WITH a run), trailing run-less cells of a row
  are padding and are dropped — the same row as in the text rendition. A table without that evidence is
  read cell for cell (a genuinely empty last column such as 未完成原因分析 must not be lost).

Empty paragraphs are dropped (the text rendition has no paragraph for a blank line), but paragraph
numbers in locations count every body paragraph so that "paragraph 57" can be found in Word.
"""
from io import BytesIO
from zipfile import BadZipFile

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from .model import Cell, Document, Paragraph, Row, Table

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_TC_PR, _V_MERGE, _GRID_SPAN, _VAL = qn("w:tcPr"), qn("w:vMerge"), qn("w:gridSpan"), qn("w:val")
_R, _T = qn("w:r"), qn("w:t")
_TR_PR, _GRID_BEFORE = qn("w:trPr"), qn("w:gridBefore")


class DocxReadError(ValueError):
    """The file is not a readable Word document (corrupt or truncated container, missing body)."""


def _children(element) -> list:
    """Direct children, looking through content controls / custom XML wrappers (they only wrap content)."""
    found = []
    for child in element:
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                found.extend(_children(content))
        elif child.tag == _CUSTOM_XML:
            found.extend(_children(child))
        else:
            found.append(child)
    return found


def paragraph_text(p_element, parent) -> str:
    """python-docx's paragraph text: runs and hyperlinks, w:tab → TAB, w:br/w:cr → newline."""
    return DocxParagraph(p_element, parent).text


def is_vertical_continuation(tc) -> bool:
    """A ``w:vMerge`` without ``w:val="restart"`` continues the cell above: rendered as an empty cell."""
    tc_pr = tc.find(_TC_PR)
    if tc_pr is None:
        return False
    v_merge = tc_pr.find(_V_MERGE)
    return v_merge is not None and v_merge.get(_VAL, "continue") != "restart"


def cell_text(tc, parent) -> str:
    """The cell's paragraphs joined with '\\n' (a nested table contributes its cells' paragraphs in order)."""
    parts: list[str] = []
    for child in _children(tc):
        if child.tag == _P:
            parts.append(paragraph_text(child, parent))
        elif child.tag == _TBL:
            for row in _children(child):
                if row.tag == _TR:
                    parts.extend(cell_text(inner, parent) for inner in _children(row) if inner.tag == _TC)
    return "\n".join(parts)


def _has_run(tc) -> bool:
    return next(tc.iter(_R), None) is not None


def _is_never_written(tc) -> bool:
    """No run at all and no merge markup: a cell nobody typed into."""
    return not _has_run(tc) and not is_vertical_continuation(tc) and tc.find(f"{_TC_PR}/{_GRID_SPAN}") is None


def marks_written_empty_cells(row_cells: list[list]) -> bool:
    """True when some empty cell carries an (empty) run: the writer tells written cells from grid padding."""
    return any(_has_run(tc) and not "".join(t.text or "" for t in tc.iter(_T)).strip()
               for cells in row_cells for tc in cells)


def without_trailing_padding(cells: list) -> list:
    """Drop the never-written cells at the end of a row (keep at least one cell)."""
    end = len(cells)
    while end > 1 and _is_never_written(cells[end - 1]):
        end -= 1
    return cells[:end]


def _int_val(element, path: str, default: int) -> int:
    found = element.find(path)
    try:
        return int(found.get(_VAL)) if found is not None else default
    except (TypeError, ValueError):
        return default


def grid_span(tc) -> int:
    """How many grid columns a ``w:tc`` covers (``w:gridSpan``, 1 when absent)."""
    return max(1, _int_val(tc, f"{_TC_PR}/{_GRID_SPAN}", 1))


def grid_positions(tr, tcs: list) -> list[tuple[int, int]]:
    """(first grid column, span) of each cell: rows may skip leading grid columns (``w:gridBefore``)."""
    column = 1 + _int_val(tr, f"{_TR_PR}/{_GRID_BEFORE}", 0)
    positions = []
    for tc in tcs:
        span = grid_span(tc)
        positions.append((column, span))
        column += span
    return positions


def read_table(tbl, parent, table_number: int) -> Table | None:
    """One Word table → Table; one Cell per ``w:tc`` (merged continuation cells empty)."""
    trs = [tr for tr in _children(tbl) if tr.tag == _TR]
    row_cells = [[c for c in _children(tr) if c.tag == _TC] for tr in trs]
    if marks_written_empty_cells(row_cells):
        row_cells = [without_trailing_padding(cells) for cells in row_cells]
    rows: list[Row] = []
    for tr, tcs in zip(trs, row_cells):
        row_number = len(rows) + 1
        where = f"table {table_number} row {row_number}"
        cells = tuple(
            Cell(text="" if is_vertical_continuation(tc) else cell_text(tc, parent),
                 location=f"{where} col {col}", column=grid, span=span)
            for col, (tc, (grid, span)) in enumerate(zip(tcs, grid_positions(tr, tcs)), start=1)
        )
        if cells:
            rows.append(Row(cells=cells, location=where))
    if not rows:
        return None
    return Table(rows=tuple(rows), location=f"table {table_number}")


def open_word_document(data: bytes):
    """Open the container; every failure becomes a DocxReadError carrying the reason."""
    try:
        return open_docx(BytesIO(data))
    except (BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError) as exc:
        raise DocxReadError(f"unreadable Word document: {type(exc).__name__}: {exc}") from exc


def read_docx(document_id: str, source_file: str, data: bytes) -> Document:
    word = open_word_document(data)
    body = word.element.body
    parent = word._body  # python-docx parent object for Paragraph proxies
    blocks: list = []
    paragraph_number = table_number = 0
    for child in _children(body):
        if child.tag == _P:
            paragraph_number += 1
            text = paragraph_text(child, parent)
            if text.strip(" \t\u3000\r\n"):
                blocks.append(Paragraph(text=text, location=f"paragraph {paragraph_number}"))
        elif child.tag == _TBL:
            table_number += 1
            table = read_table(child, parent, table_number)
            if table is not None:
                blocks.append(table)
    return Document(document_id=document_id, source_file=source_file, file_format="docx", blocks=blocks)

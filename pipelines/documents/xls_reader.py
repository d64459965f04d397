"""Reader for legacy Excel workbooks (.xls, BIFF in an OLE2 container), through xlrd.

Same rules as the .xlsx reader (see ``xlsx_reader``): visible sheets in workbook order, each laid out by
``sheet_grid.sheet_blocks``; hidden sheets skipped; formula cells show the result the file stores; numbers
are printed by their cell's number format. BIFF stores every number as a double (or an RK integer ×
1/100): ``repr`` gives its shortest round-trip text, from which the Decimal is made.
"""
import io

import xlrd

from .model import Document
from .sheet_grid import Merge, Sheet, SheetCell
from .xlsx_reader import XlsxReadError, document_from_sheets, printed_value, visible_sheets

_SIDES = ("left_line_style", "right_line_style", "top_line_style", "bottom_line_style")


class XlsReadError(XlsxReadError):
    """The file is not a readable legacy Excel workbook."""


def cell_value(book, cell):
    """xlrd's cell → the Python value openpyxl would give (so both formats print through one function)."""
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(cell.value, book.datemode)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return float(cell.value)
    return cell.value


def number_format(book, xf_index: int) -> str | None:
    xf = book.xf_list[xf_index] if 0 <= xf_index < len(book.xf_list) else None
    found = book.format_map.get(xf.format_key) if xf is not None else None
    return found.format_str if found is not None else None


def is_ruled(book, xf_index: int) -> bool:
    if not 0 <= xf_index < len(book.xf_list):
        return False
    border = book.xf_list[xf_index].border
    return any(getattr(border, side, 0) for side in _SIDES)


def sheet_from_xlrd(book, sheet) -> Sheet:
    cells = {}
    for rowx in range(sheet.nrows):
        for colx, cell in enumerate(sheet.row(rowx)):
            text = printed_value(cell_value(book, cell), number_format(book, cell.xf_index))
            ruled = is_ruled(book, cell.xf_index)
            if text or ruled:
                cells[(rowx + 1, colx + 1)] = SheetCell(text=text, ruled=ruled)
    # xlrd: (first row, row after last, first col, col after last), 0-based
    merges = tuple(Merge(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells)
    return Sheet(name=sheet.name, cells=cells, merges=merges)


def read_xls(document_id: str, source_file: str, data: bytes) -> Document:
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
        sheets = [sheet_from_xlrd(book, s) if s.visibility == 0 else None for s in book.sheets()]
    except Exception as exc:  # xlrd's failures on broken files are not a closed set (OLE2, BIFF records)
        raise XlsReadError(f"unreadable legacy Excel workbook (.xls): {type(exc).__name__}: {exc}") from exc
    return document_from_sheets(document_id, source_file, "xls", visible_sheets(sheets))

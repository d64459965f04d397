"""Spreadsheet readers (.xlsx, .xls): the S01 statements workbook against values read off the PDF, the layout
rules on small workbooks built here, broken files, and equality with the PDF reader's tables.

Expected texts were read by hand off S01's PDF (pages 6-20), not produced by the reader.
"""
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Border, Side

from pipelines.documents.identify import sniff_format
from pipelines.documents.model import Paragraph, Table
from pipelines.documents.pdf_reader import read_pdf
from pipelines.documents.readers import read_document
from pipelines.documents.xls_reader import XlsReadError, read_xls
from pipelines.documents.xlsx_reader import XlsxReadError, read_xlsx

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
WORKBOOK = FIXTURES / "xlsx" / "s01_putuo_czj_2024_statements.xlsx"
LEGACY_WORKBOOK = FIXTURES / "xlsx" / "s01_putuo_czj_2024_statements.xls"
S01_PDF = FIXTURES / "peer" / "S01_putuo_czj_2024_final_GOOD.pdf"

NINE_TITLES = [
    "收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表", "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]
THIN = Side(style="thin")
RULED = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@pytest.fixture(scope="module")
def s01():
    return read_xlsx("s01", WORKBOOK.name, WORKBOOK.read_bytes())


def statement(document, title: str) -> Table:
    """The first table after the paragraph printing ``title``."""
    seen = False
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.text == title:
            seen = True
        elif isinstance(block, Table) and seen:
            return block
    raise AssertionError(f"no table after {title!r}")


def cells(row) -> list[tuple[str, int, int]]:
    return [(c.text, c.column, c.span) for c in row.cells]


def row_starting(table: Table, text: str):
    return next(r for r in table.rows if r.cells[0].text == text)


# --- the S01 workbook ------------------------------------------------------------------------------------

def test_sheets_in_workbook_order_with_titles_and_unit_as_paragraphs(s01):
    assert s01.file_format == "xlsx"
    titles = [b.text for b in s01.paragraphs() if b.location.endswith("row 1 col A")]
    assert titles == NINE_TITLES
    assert len(list(s01.tables())) == 9
    # the workbook's tenth sheet, a hidden helper list, is not read
    assert not any("辅助" in b.location for b in s01.blocks)
    first = s01.blocks[:4]
    assert [(b.text, b.location) for b in first[:3]] == [
        ("收入支出决算总表", "sheet 收入支出决算总表 row 1 col A"),
        ("编制单位：上海市普陀区财政局", "sheet 收入支出决算总表 row 2 col A"),
        ("单位：万元", "sheet 收入支出决算总表 row 2 col D"),
    ]
    assert isinstance(first[3], Table) and first[3].location == "sheet 收入支出决算总表 rows 3-34"


def test_summary_statement_cells_and_locations(s01):
    table = statement(s01, "收入支出决算总表")
    assert cells(table.rows[0]) == [("收入", 1, 2), ("支出", 3, 2)]
    first = row_starting(table, "一、一般公共预算财政拨款收入")
    assert first.texts == ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]
    assert first.location == "sheet 收入支出决算总表 row 5"
    assert first.cells[1].location == "sheet 收入支出决算总表 row 5 col B"
    # a blank amount is an empty text, not "0"
    assert row_starting(table, "二、政府性基金预算财政拨款收入").texts == [
        "二、政府性基金预算财政拨款收入", "", "二、外交支出", ""]
    assert row_starting(table, "八、其他收入").texts == ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"]
    assert table.rows[-1].texts == ["总计", "2,995.39", "总计", "2,995.39"]


def test_income_statement_header_merges(s01):
    table = statement(s01, "收入决算表")
    assert cells(table.rows[0]) == [
        ("项目", 1, 4), ("本年收入合计", 5, 1), ("财政拨款收入", 6, 1), ("上级补助收入", 7, 1), ("事业收入", 8, 1),
        ("经营收入", 9, 1), ("附属单位上缴收入", 10, 1), ("其他收入", 11, 1)]
    # vertically merged header cells continue as empty cells in the rows below
    assert cells(table.rows[1]) == [("支出功能分类", 1, 3), ("科目名称", 4, 1)] + [("", c, 1) for c in range(5, 12)]
    assert cells(table.rows[2]) == [("科目编码", 1, 3)] + [("", c, 1) for c in range(4, 12)]
    assert table.rows[3].texts == ["类", "款", "项", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"]
    assert row_starting(table, "201").texts == [
        "201", "", "", "一般公共服务支出", "2,112.86", "2,106.66", "", "", "", "", "6.20"]
    assert table.rows[-1].texts == ["221", "02", "03", "购房补贴", "258.50", "258.50", "", "", "", "", ""]


def test_three_public_header_columns_and_spans(s01):
    table = statement(s01, "财政拨款“三公”经费支出决算表")
    assert [cells(r) for r in table.rows[:3]] == [
        [("财政拨款“三公”经费", 1, 12)],
        [("合计", 1, 2), ("因公出国（境）费", 3, 2), ("公务用车购置及运行费", 5, 6), ("公务接待费", 11, 2)],
        [("", 1, 2), ("", 3, 2), ("小计", 5, 2), ("公务用车购置费", 7, 2), ("公务用车运行费", 9, 2), ("", 11, 2)],
    ]
    assert table.rows[3].texts == ["预算数", "决算数"] * 6
    assert table.rows[4].texts == ["0.95"] + [""] * 9 + ["0.95", ""]


def test_merged_total_row_and_thousands_separator(s01):
    gpb = statement(s01, "一般公共预算财政拨款支出决算表")
    assert cells(gpb.rows[-1]) == [("合计", 1, 4), ("2,940.05", 5, 1), ("2,336.91", 6, 1), ("603.14", 7, 1)]
    basic = statement(s01, "一般公共预算财政拨款基本支出决算表")
    assert cells(basic.rows[-1]) == [
        ("人员经费合计", 1, 3), ("2,152.26", 4, 1), ("公用经费合计", 5, 3), ("184.65", 8, 1)]
    assert row_starting(basic, "301").texts[:4] == ["301", "", "工资福利支出", "2,082.85"]


def test_empty_statement_keeps_its_empty_lines_and_the_note_below(s01):
    fund = statement(s01, "政府性基金预算财政拨款收入支出决算表")
    assert len(fund.rows) == 12  # three header rows, eight empty lines, 合计
    assert all(not any(r.texts) for r in fund.rows[3:11])
    assert cells(fund.rows[-1])[0] == ("合计", 1, 4)
    index = s01.blocks.index(fund)
    note = s01.blocks[index + 1]
    assert isinstance(note, Paragraph)
    assert note.text == "注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。"
    assert note.location == "sheet 政府性基金预算财政拨款收入支出决算表 row 15 col A"


def test_legacy_xls_reads_as_the_same_document(s01):
    """The .xls fixture holds the same sheets (its helper sheet hidden too): same blocks, texts, places."""
    legacy = read_xls("s01", WORKBOOK.name, LEGACY_WORKBOOK.read_bytes())
    assert legacy.file_format == "xls"
    assert legacy.blocks == s01.blocks


def test_formats_are_sniffed_and_dispatched():
    assert sniff_format(WORKBOOK.read_bytes(), "x.pdf").file_format == "xlsx"
    assert sniff_format(LEGACY_WORKBOOK.read_bytes(), "x.txt").file_format == "xls"
    document = read_document("id", "w.xls", "xls", LEGACY_WORKBOOK.read_bytes())
    assert document.file_format == "xls" and len(list(document.tables())) == 9


# --- layout rules on small workbooks ----------------------------------------------------------------------

def _xlsx(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _ruled(sheet, rows: list[list], top: int = 1, left: int = 1) -> None:
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = sheet.cell(row=top + r, column=left + c, value=value)
            cell.border = RULED


def _replace_in_sheet(data: bytes, old: str, new: str, sheet_xml: str = "xl/worksheets/sheet1.xml") -> bytes:
    """Rewrite a part of the package, e.g. to store a formula's cached value as Excel would."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == sheet_xml:
                assert old in content.decode()
                content = content.decode().replace(old, new).encode()
            out.writestr(item, content)
    return target.getvalue()


def test_numbers_formulas_dates_as_printed():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "数"
    _ruled(sheet, [["a", 0.1], ["b", 0.2], ["formula", "=B1+B2"], ["uncached", "=B1*2"],
                   ["fmt", 6.2], ["int", 2940], ["date", None]])
    sheet["B5"].number_format = "0.00"
    sheet["B7"] = date(2024, 12, 31)
    data = _xlsx(workbook)
    # Excel stores the binary result of 0.1+0.2 with 17 digits; openpyxl wrote no cached value for B4
    data = _replace_in_sheet(data, "<f>B1+B2</f><v></v>", "<f>B1+B2</f><v>0.30000000000000004</v>")
    rows = [r.texts for r in next(read_xlsx("id", "n.xlsx", data).tables()).rows]
    assert rows == [["a", "0.1"], ["b", "0.2"], ["formula", "0.3"], ["uncached", ""], ["fmt", "6.20"],
                    ["int", "2940"], ["date", "2024-12-31"]]


def test_hidden_sheets_are_skipped():
    workbook = Workbook()
    workbook.active.title = "shown"
    _ruled(workbook.active, [["a", "b"]])
    for state in ("hidden", "veryHidden"):
        sheet = workbook.create_sheet(state)
        _ruled(sheet, [["secret", "x"]])
        sheet.sheet_state = state
    document = read_xlsx("id", "h.xlsx", _xlsx(workbook))
    assert [r.location for r in document.rows()] == ["sheet shown row 1"]


def test_trailing_empty_rows_and_columns_are_not_emitted_and_columns_count_from_the_grid():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "s"
    _ruled(sheet, [["项目", "决算数", None], [None, "1.00", None], [None, None, None]], top=3, left=2)
    sheet["B1"] = "标题"
    table = next(read_xlsx("id", "t.xlsx", _xlsx(workbook)).tables())
    assert [cells(r) for r in table.rows] == [[("项目", 1, 1), ("决算数", 2, 1)], [("", 1, 1), ("1.00", 2, 1)]]
    assert table.rows[0].cells[0].location == "sheet s row 3 col B"
    assert table.location == "sheet s rows 3-4"


def test_a_sheet_without_borders_takes_its_single_text_rows_as_titles():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "bare"
    for row in (["支出决算表"], ["编制单位：某局", None, "单位：万元"], ["项目", "决算数", None], ["合计", 3, None]):
        sheet.append(row)
    document = read_xlsx("id", "b.xlsx", _xlsx(workbook))
    assert [b.text for b in document.paragraphs()] == ["支出决算表", "编制单位：某局", "单位：万元"]
    assert [r.texts for r in document.rows()] == [["项目", "决算数"], ["合计", "3"]]


def test_a_range_merged_across_rows_and_columns_continues_as_one_empty_cell():
    workbook = Workbook()
    sheet = workbook.active
    _ruled(sheet, [["合计", None, "x"], [None, None, "y"], ["1", "2", "3"]])
    sheet.merge_cells("A1:B2")
    rows = [cells(r) for r in next(read_xlsx("id", "m.xlsx", _xlsx(workbook)).tables()).rows]
    assert rows == [[("合计", 1, 2), ("x", 3, 1)], [("", 1, 2), ("y", 3, 1)],
                    [("1", 1, 1), ("2", 2, 1), ("3", 3, 1)]]


# --- broken files -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"PK\x03\x04 not a zip at all",
    WORKBOOK.read_bytes()[:5000],  # truncated download
    b"",
])
def test_corrupt_workbooks_raise_a_readable_error(data):
    with pytest.raises(XlsxReadError, match="unreadable Excel workbook"):
        read_xlsx("id", "c.xlsx", data)
    assert issubclass(XlsxReadError, ValueError)


def test_broken_workbook_xml_raises_the_error():
    data = _replace_in_sheet(WORKBOOK.read_bytes(), "<sheets>", "<sheets><broken", "xl/workbook.xml")
    with pytest.raises(XlsxReadError):
        read_xlsx("id", "c.xlsx", data)


def test_a_workbook_with_only_hidden_sheets_is_an_error():
    workbook = Workbook()  # openpyxl refuses to write it: Excel would not either, but other writers do
    data = _replace_in_sheet(_xlsx(workbook), 'state="visible" r:id', 'state="hidden" r:id', "xl/workbook.xml")
    with pytest.raises(XlsxReadError, match="no visible worksheet"):
        read_xlsx("id", "h.xlsx", data)


def test_corrupt_legacy_workbook():
    data = LEGACY_WORKBOOK.read_bytes()
    with pytest.raises(XlsReadError, match=r"unreadable legacy Excel workbook \(\.xls\)"):
        read_xls("id", "c.xls", data[:4096])
    assert sniff_format(data[:512] + b"\x00" * 64, "c.xls").problem.startswith("corrupt OLE2")


# --- the same statements through the PDF reader -------------------------------------------------------------

AMOUNT = re.compile(r"\d\.\d\d$")


@pytest.fixture(scope="module")
def s01_pdf():
    return read_pdf("s01", S01_PDF.name, S01_PDF.read_bytes())


def printed_rows(table: Table) -> list:
    """Rows with some text. Empty rows are left out: the PDF adds one where a statement breaks across pages
    (收入支出决算总表 and 基本支出决算表 continue under an empty ruled row)."""
    return [row for row in table.rows if any(row.texts)]


def filled_cells(row) -> list[tuple[str, int, int]]:
    """Non-empty cells with their grid place; a line break inside a cell is dropped: the PDF keeps the
    printed break of a wrapped header ("对附属单位补\\n助支出"), the worksheet cell holds the text unbroken."""
    return [(c.text.replace("\n", ""), c.column, c.span) for c in row.cells if c.text]


@pytest.mark.parametrize("title", NINE_TITLES)
def test_statement_tables_match_the_pdf_row_by_row(s01, s01_pdf, title):
    """Rows holding an amount: every cell equal, blanks included (text, grid column, span). Header rows:
    the same filled cells in the same grid places. The one legitimate difference there: the PDF reader
    renders the continuation of a range merged across rows AND columns (三公's 合计, 因公出国（境）费 and
    公务接待费 over two rows) as one empty cell per grid column (and none for the first), the workbook reader as
    one empty cell of the range's span — both empty, so the filled cells agree."""
    workbook_rows, pdf_rows = printed_rows(statement(s01, title)), printed_rows(statement(s01_pdf, title))
    assert len(workbook_rows) == len(pdf_rows)
    for ours, theirs in zip(workbook_rows, pdf_rows):
        if any(AMOUNT.search(t) for t in theirs.texts):
            assert cells(ours) == cells(theirs), (ours.location, theirs.location)
        else:
            assert filled_cells(ours) == filled_cells(theirs), (ours.location, theirs.location)

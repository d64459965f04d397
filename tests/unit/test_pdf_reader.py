"""PDF reader: the reference report's PDF against its text rendition, peer-independent pure helpers, errors.

The reference PDF is read once per module (189 pages: a few seconds).
"""
import dataclasses
import re
from pathlib import Path

import pytest

from pipelines.documents.pdf_reader import (PdfReadError, _Line, chars_in, chars_to_lines, flattened_row_width,
                                             index_chars, is_indented, is_soft_break, read_pdf, text_column_right)
from pipelines.documents.text_reader import read_text
from pipelines.extract.department_kpi import extract_department_kpi
from pipelines.extract.overview import extract_expenditure_by_type, extract_income_by_source, extract_totals
from pipelines.extract.project_records import ProjectFundingRow, ProjectKpiRow, ProjectTable, ProjectTotalRow
from pipelines.extract.project_tables import extract_project_tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PEER = FIXTURES / "peer"


@pytest.fixture(scope="module")
def reference():
    txt = read_text("t", "luzhou_hrss_2023.txt", (FIXTURES / "luzhou_hrss_2023.txt").read_text("utf-8-sig"))
    pdf = read_pdf("p", "luzhou_hrss_2023.pdf", (FIXTURES / "luzhou_hrss_2023.pdf").read_bytes())
    return txt, pdf


def _without_location(records: list) -> list:
    return [dataclasses.replace(r, source_location="") for r in records]


def test_paragraphs_are_rebuilt_as_in_the_text_rendition(reference):
    txt, pdf = reference
    assert [p.text.strip() for p in pdf.paragraphs()] == [p.text.strip() for p in txt.paragraphs()]
    assert pdf.file_format == "pdf"


def test_tables_broken_across_pages_give_the_rows_of_the_text_rendition(reference):
    txt, pdf = reference
    txt_rows = [[c.text.strip() for c in r.cells] for r in txt.rows()]
    pdf_rows = [[c.text.strip() for c in r.cells] for r in pdf.rows()]
    assert len(pdf_rows) == len(txt_rows) == 1440
    differing = [i for i, (a, b) in enumerate(zip(txt_rows, pdf_rows)) if a != b]
    # known: one cell of two paragraphs whose first ends a full line before "2." — the break is invisible
    assert len(differing) == 1
    assert pdf_rows[differing[0]][1] == "2.项目实施内容及过程概述"


def test_project_tables_from_the_pdf_equal_the_text_rendition(reference):
    txt, pdf = reference
    from_txt = _without_location(extract_project_tables(txt))
    from_pdf = _without_location(extract_project_tables(pdf))
    assert sum(isinstance(r, ProjectTable) for r in from_pdf) == 56
    assert len(from_pdf) == len(from_txt) == 821
    for kind in (ProjectFundingRow, ProjectKpiRow, ProjectTotalRow):  # every budget, KPI and total row equal
        assert [r for r in from_pdf if isinstance(r, kind)] == [r for r in from_txt if isinstance(r, kind)]
    differing = [(a, b) for a, b in zip(from_txt, from_pdf) if a != b]
    assert len(differing) == 1
    a, b = differing[0]
    assert (type(b).__name__, b.table_seq) == ("ProjectTable", 52)
    assert b.implementation_summary == a.implementation_summary.replace("\n", "")


def test_department_kpi_and_narrative_figures_from_the_pdf_equal_the_text_rendition(reference):
    txt, pdf = reference
    assert _without_location(extract_department_kpi(pdf)) == _without_location(extract_department_kpi(txt))
    for extractor in (extract_totals, extract_income_by_source, extract_expenditure_by_type):
        assert _without_location(extractor(pdf)) == _without_location(extractor(txt))


def test_pdf_locations(reference):
    _, pdf = reference
    first = next(pdf.paragraphs())
    assert first.location == "page 1 line 1"
    assert all(re.fullmatch(r"page \d+ table \d+ row \d+", r.location) for r in pdf.rows())
    assert all(re.fullmatch(r"page \d+ table \d+ row \d+ col \d+", c.location) for r in pdf.rows() for c in r.cells)


# --- Shanghai Putuo reports: digits in another font than the sentence around them ------------------------

@pytest.fixture(scope="module")
def putuo():
    """S01 prints digits in Times New Roman inside FangSong sentences (their boxes sit ≈5 pt lower);
    S03 sets 15 pt double-spaced text on portrait pages and 10.4 pt notes on landscape table pages."""
    names = {"S01": "S01_putuo_czj_2024_final_GOOD.pdf", "S03": "S03_putuo_shgzb_2024_final.pdf"}
    return {key: [p.text for p in read_pdf(key, name, (PEER / name).read_bytes()).paragraphs()]
            for key, name in names.items()}


def test_sentences_with_digits_in_another_font_are_one_paragraph(putuo):
    # the sentences as printed (pdftotext -layout of S01, section 十一)
    assert "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是优化办公环境、提升照明效率，" \
           "更换了老旧照明设施，导致相关支出略有增加。" in putuo["S01"]
    assert "上海市普陀区财政局2024年度政府采购金额（以合同签订为准）为251.25万元，其中：货物采购金额4.79万元、" \
           "工程采购金额0万元、服务采购金额246.47万元。" in putuo["S01"]
    assert "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。" \
           "主要原因：" in putuo["S01"]


def test_no_paragraph_is_made_of_the_digits_of_the_line_above(putuo):
    # before baselines were used, S01 had 73 such paragraphs ("2024 2995.39 2023")
    assert [t for t in putuo["S01"] if re.fullmatch(r"[\d.%“” ]+", t)] == []


def test_double_spaced_paragraphs_are_rebuilt_and_end_where_the_next_one_is_indented(putuo):
    assert "中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。与2023年度相比，收入支出总计增加307.82万元，" \
           "增长100.00%。主要原因：单位于2024年成立。" in putuo["S03"]
    assert "一般公共预算财政拨款支出307.82万元，占本年支出合计的100.00%。与2023年度相比，一般公共预算财政拨款" \
           "支出增加307.82万元，增长100.00%。主要原因：单位于2024年成立。" in putuo["S03"]  # across a page break
    assert "五、一般公共预算财政拨款支出决算情况说明" in putuo["S03"]  # a full last line is followed by an indent
    assert (len(putuo["S01"]), len(putuo["S03"])) == (136, 122)


# --- pure helpers --------------------------------------------------------------------------------------------

def _line(text: str, x0: float, char_width: float = 9.0) -> _Line:
    chars = [{"text": ch, "x0": x0 + i * char_width, "x1": x0 + (i + 1) * char_width} for i, ch in enumerate(text)]
    return _Line(text, x0, chars[-1]["x1"], 0.0, 9.0, chars, 9.0)


def test_soft_break_when_the_next_unit_would_not_fit():
    limit = 100.0
    full = _line("一二三四五六七八九十", 10.0)  # ends at 100
    assert is_soft_break(full, _line("续", 10.0), limit)
    short = _line("一二三四五", 10.0)  # ends at 55: "续" would have fitted
    assert not is_soft_break(short, _line("续", 10.0), limit)
    almost = _line("一二三四五六七八", 10.0)  # ends at 82; "坚“民" cannot be split (quotation mark glues)
    assert is_soft_break(almost, _line("坚“民生", 10.0), limit)
    assert not is_soft_break(almost, _line("坚持民生", 10.0), limit)


def test_flattened_rows_keep_header_width_and_template_widths():
    header_width = None
    widths = []
    rows = [
        ["项目名称", "X-名称", "", "", "", ""],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "得分"],  # header: labels only
        ["", "产出指标", "数量指标", "人数", "100", ""],  # block row: keeps 6
        ["合计", "100", "", "", "", ""],  # template total row: 4
        ["评价结论", "好", "", "", "", ""],
        ["", "", "", "", "", ""],  # all empty: grid width
    ]
    for texts in rows:
        width, header_width = flattened_row_width(texts, header_width)
        widths.append(width)
    assert widths == [2, 6, 6, 4, 2, 6]


def _char(text: str, x0: float, top: float, baseline: float, size: float = 12.0, page_height: float = 842.0,
          width: float = 12.0) -> dict:
    """A pdfplumber char: top/bottom from the font's box, the baseline only in the text matrix."""
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "size": size,
            "y1": page_height - top, "matrix": (1, 0, 0, 1, x0, page_height - baseline)}


def test_chars_on_one_baseline_are_one_line_whatever_their_boxes():
    chars = [_char("为", 0, 141.54, 153.1), _char("2", 12, 146.41, 153.1, width=6),
             _char("5", 18, 146.41, 153.1, width=6), _char("万", 24, 141.54, 153.1),
             _char("中", 0, 155.51, 167.1)]  # next line: its box overlaps the digits' boxes
    lines = chars_to_lines(chars)
    assert [line.text for line in lines] == ["为25万", "中"]
    assert [(line.top, round(line.baseline, 2)) for line in lines] == [(141.54, 153.1), (155.51, 167.1)]


def test_line_size_is_the_size_of_most_of_its_chars():
    chars = [_char("在", 0, 574.59, 587.5, size=15.0, width=15), _char("职", 15, 574.59, 587.5, size=15.0, width=15),
             _char("年", 30, 577.48, 587.5), _char("初", 42, 577.48, 587.5), _char("预", 54, 577.48, 587.5)]
    (line,) = chars_to_lines(chars)
    assert (line.text, line.size) == ("在职年初预", 12.0)


def test_indent_starts_a_paragraph_but_a_centred_title_continues():
    assert is_indented(_line("一二三四五六七八九十", 72.0), _line("五、一般公共预算支出", 102.0))
    assert not is_indented(_line("一二三四五六七八九十", 102.0), _line("续", 72.0))
    title = _line("第三部分某某部门决算情况", 100.0)  # 100 … 208: centred at 154
    assert not is_indented(title, _line("说明", 145.0))  # 145 … 163: centred at 154


def test_a_cells_chars_are_those_centred_in_it_edges_included_in_their_order():
    chars = [{"text": t, "x0": x, "x1": x + 10, "top": y, "bottom": y + 10}
             for t, x, y in [("a", 0, 0), ("b", 20, 0), ("c", 0, 20), ("d", 10, 0), ("e", 5, 5), ("f", 15, 25)]]
    index = index_chars(chars)  # centres: a (5,5) b (25,5) c (5,25) d (15,5) e (10,10) f (20,30)
    assert [c["text"] for c in chars_in(index, (0, 0, 15, 10))] == ["a", "d", "e"]  # e on the corner
    assert [c["text"] for c in chars_in(index, (0, 0, 30, 30))] == ["a", "b", "c", "d", "e", "f"]
    assert chars_in(index, (30, 0, 40, 40)) == []


def test_text_column_ignores_short_labels_sticking_out():
    lines = [_line("一二三四五六七八九十", 10.0, 20.0), _line("一二三", 10.0, 20.0), _line("单位：万元", 300.0)]
    assert text_column_right(lines, 300.0) == 210.0


# --- errors --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("cut", [1000, 400_000])
def test_truncated_pdf_raises_a_clear_error(cut):
    data = (FIXTURES / "luzhou_hrss_2023.pdf").read_bytes()[:cut]
    with pytest.raises(PdfReadError, match="PDF"):
        read_pdf("id", "truncated.pdf", data)


@pytest.mark.parametrize("data", [b"", b"hello", b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF"])
def test_garbage_raises_a_clear_error(data):
    with pytest.raises(PdfReadError):
        read_pdf("id", "garbage.pdf", data)

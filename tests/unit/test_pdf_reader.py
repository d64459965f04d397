"""PDF reader: the reference report's PDF against its text rendition, peer-independent pure helpers, errors.

The reference PDF is read once per module (≈10 s for 189 pages).
"""
import dataclasses
import re
from pathlib import Path

import pytest

from pipelines.documents.pdf_reader import PdfReadError, _Line, flattened_row_width, is_soft_break, read_pdf
from pipelines.documents.text_reader import read_text
from pipelines.extract.department_kpi import extract_department_kpi
from pipelines.extract.overview import extract_expenditure_by_type, extract_income_by_source, extract_totals
from pipelines.extract.project_records import ProjectFundingRow, ProjectKpiRow, ProjectTable, ProjectTotalRow
from pipelines.extract.project_tables import extract_project_tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


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

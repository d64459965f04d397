"""The nine statements of the national template: Shanghai Putuo 2024 reports (PDF) and a small text fixture.

Expected values were read by hand off the documents (tests/fixtures/peer/putuo_2024.expected.json,
tests/fixtures/national_tables/mini_template_yuan.expected.json); the reference report's output is frozen
from before the national-tables extractors existed (luzhou_hrss_2023.ingest_before.json).
"""
import dataclasses
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.documents.classify import FINAL_ACCOUNTS, placeholder_mentions, profile
from pipelines.documents.text_reader import read_text
from pipelines.extract import national_tables as nt
from pipelines.extract.narrative_records import GpbItem
from pipelines.extract.records import ExtractionIssue, Figure
from pipelines.ingest import LOADED, ingest_file
from tests.conftest import FIXTURES, REFERENCE_TXT

PEER = FIXTURES / "peer"
NATIONAL = FIXTURES / "national_tables"
PEER_EXPECTED = json.loads((PEER / "putuo_2024.expected.json").read_text(encoding="utf-8"))
MINI_EXPECTED = json.loads((NATIONAL / "mini_template_yuan.expected.json").read_text(encoding="utf-8"))
TABLE_FAMILIES = {"totals", "income_by_source", "expenditure_by_type", "expenditure_by_class", "gpb_by_class",
                  "three_public", "fiscal_income_by_source", "fiscal_carry_over_by_source", "gpb_basic_by_economic",
                  "government_fund", "state_capital"}


@pytest.fixture(scope="module")
def ingested() -> dict:
    """ingest_file on each Putuo PDF (a few seconds each: read once per module)."""
    return {name: ingest_file([PEER / name]) for name in PEER_EXPECTED if name.endswith(".pdf")}


def _document_record(result):
    return next(r for r in result.records if type(r).__name__ == "DocumentRecord")


def _table_figures(result) -> dict[str, Figure]:
    """Figures read from a table cell (PDF cell locations name a table), keyed family/subject/measure."""
    figures = [r for r in result.records if isinstance(r, Figure) and " table " in r.source_location]
    keys = Counter(f"{f.family}/{f.subject}/{f.measure}" for f in figures)
    assert [k for k, n in keys.items() if n > 1] == []
    return {f"{f.family}/{f.subject}/{f.measure}": f for f in figures}


def _issues(result) -> list[ExtractionIssue]:
    return [r for r in result.records if isinstance(r, ExtractionIssue) and r.extractor.startswith("national_tables")]


# --- the Putuo PDFs ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [n for n in PEER_EXPECTED if n.endswith(".pdf")])
def test_putuo_reports_load_under_their_department(ingested, name):
    expected = PEER_EXPECTED[name]
    result = ingested[name]
    record = _document_record(result)
    assert (result.status, record.department_name, record.fiscal_year, record.doc_kind) == (
        expected["status"], expected["department_name"], expected["fiscal_year"], FINAL_ACCOUNTS)


@pytest.mark.parametrize("name", ["S01_putuo_czj_2024_final_GOOD.pdf", "S03_putuo_shgzb_2024_final.pdf"])
def test_statement_figures_are_exactly_the_printed_ones(ingested, name):
    expected = PEER_EXPECTED[name]
    figures = _table_figures(ingested[name])
    economic = {k: f for k, f in figures.items() if k.startswith("gpb_basic_by_economic/")}
    others = {k: f.raw_text for k, f in figures.items() if k not in economic}
    assert others == expected["figures"]
    assert {f.unit for f in figures.values()} == {"万元"}
    assert {f.printed_decimals for f in figures.values()} == {2}
    assert all(f.fiscal_year == 2024 and f.parse_error is None for f in figures.values())
    printed_economic = {k.split("/")[1]: f.raw_text for k, f in economic.items()}
    if "economic" in expected:
        assert printed_economic == expected["economic"]
    else:
        assert {c: printed_economic[c] for c in expected["economic_sample"]} == expected["economic_sample"]


def test_s01_values_and_provenance(ingested):
    result = ingested["S01_putuo_czj_2024_final_GOOD.pdf"]
    figures = _table_figures(result)
    value = {k: f.value for k, f in figures.items()}
    # the README's facts, and the identities they satisfy
    assert value["totals/income_total/amount"] == Decimal("2946.25")
    assert value["income_by_source/general_public_budget/amount"] + value["income_by_source/other/amount"] == \
        value["totals/income_total/amount"]
    assert value["expenditure_by_type/basic/amount"] + value["expenditure_by_type/project/amount"] == \
        value["totals/expenditure_total/amount"]
    assert value["totals/income_total/amount"] + value["totals/carry_over_start/amount"] == \
        value["totals/income_grand_total/amount"] == Decimal("2995.39")
    assert value["totals/expenditure_total/amount"] + value["totals/carry_over_end/amount"] == \
        value["totals/expenditure_grand_total/amount"]
    for key, (location, text) in PEER_EXPECTED["S01_putuo_czj_2024_final_GOOD.pdf"]["located"].items():
        assert (figures[key].source_location, figures[key].source_text) == (location, text)


@pytest.mark.parametrize("name", ["S01_putuo_czj_2024_final_GOOD.pdf", "S03_putuo_shgzb_2024_final.pdf"])
def test_gpb_items_carry_their_printed_codes(ingested, name):
    items = [r for r in ingested[name].records if isinstance(r, GpbItem)]
    got = {i.function_code: [i.class_name, i.kuan_name, i.xiang_name, i.amount_raw] for i in items}
    assert got == PEER_EXPECTED[name]["gpb_items"]
    assert [i.seq for i in items] == list(range(1, len(items) + 1))
    assert {(i.function_match_method, i.function_match_note, i.amount_unit, i.fiscal_year) for i in items} == \
        {("printed", None, "万元", 2024)}
    assert all(" table " in i.source_location and i.amount_raw in i.source_text.split(" | ") for i in items)


def test_s03_new_unit_prints_no_carry_over(ingested):
    figures = _table_figures(ingested["S03_putuo_shgzb_2024_final.pdf"])
    assert figures["totals/income_total/amount"].value == figures["totals/expenditure_total/amount"].value == \
        Decimal("307.82")
    # blank 年初/年末结转和结余 cells are not printed zeros: no figure at all
    assert not any(k.startswith(("totals/carry_over", "totals/fiscal_carry_over")) for k in figures)


def test_s04_loads_under_its_real_name_and_reports_its_placeholder(ingested):
    name = "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf"
    expected = PEER_EXPECTED[name]
    result = ingested[name]
    figures = _table_figures(result)
    assert {k: figures[k].raw_text for k in expected["figures_sample"]} == expected["figures_sample"]
    assert [k for k in expected["figures_absent"] if k in figures] == []
    assert [[i.severity, i.message, i.source_location] for i in _issues(result)] == expected["issues"]


def test_s01_and_s03_have_no_template_issues(ingested):
    for name in ("S01_putuo_czj_2024_final_GOOD.pdf", "S03_putuo_shgzb_2024_final.pdf"):
        assert [i.message for i in _issues(ingested[name])] == PEER_EXPECTED[name]["issues"]


def test_no_figure_is_given_twice_by_tables_and_narrative(ingested):
    for name, result in ingested.items():
        keys = Counter((f.family, f.subject, f.measure, f.fiscal_year, f.compared_year)
                       for f in result.records if isinstance(f, Figure))
        assert {k: n for k, n in keys.items() if n > 1} == {}, name


# --- the reference report is untouched -------------------------------------------------------------------

def _snapshot(path: Path) -> dict:
    """The same snapshot as the frozen one (record counts per type, every Figure as strings)."""
    result = ingest_file([path])
    counts = Counter(type(r).__name__ for r in result.records)
    figures = sorted(json.dumps({k: (None if v is None else str(v)) for k, v in dataclasses.asdict(r).items()},
                                ensure_ascii=False, sort_keys=True)
                     for r in result.records if isinstance(r, Figure))
    record = _document_record(result)
    return {"status": result.status, "department_name": record.department_name, "fiscal_year": record.fiscal_year,
            "record_counts": dict(sorted(counts.items())), "figures": [json.loads(f) for f in figures]}


def test_reference_report_yields_exactly_what_it_did_before():
    before = json.loads((NATIONAL / "luzhou_hrss_2023.ingest_before.json").read_text(encoding="utf-8"))
    after = _snapshot(REFERENCE_TXT)
    assert after["record_counts"] == before["record_counts"]
    assert (after["status"], after["department_name"], after["fiscal_year"]) == (LOADED, "泸州市人力资源和社会保障局", 2023)
    assert after == before


# --- a small text fixture: 元, joined codes, blanks, errors --------------------------------------------------

@pytest.fixture(scope="module")
def mini():
    text = (NATIONAL / "mini_template_yuan.txt").read_text(encoding="utf-8")
    return read_text("mini", "mini_template_yuan.txt", text)


def _run_all(document) -> list:
    return [r for extractor in (nt.extract_summary, nt.extract_income_table, nt.extract_expenditure_table,
                                nt.extract_fiscal_summary, nt.extract_gpb_table, nt.extract_gpb_basic_table,
                                nt.extract_three_public_table, nt.extract_fund_tables, nt.extract_template_checks)
            for r in extractor(document)]


def test_mini_profile_and_statements(mini):
    p = profile(mini)
    assert (p.department_name, p.fiscal_year, p.problem) == (MINI_EXPECTED["department_name"],
                                                             MINI_EXPECTED["fiscal_year"], None)
    assert [[s.kind, s.unit] for s in nt.find_statements(mini)] == MINI_EXPECTED["statements"]


def test_mini_figures_in_yuan(mini):
    records = _run_all(mini)
    figures = [r for r in records if isinstance(r, Figure)]
    got = {f"{f.family}/{f.subject}/{f.measure}": [f.raw_text, str(f.value), f.unit, f.printed_decimals]
           for f in figures}
    assert len(got) == len(figures)
    assert got == MINI_EXPECTED["figures"]
    # every figure points at its cell and carries its row
    assert all(f.source_location.startswith("line ") and f.raw_text in f.source_text.split(" | ") for f in figures)


def test_mini_gpb_items_and_issues(mini):
    records = _run_all(mini)
    fields = list(MINI_EXPECTED["gpb_items"][0])
    items = [{k: (str(v) if isinstance(v, Decimal) else v) for k, v in dataclasses.asdict(i).items() if k in fields}
             for i in records if isinstance(i, GpbItem)]
    assert items == MINI_EXPECTED["gpb_items"]
    issues = [[i.severity, i.message] for i in records if isinstance(i, ExtractionIssue)]
    assert issues == MINI_EXPECTED["issues"]


def test_documents_without_national_tables_yield_nothing():
    document = read_text("ref", "luzhou_hrss_2023.txt", REFERENCE_TXT.read_text(encoding="utf-8"))
    assert nt.find_statements(document) == []
    assert _run_all(document) == []


# --- classification of the template ------------------------------------------------------------------------

def test_year_set_apart_by_the_pdf_reader_is_found_next_to_the_title():
    text = "上海市普陀区财政局\n年度部门决算\n2024\n第二部分上海市普陀区财政局年度部门决算表\n2024\n收入支出决算总表\n决算"
    p = profile(read_text("id", "f.txt", text))
    assert (p.doc_kind, p.department_name, p.fiscal_year, p.region, p.problem) == (
        FINAL_ACCOUNTS, "上海市普陀区财政局", 2024, "上海市普陀区", None)


def test_part_heading_is_not_part_of_the_department_name():
    text = "第三部分上海市普陀区财政局2024年度部门决算情况说明\n收入支出决算总表\n决算\n决算"
    assert profile(read_text("id", "f.txt", text)).department_name == "上海市普陀区财政局"


def test_header_line_names_the_department():
    text = "收入支出决算总表\n编制单位：江安县财政局\n2023年度部门决算\n决算"
    p = profile(read_text("id", "f.txt", text))
    assert (p.department_name, p.fiscal_year) == ("江安县财政局", 2023)


def test_minority_placeholder_is_a_mention_not_the_department():
    text = ("第二部分上海市普陀区财政局2024年度部门决算表\n第二部分上海市普陀区XX局2024年度部门决算表\n"
            "第三部分上海市普陀区财政局2024年度部门决算情况说明\n收入支出决算总表")
    document = read_text("id", "f.txt", text)
    assert (profile(document).department_name, profile(document).problem) == ("上海市普陀区财政局", None)
    assert placeholder_mentions(document) == [
        ("line 2", "第二部分上海市普陀区XX局2024年度部门决算表", "上海市普陀区XX局")]

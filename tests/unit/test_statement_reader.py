"""The general statement reader on documents it was not written for, against values read off them by hand.

* Shanghai Putuo 2024 (PDF, national nine-statement template): every printed amount of every statement, typed
  from the PDFs (tests/fixtures/peer/expected_cells/*.csv, README beside them), and the figures the
  statement catalogue maps into the explanations' families (tests/fixtures/peer/putuo_2024.expected.json);
* a small text rendition in 元 with joined codes, blanks, a '/' and a mistyped amount
  (tests/fixtures/national_tables/mini_template_yuan.txt, expected values in the JSON beside it);
* the reference report (Sichuan, no statements) is untouched: its output is frozen from before.
"""
import csv
import dataclasses
import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.documents.classify import FINAL_ACCOUNTS, placeholder_mentions, profile
from pipelines.documents.text_reader import read_text
from pipelines.extract.context import ExtractionContext
from pipelines.extract.detect import detect_layout
from pipelines.extract.records import ExtractionIssue, Figure
from pipelines.extract.statements import StatementCell, StatementRecord, extract_statements
from pipelines.ingest import LOADED, ingest_file
from pipelines.parsing.labels import label_key
from tests.conftest import FIXTURES, REFERENCE_TXT

PEER = FIXTURES / "peer"
NATIONAL = FIXTURES / "national_tables"
PEER_EXPECTED = json.loads((PEER / "putuo_2024.expected.json").read_text(encoding="utf-8"))
MINI_EXPECTED = json.loads((NATIONAL / "mini_template_yuan.expected.json").read_text(encoding="utf-8"))
PDFS = {"S01": "S01_putuo_czj_2024_final_GOOD.pdf", "S03": "S03_putuo_shgzb_2024_final.pdf",
        "S04": "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf"}
# figures the old per-statement extractors gave that are now rows of the statement marts instead
NOW_STATEMENT_ROWS = ("gpb_by_class/", "gpb_basic_by_economic/")


@pytest.fixture(scope="module")
def ingested() -> dict:
    """ingest_file on each Putuo PDF (a few seconds each: read once per module)."""
    return {name: ingest_file([PEER / name]) for name in PDFS.values()}


def _of(result, kind) -> list:
    return [r for r in result.records if isinstance(r, kind)]


def _document_record(result):
    return next(r for r in result.records if type(r).__name__ == "DocumentRecord")


def _statement_figures(result) -> dict[str, Figure]:
    figures = [f for f in _of(result, Figure) if f.statement is not None]
    keys = Counter(f"{f.family}/{f.subject}/{f.measure}" for f in figures)
    assert [k for k, n in keys.items() if n > 1] == []
    return {f"{f.family}/{f.subject}/{f.measure}": f for f in figures}


def _expected_cells(document: str) -> dict[tuple, str]:
    with (PEER / "expected_cells" / f"{document}.csv").open(encoding="utf-8") as handle:
        return {(r["statement"], r["row_code"], label_key(r["row_label"]), int(r["occurrence"]), r["column_key"]):
                r["printed_text"] for r in csv.DictReader(handle)}


def _printed_cells(result) -> dict[tuple, str]:
    return {(c.statement, c.row_code or "", label_key(c.row_label or ""), c.row_occurrence, c.column_key): c.raw_text
            for c in _of(result, StatementCell) if c.raw_text is not None}


# --- the Putuo PDFs: every printed cell -----------------------------------------------------------------

@pytest.mark.parametrize("document", sorted(PDFS))
def test_every_printed_amount_is_read_with_its_statement_row_and_column(ingested, document):
    want = _expected_cells(document)
    got = _printed_cells(ingested[PDFS[document]])
    missing = {k: v for k, v in want.items() if k not in got}
    wrong = {k: (v, got[k]) for k, v in want.items() if k in got and got[k] != v}
    extra = {k: v for k, v in got.items() if k not in want}
    by_statement = Counter(k[0] for k in want)
    found = Counter(k[0] for k, v in want.items() if got.get(k) == v)
    print(f"\n{document} coverage: " + ", ".join(f"{s} {found[s]}/{n}" for s, n in sorted(by_statement.items())))
    assert (missing, wrong, extra) == ({}, {}, {})


@pytest.mark.parametrize("document", sorted(PDFS))
def test_values_units_and_provenance_of_the_cells(ingested, document):
    cells = _of(ingested[PDFS[document]], StatementCell)
    printed = [c for c in cells if c.raw_text is not None]
    assert {c.printed_unit for c in cells} == {"万元"}
    assert all(c.value == Decimal(c.raw_text.replace(",", "")) and c.printed_decimals == 2 for c in printed)
    assert all(c.raw_text in c.source_text.split(" | ") and " table " in c.source_location for c in printed)
    assert {(c.extractor, c.layout_profile) for c in cells} == {("statements", "national_final_2024")}


def test_a_blank_cell_is_null_never_zero(ingested):
    cells = _of(ingested[PDFS["S01"]], StatementCell)
    superior = [c for c in cells if c.statement == "income" and c.column_key == "superior_subsidy"]
    assert len(superior) == 20 and all(c.value is None and c.raw_text is None for c in superior)
    # 一般行政管理事务: 10.00 of 项目支出 printed, 基本支出 blank
    row = {c.column_key: c.value for c in cells if c.statement == "gpb_expenditure" and c.row_code == "2010602"}
    assert row == {"total": Decimal("10.00"), "basic": None, "project": Decimal("10.00")}


def test_codes_split_over_cells_or_joined_give_one_code_and_level(ingested):
    s01 = {(c.statement, c.row_code): (c.row_label, c.row_level) for c in _of(ingested[PDFS["S01"]], StatementCell)}
    s03 = {(c.statement, c.row_code): (c.row_label, c.row_level) for c in _of(ingested[PDFS["S03"]], StatementCell)}
    assert s01[("expenditure", "201")] == ("一般公共服务支出", "class")  # printed 201 | | (split)
    assert s01[("expenditure", "20106")] == ("财政事务", "kuan")
    assert s01[("expenditure", "2010601")] == ("行政运行", "xiang")
    assert s03[("income", "2013901")] == ("行政运行", "xiang")  # printed 2013901 (joined)
    assert s01[("gpb_basic", "30101")] == ("基本工资", "economic_item")
    assert s01[("gpb_basic", "310")] == ("资本性支出", "economic_class")
    assert s01[("income_expenditure_summary", None)] is not None


def test_column_labels_are_the_printed_header_paths(ingested):
    record = next(r for r in _of(ingested[PDFS["S01"]], StatementRecord) if r.statement == "three_public")
    labels = record.column_labels.split(" | ")
    assert labels[6] == "财政拨款“三公”经费 / 公务用车购置及运行费 / 公务用车购置费 / 预算数"
    assert record.column_keys.split(" | ")[6] == "vehicle_purchase_budget"
    fund = next(r for r in _of(ingested[PDFS["S01"]], StatementRecord) if r.statement == "government_fund")
    assert fund.column_labels.split(" | ")[3] == "本年支出 / 基本支出"


def test_empty_statements_are_recorded_as_empty_with_their_note(ingested):
    def statements(document):
        return {r.statement: r for r in _of(ingested[PDFS[document]], StatementRecord)}

    s01, s03, s04 = statements("S01"), statements("S03"), statements("S04")
    assert s01["government_fund"].is_empty and "本表无数据" in s01["government_fund"].note
    assert s01["state_capital"].is_empty and not s01["three_public"].is_empty  # S01 prints the budget 0.95
    assert s03["three_public"].is_empty and "本表无数据" in s03["three_public"].note
    assert s04["three_public"].is_empty  # the reviewer emptied it
    assert "expenditure" not in s04 and len(s01) == 9


def test_statement_figures_are_exactly_the_printed_ones(ingested):
    for document in ("S01", "S03"):
        expected = {k: v for k, v in PEER_EXPECTED[PDFS[document]]["figures"].items()
                    if not k.startswith(NOW_STATEMENT_ROWS)}
        figures = _statement_figures(ingested[PDFS[document]])
        assert {k: f.raw_text for k, f in figures.items()} == expected, document
        assert all(f.fiscal_year == 2024 and f.unit == "万元" and f.parse_error is None for f in figures.values())


def test_s01_figure_values_and_provenance(ingested):
    figures = _statement_figures(ingested[PDFS["S01"]])
    value = {k: f.value for k, f in figures.items()}
    assert value["income_by_source/general_public_budget/amount"] + value["income_by_source/other/amount"] == \
        value["totals/income_total/amount"] == Decimal("2946.25")
    assert value["expenditure_by_type/basic/amount"] + value["expenditure_by_type/project/amount"] == \
        value["totals/expenditure_total/amount"]
    assert value["totals/income_total/amount"] + value["totals/carry_over_start/amount"] == \
        value["totals/income_grand_total/amount"] == Decimal("2995.39")
    for key, (location, text) in PEER_EXPECTED[PDFS["S01"]]["located"].items():
        assert (figures[key].source_location, figures[key].source_text) == (location, text)
    # the fiscal summary lists each budget twice on its income side: this year's income, then the carry-over
    assert value["fiscal_income_by_source/general_public_budget/amount"] == Decimal("2940.05")
    assert value["fiscal_carry_over_by_source/general_public_budget/amount"] == Decimal("21.63")


def test_s04_names_its_missing_statement_and_placeholder(ingested):
    result = ingested[PDFS["S04"]]
    figures = _statement_figures(result)
    expected = PEER_EXPECTED[PDFS["S04"]]
    sample = {k: v for k, v in expected["figures_sample"].items() if not k.startswith(NOW_STATEMENT_ROWS)}
    assert {k: figures[k].raw_text for k in sample} == sample
    assert [k for k in expected["figures_absent"] if k in figures] == []
    issues = [[i.severity, i.message, i.source_location] for i in _of(result, ExtractionIssue)
              if i.extractor.startswith("statements")]
    assert issues == [["error", "required statement 支出决算表 (expenditure) not found", None],
                      ["error", "placeholder department name '上海市普陀区XX局' printed", "page 7 line 1"]]


def test_s01_and_s03_have_no_statement_issues(ingested):
    for document in ("S01", "S03"):
        assert [i.message for i in _of(ingested[PDFS[document]], ExtractionIssue)
                if i.extractor.startswith("statements")] == []


def test_layout_profile_is_detected_and_recorded(ingested):
    record = _document_record(ingested[PDFS["S01"]])
    assert record.layout_profile == "national_final_2024"
    assert "statements" in record.layout_detection
    assert all(f.layout_profile == "national_final_2024" and f.extractor for f in _of(ingested[PDFS["S01"]], Figure))


# --- a small text rendition: 元, joined codes, blanks, errors ------------------------------------------------

@pytest.fixture(scope="module")
def mini_records() -> list:
    document = read_text("mini", "mini_template_yuan.txt", (NATIONAL / "mini_template_yuan.txt").read_text("utf-8"))
    detection = detect_layout(document)
    return extract_statements(ExtractionContext(document, detection.profile, 2023, "江安县财政局"))


def test_mini_profile_and_statements(mini_records):
    document = read_text("mini", "mini_template_yuan.txt", (NATIONAL / "mini_template_yuan.txt").read_text("utf-8"))
    p = profile(document)
    assert (p.department_name, p.fiscal_year, p.problem) == (MINI_EXPECTED["department_name"],
                                                             MINI_EXPECTED["fiscal_year"], None)
    assert [[r.statement, r.printed_unit] for r in mini_records if isinstance(r, StatementRecord)] == \
        MINI_EXPECTED["statements"]


def test_mini_figures_in_yuan(mini_records):
    figures = [r for r in mini_records if isinstance(r, Figure)]
    got = {f"{f.family}/{f.subject}/{f.measure}": [f.raw_text, str(f.value), f.unit, f.printed_decimals]
           for f in figures}
    assert len(got) == len(figures)
    assert got == {k: v for k, v in MINI_EXPECTED["figures"].items() if not k.startswith(NOW_STATEMENT_ROWS)}
    assert all(f.source_location.startswith("line ") and f.raw_text in f.source_text.split(" | ") for f in figures)


def test_mini_cells_keep_blanks_slashes_and_errors(mini_records):
    cells = {(c.statement, c.row_code, c.row_label, c.column_key): c for c in mini_records
             if isinstance(c, StatementCell)}
    got = {f"{k[1] or k[2]}/{k[3]}": [c.raw_text, None if c.value is None else str(c.value), c.row_level,
                                      c.parse_error]
           for k, c in cells.items() if k[0] == "gpb_expenditure"}
    assert got == MINI_EXPECTED["gpb_cells"]
    carry = cells[("income_expenditure_summary", None, "年初结转和结余", "income_amount")]
    assert (carry.raw_text, carry.value) == (None, None)  # printed "/": blank, not 0


def test_documents_without_statements_yield_none():
    document = read_text("ref", "luzhou_hrss_2023.txt", REFERENCE_TXT.read_text(encoding="utf-8"))
    detection = detect_layout(document)
    assert detection.profile.id == "sichuan_final_2023"
    context = ExtractionContext(document, detection.profile, 2023, "泸州市人力资源和社会保障局")
    assert context.statements == [] and extract_statements(context) == []


# --- the reference report is untouched -------------------------------------------------------------------

_PROVENANCE = ("extractor", "layout_profile", "statement")


def _snapshot(path: Path) -> dict:
    """The frozen snapshot's shape (record counts per type, every Figure as strings) without the provenance
    fields added since (checked separately)."""
    result = ingest_file([path])
    counts = Counter(type(r).__name__ for r in result.records)
    figures = sorted(json.dumps({k: (None if v is None else str(v)) for k, v in dataclasses.asdict(r).items()
                                 if k not in _PROVENANCE}, ensure_ascii=False, sort_keys=True)
                     for r in _of(result, Figure))
    record = _document_record(result)
    return {"status": result.status, "department_name": record.department_name, "fiscal_year": record.fiscal_year,
            "record_counts": dict(sorted(counts.items())), "figures": [json.loads(f) for f in figures]}


def test_reference_report_yields_exactly_what_it_did_before():
    before = json.loads((NATIONAL / "luzhou_hrss_2023.ingest_before.json").read_text(encoding="utf-8"))
    after = _snapshot(REFERENCE_TXT)
    assert after["record_counts"] == before["record_counts"]
    assert (after["status"], after["department_name"], after["fiscal_year"]) == (LOADED, "泸州市人力资源和社会保障局", 2023)
    assert after == before


def test_reference_figures_name_their_extractor_and_profile():
    figures = _of(ingest_file([REFERENCE_TXT]), Figure)
    assert {f.layout_profile for f in figures} == {"sichuan_final_2023"}
    assert {f.statement for f in figures} == {None}
    assert {f.extractor for f in figures} >= {"overview.extract_totals", "three_public.extract_three_public"}


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


# --- the same statements as a workbook ---------------------------------------------------------------------

@pytest.mark.parametrize("workbook", ["s01_putuo_czj_2024_statements.xlsx", "s01_putuo_czj_2024_statements.xls"])
def test_a_workbook_of_the_statements_yields_the_pdf_cells(ingested, workbook):
    """tests/fixtures/xlsx: S01's nine statements typed from the PDF into a workbook, one sheet each."""
    def cells(result) -> dict:
        return {(c.statement, c.row_seq, c.block_seq, c.row_code, c.row_label, c.row_level, c.column_key):
                (c.raw_text, c.value) for c in _of(result, StatementCell)}

    from_workbook = ingest_file([FIXTURES / "xlsx" / workbook])
    assert from_workbook.status == LOADED
    assert cells(from_workbook) == cells(ingested[PDFS["S01"]])
    assert all(c.source_location.startswith("sheet ") for c in _of(from_workbook, StatementCell))

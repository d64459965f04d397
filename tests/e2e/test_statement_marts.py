"""The statements of real reports in the warehouse (fct_statement_cell and the typed marts built from it),
against the amounts typed by hand from the PDFs (tests/fixtures/peer/expected_cells/*.csv).

The warehouse is the session's second one (tests/conftest.py: other_formats_warehouse), holding every shared
sample: three Shanghai final accounts, the blank national template, six budgets and a text report printing a
functional code the reference seed lacks."""
import csv
from collections import Counter
from decimal import Decimal

import duckdb
import pytest

from pipelines.documents.identify import document_id
from pipelines.parsing.labels import label_key
from tests.conftest import FIXTURES

WAN = Decimal(10000)
PEER = FIXTURES / "peer"
DOCUMENTS = {"S01": "S01_putuo_czj_2024_final_GOOD.pdf", "S03": "S03_putuo_shgzb_2024_final.pdf",
             "S04": "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf"}
IDS = {k: document_id((PEER / v).read_bytes()) for k, v in DOCUMENTS.items()}


@pytest.fixture(scope="module")
def warehouse(other_formats_warehouse):
    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


def _expected(document: str) -> dict[tuple, str]:
    with (PEER / "expected_cells" / f"{document}.csv").open(encoding="utf-8") as handle:
        return {(r["statement"], r["row_code"], label_key(r["row_label"]), int(r["occurrence"]), r["column_key"]):
                r["printed_text"] for r in csv.DictReader(handle)}


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_every_printed_amount_is_in_fct_statement_cell(warehouse, document):
    rows = warehouse.execute("""
        select statement, coalesce(row_code, ''), row_label, row_occurrence, column_key, raw_text, amount_yuan
        from marts.fct_statement_cell where document_id = ? and raw_text is not null""", [IDS[document]]).fetchall()
    got = {(s, c, label_key(lab or ""), o, k): (t, a) for s, c, lab, o, k, t, a in rows}
    want = _expected(document)
    right = {k for k, text in want.items()
             if k in got and got[k][0] == text and got[k][1] == Decimal(text.replace(",", "")) * WAN}
    per_statement = Counter(k[0] for k in want)
    found = Counter(k[0] for k in right)
    print(f"\n{document}: " + "; ".join(f"{s} {found[s]}/{n} ({100 * found[s] / n:.0f}%)"
                                         for s, n in sorted(per_statement.items()))
          + f"; total {len(right)}/{len(want)}; cells not expected: {len(set(got) - set(want))}")
    assert len(right) == len(want) and set(got) == set(want)


def test_blank_cells_are_null_rows(warehouse):
    blank = warehouse.execute("""
        select count(*), count(amount_yuan), count(raw_text) from marts.fct_statement_cell
        where document_id = ? and statement = 'income' and column_key = 'superior_subsidy'""", [IDS["S01"]]).fetchone()
    assert blank == (20, 0, 0)


def test_empty_and_missing_statements(warehouse):
    statements = dict(warehouse.execute(
        "select statement, is_empty from marts.fct_statement where document_id = ?", [IDS["S04"]]).fetchall())
    assert statements["three_public"] is True and statements["government_fund"] is True
    assert "expenditure" not in statements
    issues = [m for (m,) in warehouse.execute(
        "select message from marts.fct_extraction_issue where document_id = ?", [IDS["S04"]]).fetchall()]
    assert "required statement 支出决算表 (expenditure) not found" in issues


def test_expenditure_by_function_has_every_level_with_its_basic_and_project_split(warehouse):
    rows = warehouse.execute("""
        select statement, level, function_code, class_name, kuan_name, xiang_name, amount_yuan, basic_amount_yuan,
               project_amount_yuan
        from marts.fct_expenditure_by_function where document_id = ? order by statement, seq""",
                             [IDS["S01"]]).fetchall()
    by_key = {(r[0], r[2]): r for r in rows}
    assert by_key[("expenditure", "201")][1:] == (
        "class", "201", "一般公共服务支出", None, None, Decimal("2106.66") * WAN, Decimal("1503.52") * WAN,
        Decimal("603.14") * WAN)
    assert by_key[("gpb_expenditure", "20106")][1:] == (
        "kuan", "20106", "一般公共服务支出", "财政事务", None, Decimal("2106.66") * WAN, Decimal("1503.52") * WAN,
        Decimal("603.14") * WAN)
    assert by_key[("gpb_expenditure", "2010602")][1:] == (
        "xiang", "2010602", "一般公共服务支出", "财政事务", "一般行政管理事务", Decimal("10.00") * WAN, None,
        Decimal("10.00") * WAN)
    levels = Counter((r[0], r[1]) for r in rows)
    assert levels == {("expenditure", "class"): 4, ("expenditure", "kuan"): 4, ("expenditure", "xiang"): 11,
                      ("gpb_expenditure", "class"): 4, ("gpb_expenditure", "kuan"): 4, ("gpb_expenditure", "xiang"): 11,
                      ("text", "class"): 4, ("text", "xiang"): 11}  # §五(二) classes and §五(三) items


def test_income_by_function_and_basic_expenditure_by_economic_class(warehouse):
    income = dict(warehouse.execute("""
        select source, amount_yuan from marts.fct_income_by_function
        where document_id = ? and function_code = '2010602'""", [IDS["S01"]]).fetchall())
    assert income == {"total": Decimal("16.19") * WAN, "fiscal_appropriation": Decimal("10.00") * WAN,
                      "other": Decimal("6.19") * WAN}
    economic = warehouse.execute("""
        select level, category, sum(amount_yuan) from marts.fct_basic_expenditure_by_economic_class
        where document_id = ? group by all order by 1, 2""", [IDS["S03"]]).fetchall()
    totals = {(level, category): amount for level, category, amount in economic}
    assert totals[("total", "personnel")] == Decimal("95.36") * WAN  # 人员经费合计
    assert totals[("total", "public")] == Decimal("10.23") * WAN  # 公用经费合计
    classes = dict(warehouse.execute("""
        select economic_code, amount_yuan from marts.fct_basic_expenditure_by_economic_class
        where document_id = ? and level = 'economic_class'""", [IDS["S03"]]).fetchall())
    assert classes["301"] + classes["303"] == Decimal("95.36") * WAN


def test_fiscal_summary_lines_by_fund(warehouse):
    rows = warehouse.execute("""
        select side, line_label, row_occurrence, function_code, fund, amount_yuan from marts.fct_fiscal_summary
        where document_id = ? order by row_seq, column_seq""", [IDS["S01"]]).fetchall()
    got = {(r[0], r[1], r[2], r[4]): (r[3], r[5]) for r in rows}
    assert got[("income", "一般公共预算财政拨款", 1, "general_public_budget")] == (None, Decimal("2940.05") * WAN)
    assert got[("income", "一般公共预算财政拨款", 2, "general_public_budget")] == (None, Decimal("21.63") * WAN)
    assert got[("expenditure", "社会保障和就业支出", 1, "general_public_budget")] == ("208", Decimal("326.71") * WAN)
    assert got[("income", "总计", 1, "total")] == (None, Decimal("2961.68") * WAN)


def test_three_public_budget_and_actual_from_the_statement(warehouse):
    rows = dict(((c, s), (a, b)) for c, s, a, b in warehouse.execute("""
        select component, statement, amount_yuan, budget_amount_yuan from marts.fct_three_public
        where document_id = ?""", [IDS["S01"]]).fetchall())
    assert rows[("total", "three_public")] == (None, Decimal("0.95") * WAN)
    assert rows[("official_reception", "three_public")] == (None, Decimal("0.95") * WAN)


def test_a_figure_printed_in_a_statement_and_in_the_text_is_kept_twice(warehouse):
    rows = warehouse.execute("""
        select statement, amount_yuan from marts.fct_totals
        where document_id = ? and measure = 'expenditure_total' and basis = 'reported' order by 1""",
                             [IDS["S01"]]).fetchall()
    assert ("income_expenditure_summary", Decimal("2940.05") * WAN) in rows


def test_a_printed_code_outside_the_seed_is_a_warning_not_a_failure(warehouse):
    doc = document_id((FIXTURES / "national_tables" / "printed_code_outside_seed.txt").read_bytes())
    assert warehouse.execute("select status from marts.dim_document where document_id = ?", [doc]).fetchone() == \
        ("loaded",)
    code = warehouse.execute("""
        select name, level, parent_code, in_reference, first_printed_in from marts.dim_function_class
        where function_code = '2010697'""").fetchone()
    assert code == ("测试事务支出", "xiang", "20106", False, doc)
    warnings = [m for (m,) in warehouse.execute(
        "select message from marts.fct_extraction_issue where document_id = ? and severity = 'warning'",
        [doc]).fetchall()]
    assert any("2010697" in m and "not in the functional classification seed" in m for m in warnings)
    assert warehouse.execute("select count(*) from marts.dim_function_class where not in_reference").fetchone() == (1,)


def test_every_shared_sample_goes_in_or_out_with_a_reason(warehouse):
    rows = dict(warehouse.execute("""
        select source_file, status || ': ' || coalesce(quarantine_reason, '') from marts.dim_document""").fetchall())
    budgets = [name for name in rows if name.startswith(("S05_", "S07_"))]
    assert len(budgets) == 6 and all(rows[b].startswith("quarantined: a budget (预算)") for b in budgets)
    assert rows["T00_national_template_2024_blank.pdf"].startswith("quarantined: placeholder department name")
    assert all(rows[name] == "loaded: " for name in DOCUMENTS.values())


def test_layout_profile_is_recorded_for_each_document_and_fact(warehouse):
    profiles = dict(warehouse.execute("""
        select d.source_file, min(c.layout_profile) from marts.fct_statement_cell c
        join marts.dim_document d using (document_id) group by 1""").fetchall())
    assert {profiles[name] for name in DOCUMENTS.values()} == {"national_final_2024"}

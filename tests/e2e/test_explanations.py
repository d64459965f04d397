"""The explanations (第三部分 情况说明) of real reports in the warehouse, and what the checks find in them.

* every figure typed by hand from S01's and S03's explanations (tests/fixtures/peer/expected_narrative) is in
  the marts with its value, kind and page;
* the ten errors a reviewer injected into S04 are each reported (a violation, or an error extraction issue
  where it is not arithmetic), on S04 and not on S01; S01's and S03's own defects are reported, and nothing
  else is a warning or an error on them (tests/fixtures/peer/expected_findings.json).
"""
import json
from decimal import Decimal

import duckdb
import pytest

from pipelines.documents.identify import document_id
from tests.conftest import FIXTURES
from tests.support.narrative_coverage import covered, expected, page_of

PEER = FIXTURES / "peer"
DOCUMENTS = {"S01": "S01_putuo_czj_2024_final_GOOD.pdf", "S03": "S03_putuo_shgzb_2024_final.pdf",
             "S04": "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf"}
IDS = {k: document_id((PEER / v).read_bytes()) for k, v in DOCUMENTS.items()}
FINDINGS = json.loads((PEER / "expected_findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def warehouse(other_formats_warehouse):
    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


def _facts(con, doc: str) -> list[dict]:
    """Every figure of the explanations, in the shape the coverage matcher reads."""
    facts = [{"measure": m, "value": v, "raw": r, "text": t, "page": page_of(loc)} for m, v, r, t, loc in con.execute(
        "select measure, printed_value, raw_text, text_value, source_location from marts.fct_figure "
        "where document_id = ? and statement = 'text'", [doc]).fetchall()]
    for amount, budget, pct, word, raw, loc, unit in con.execute("""
            select amount_yuan, budget_amount_yuan, budget_completion_pct, variance_direction, source_text,
                   source_location, printed_unit
            from marts.fct_expenditure_by_function where document_id = ? and statement = 'text' and level = 'xiang'""",
                                                                [doc]).fetchall():
        scale = 10000 if unit == "万元" else 1
        page = page_of(loc)
        facts += [{"measure": "amount", "value": amount / scale, "raw": None, "text": None, "page": page},
                  {"measure": "budget", "value": budget / scale if budget is not None else None, "raw": None,
                   "text": None, "page": page},
                  {"measure": "completion", "value": pct, "raw": None, "text": None, "page": page},
                  {"measure": "variance_direction", "value": None, "raw": raw, "text": word, "page": page}]
    return facts


@pytest.mark.parametrize("document", ["S01", "S03"])
def test_the_explanations_figures_are_in_the_marts(warehouse, document):
    lines = expected(PEER / "expected_narrative" / f"{document}.csv")
    figures = [line for line in lines if line["section"] not in ("P1", "P4")]
    found, missing = covered(figures, _facts(warehouse, IDS[document]))
    # dim_unit holds one row per unit of a department (S01 and S04 are one department): count the department's
    units = warehouse.execute("select count(*) from marts.dim_unit where department_id = "
                              "(select department_id from marts.dim_document where document_id = ?)",
                              [IDS[document]]).fetchone()[0]
    glossary = warehouse.execute("select count(*) from marts.dim_glossary where document_id = ?",
                                 [IDS[document]]).fetchone()[0]
    counts = {line["section"]: int(line["value"]) for line in lines if line["section"] in ("P1", "P4")}
    share = (len(found) + (units == counts["P1"]) + (glossary == counts["P4"])) / len(lines)
    print(f"\n{document}: {len(found)}/{len(figures)} figures of 第三部分, units {units}/{counts['P1']}, "
          f"glossary {glossary}/{counts['P4']} — {share:.1%} of {len(lines)} hand-verified figures")
    assert share >= 0.95, [(m["section"], m["subject"], m["printed_text"]) for m in missing]


def _violations(con, doc: str) -> set[tuple]:
    return set(con.execute("select rule_id, subject, severity from marts.fct_identity_check "
                           "where document_id = ? and status = 'violation'", [doc]).fetchall())


def _issues(con, doc: str) -> list[tuple]:
    return con.execute("select severity, message from marts.fct_extraction_issue where document_id = ?",
                       [doc]).fetchall()


@pytest.mark.parametrize("injected", FINDINGS[DOCUMENTS["S04"]]["injected"], ids=lambda i: f"S04 error {i['n']}")
def test_every_error_injected_into_s04_is_reported_and_not_on_s01(warehouse, injected):
    s04, s01 = IDS["S04"], IDS["S01"]
    if "violation" in injected:
        assert tuple(injected["violation"]) in _violations(warehouse, s04)
        assert tuple(injected["violation"][:2]) not in {v[:2] for v in _violations(warehouse, s01)}
    if "issue" in injected:
        severity, start = injected["issue"]
        assert any(s == severity and m.startswith(start) for s, m in _issues(warehouse, s04)), injected
        assert not any(m.startswith(start) for s, m in _issues(warehouse, s01))
    if "insufficient" in injected:
        rule, subject = injected["insufficient"]
        detail = warehouse.execute("select detail from marts.fct_identity_check where document_id = ? and rule_id = ? "
                                   "and subject = ? and status = 'insufficient_data'", [s04, rule, subject]).fetchone()
        assert detail and "支出决算表" in detail[0]
    if "absent_violation" in injected:
        assert tuple(injected["absent_violation"]) not in {v[:2] for v in _violations(warehouse, s04)}
        assert tuple(injected["absent_violation"]) in {v[:2] for v in _violations(warehouse, s01)}


@pytest.mark.parametrize("document", ["S01", "S03"])
def test_a_clean_report_shows_its_own_defects_and_nothing_else(warehouse, document):
    want = {tuple(v) for v in FINDINGS[DOCUMENTS[document]]["violations"]}
    assert _violations(warehouse, IDS[document]) == want
    errors = [m for s, m in _issues(warehouse, IDS[document]) if s == "error"]
    assert errors == []


def test_every_finding_carries_both_numbers_and_where_they_are_printed(warehouse):
    rows = warehouse.execute("""
        select rule_id, lhs, rhs, difference, tolerance, source_location from marts.fct_identity_check
        where document_id in (?, ?, ?) and status = 'violation'""", list(IDS.values())).fetchall()
    assert rows and all(r[1] is not None and r[2] is not None and r[3] is not None and r[4] is not None and r[5]
                        for r in rows)
    cross = warehouse.execute("""
        select count(*), count(related_location) from marts.fct_identity_check
        where document_id = ? and rule_id in ('text_totals_match_statements', 'statement_classes_agree')
          and status = 'violation'""", [IDS["S01"]]).fetchone()
    assert cross[0] == cross[1] == 3


def test_a_growth_rate_over_a_zero_prior_year_is_an_info_finding(warehouse):
    rows = dict(warehouse.execute("""
        select subject, severity from marts.fct_identity_check
        where document_id = ? and rule_id = 'growth_rate' and status = 'insufficient_data'""", [IDS["S03"]]).fetchall())
    assert rows == {s: "info" for s in FINDINGS[DOCUMENTS["S03"]]["info_not_computable"]}


def test_the_narrative_marts_hold_the_explanations(warehouse):
    s01 = IDS["S01"]
    procurement = dict(warehouse.execute("select category, coalesce(amount_yuan, budget_amount_yuan) from marts.fct_procurement "
                                         "where document_id = ?", [s01]).fetchall())
    assert procurement["total"] == 2512500 and procurement["goods"] == 47900 and procurement["services"] == 2464700
    organ = warehouse.execute("select amount_yuan, change_amount_yuan, growth_pct from marts.fct_totals "
                              "where document_id = ? and statement = 'text' and measure = 'organ_operating_expenses' "
                              "and basis = 'reported'", [s01]).fetchone()
    assert organ == (1846500, 25500, Decimal("1.40"))
    items = warehouse.execute("""
        select function_code, amount_yuan, budget_amount_yuan, budget_basis, variance_direction
        from marts.fct_expenditure_by_function where document_id = ? and statement = 'text' and level = 'xiang'
        order by seq""", [s01]).fetchall()
    assert len(items) == 11 and items[0] == ("2010601", 15118900, 15600500, "reported", "less")
    vehicles = warehouse.execute("select item_count from marts.fct_assets where document_id = ? "
                                 "and asset_item = 'vehicles_total'", [s01]).fetchone()
    assert vehicles == (0,)

"""Project self-evaluation marts and their identities, against the golden values of the reference report.

Uses the session fixture ``built_warehouse`` (tests/conftest.py): the DuckDB file built by the real
pipeline from tests/fixtures/luzhou_hrss_2023.txt (and files that must be quarantined), identity
results included.
"""
import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb
import pytest

GOLDEN_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "golden"
GOLDEN = json.loads((GOLDEN_DIR / "golden.json").read_text(encoding="utf-8"))
EXPECTED_VIOLATIONS = json.loads((GOLDEN_DIR / "expected_violations.json").read_text(encoding="utf-8"))
TABLES = GOLDEN["project_tables"]
WAN = Decimal(10000)
OPERATORS = {"≥": "ge", ">=": "ge", "≤": "le", "<=": "le", "＝": "eq", "=": "eq", "＞": "gt", ">": "gt",
             "＜": "lt", "<": "lt", "定性": "qualitative"}
PROJECT_FAMILIES = ("project_budget", "project_score", "department_kpi")


def dec(text) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(str(text).replace(",", "").strip())
    except InvalidOperation:
        return None


def yuan(text) -> Decimal | None:
    return dec(text) * WAN if text is not None else None


def indicators(table: dict) -> list[dict]:
    """The golden's real indicator rows (degenerate rows — a lone score, no indicator — are not indicators)."""
    return [k for k in table["kpis"] if not k.get("degenerate")]


@pytest.fixture(scope="module")
def con(built_warehouse):
    path = getattr(built_warehouse, "path", built_warehouse)  # the BuiltWarehouse record, or a bare Path
    connection = duckdb.connect(str(path), read_only=True)
    yield connection
    connection.close()


def fetch(con, sql, params=None) -> list[dict]:
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


@pytest.fixture(scope="module")
def projects(con):
    return {r["project_code"]: r for r in fetch(con, "select * from marts.dim_project")}


@pytest.fixture(scope="module")
def checks(con):
    """Identity results of the project and department-KPI families, keyed by (rule_id, subject)."""
    rows = fetch(con, "select * from marts.fct_identity_check where family in ?", [list(PROJECT_FAMILIES)])
    return {(r["rule_id"], r["subject"]): r for r in rows}


# --- dim_project -------------------------------------------------------------------------------------


def test_dim_project_has_every_golden_project_once(projects):
    assert len(projects) == len(TABLES) == 56
    for table in TABLES:
        row = projects[table["project_code"]]
        assert row["project_name"] == table["project_name"]
        assert row["implementing_unit"] == table["implementing_unit"]
        assert row["competent_department"] == table["competent_dept"]
        assert row["annual_target"] == table["annual_target"]
        assert row["source_location"] == f"line {table['name_line']}"


def test_project_id_is_a_hash_of_the_code_alone(con):
    """Stable across documents and years: the same code gives the same id, whatever the department or name."""
    rows = fetch(con, """
        select project_code, project_id, 'proj_' || substr(md5(project_code), 1, 16) as expected
        from marts.dim_project""")
    assert len(rows) == 56
    assert all(r["project_id"] == r["expected"] for r in rows)
    assert len({r["project_id"] for r in rows}) == 56


def test_implementing_unit_id_is_department_and_printed_name(con):
    rows = fetch(con, """
        select implementing_unit_id,
               'unit_' || substr(md5(department_id || '|' || implementing_unit), 1, 16) as expected
        from marts.dim_project""")
    assert rows and all(r["implementing_unit_id"] == r["expected"] for r in rows)


def test_facts_reference_dim_project(con):
    for fact in ("fct_project_budget", "fct_project_kpi", "fct_project_score"):
        orphans = con.execute(f"""
            select count(*) from marts.{fact} f
            left join marts.dim_project p using (project_id) where p.project_id is null""").fetchone()[0]
        assert orphans == 0, fact


# --- fct_project_budget ------------------------------------------------------------------------------


def test_budget_amounts_are_decimal_yuan(con):
    types = dict(con.execute("""
        select column_name, data_type from information_schema.columns
        where table_schema = 'marts' and table_name = 'fct_project_budget'""").fetchall())
    for column in ("initial_budget_yuan", "adjusted_budget_yuan", "executed_yuan"):
        assert types[column] == "DECIMAL(20,2)"
    assert types["execution_rate_pct"] == "DECIMAL(9,4)"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"#{t['seq']}")
def test_budget_rows_match_golden(con, table):
    rows = {r["funding"]: r for r in fetch(con, """
        select b.* from marts.fct_project_budget b join marts.dim_project p using (project_id)
        where p.project_code = ?""", [table["project_code"]])}
    assert set(rows) == {b["funding"] for b in table["budget"]}
    for want in table["budget"]:
        got = rows[want["funding"]]
        assert got["initial_budget_yuan"] == yuan(want["initial_budget"])
        assert got["adjusted_budget_yuan"] == yuan(want["adjusted_budget"])
        assert got["executed_yuan"] == yuan(want["executed"])
        assert got["execution_rate_pct"] == dec(want["execution_rate"])
        assert got["weight"] == dec(want["weight"])
        assert got["score"] == dec(want["score"])
        assert got["funding_zh"] == want["label"]
        assert got["source_location"] == f"line {want['line']}"
        assert got["printed_unit"] == "万元"


# --- fct_project_kpi ---------------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"#{t['seq']}")
def test_kpi_rows_match_golden(con, table):
    got_rows = fetch(con, """
        select k.* from marts.fct_project_kpi k join marts.dim_project p using (project_id)
        where p.project_code = ? order by k.seq""", [table["project_code"]])
    want_rows = indicators(table)
    assert len(got_rows) == len(want_rows)
    for seq, (got, want) in enumerate(zip(got_rows, want_rows), start=1):
        assert got["seq"] == seq
        assert got["indicator"] == want["name"]
        assert got["operator"] == OPERATORS[want["operator"]]
        assert got["level1"] == want["level1"] and got["level2"] == want["level2"]
        if got["operator"] == "qualitative" or dec(want["target"]) is None:
            assert (got["target_text"] or "") == (want["target"] or "")
        else:
            assert got["target_value"] == dec(want["target"])
        if dec(want["actual"]) is not None:
            assert got["actual_value"] == dec(want["actual"])
        else:  # blank stays NULL; a grade or a value with its unit stays text as printed
            assert got["actual_text"] == want["actual"]
            if want["actual"] is None:
                assert got["actual_value"] is None
        assert got["weight"] == dec(want["weight"])  # None == None where the golden cell is blank
        assert got["score"] == dec(want["score"])
        assert got["source_location"] == f"line {want['line']}"


def test_blank_kpi_scores_stay_null(con):
    """#2 and #11 print no indicator scores: 8 + 6 NULLs, never 0."""
    blank = dict(con.execute("""
        select p.project_code, count(*) from marts.fct_project_kpi k join marts.dim_project p using (project_id)
        where k.score is null group by 1""").fetchall())
    assert blank == {"51050021T000000029379": 8, "51050021T000000029434": 6}


# --- fct_project_score -------------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES, ids=lambda t: f"#{t['seq']}")
def test_total_row_matches_golden(con, table):
    rows = fetch(con, """
        select s.* from marts.fct_project_score s join marts.dim_project p using (project_id)
        where p.project_code = ?""", [table["project_code"]])
    assert len(rows) == 1
    got, total = rows[0], table["total"]
    assert got["total_weight"] == dec(total["weight"])
    assert got["total_score"] == dec(total["score"])
    assert got["kpi_count"] == len(indicators(table))


def test_computed_score_is_null_when_a_part_is_missing(con):
    got = {r["project_code"]: r for r in fetch(con, """
        select p.project_code, s.* from marts.fct_project_score s join marts.dim_project p using (project_id)""")}
    assert got["51050022T000000366074"]["computed_score"] == Decimal("87.9")  # #13: printed 97.9
    assert got["51050022T000000366074"]["total_score"] == Decimal("97.9")
    assert got["51050022T000004700922"]["computed_score"] == Decimal("99.2")  # #33: printed 99.15
    assert got["51050021T000000029423"]["computed_score"] == Decimal("95")  # #9: 6 + 89
    for blank_part in ("51050021T000000029379", "51050021T000000029387", "51050021T000000029434",
                       "51050023T000007804143"):  # #2, #5, #11, #23: a blank score
        assert got[blank_part]["computed_score"] is None
    for no_indicators in ("51050023T000008762123", "51050023T000008762151"):  # #25, #26
        assert got[no_indicators]["computed_score"] is None
        assert got[no_indicators]["kpi_count"] == 0
    assert got["51050021T000000029377"]["kpi_weight_sum"] == Decimal(90)
    assert got["51050021T000000029377"]["budget_weight"] == Decimal(10)


# --- department KPI table ----------------------------------------------------------------------------


def test_department_kpi_rows_match_golden(con):
    want_rows = GOLDEN["department_kpi_table"]["kpis"]
    got_rows = fetch(con, "select * from marts.fct_department_kpi order by seq")
    assert len(got_rows) == len(want_rows) == 21
    for got, want in zip(got_rows, want_rows):
        assert got["indicator"] == want["name"]
        assert got["operator"] == OPERATORS[want["operator"]]
        assert got["weight_pct"] == dec(want["weight"])
        assert got["source_location"] == f"line {want['line']}"
        if dec(want["target"]) is not None:
            assert got["target_value"] == dec(want["target"])
        if dec(want["actual"]) is not None:
            assert got["actual_value"] == dec(want["actual"])
    assert sum(r["weight_pct"] for r in got_rows) == Decimal(90)


def test_department_kpi_header_and_tasks(con):
    dept = GOLDEN["department_kpi_table"]
    header = fetch(con, "select * from marts.fct_department_kpi_header")
    assert len(header) == 1
    assert header[0]["total_funds_yuan"] == yuan(dept["budget"]["total"])
    assert header[0]["fiscal_funds_yuan"] == yuan(dept["budget"]["fiscal"])
    assert header[0]["other_funds_yuan"] == yuan(dept["budget"]["other"])
    assert header[0]["annual_goal"] == dept["overall_goal"]
    tasks = fetch(con, "select * from marts.fct_department_kpi_task order by task_seq")
    assert [(t["task_name"], t["content"]) for t in tasks] == [(t["task"], t["content"]) for t in dept["tasks"]]


# --- identities --------------------------------------------------------------------------------------


def _numbers(detail: str) -> tuple[Decimal, Decimal]:
    """'Σ=87.9 vs 97.9, …' → (87.9, 97.9)."""
    match = re.search(r"Σ=(-?[\d.]+) vs (-?[\d.]+)", detail)
    assert match, detail
    return Decimal(match.group(1)), Decimal(match.group(2))


def _blank_score_cells(table: dict) -> int:
    """Blank score cells of a golden table: the 总额 score, the indicator scores and the 合计 score."""
    total_row = next(b for b in table["budget"] if b["funding"] == "total")
    return ((total_row["score"] is None) + sum(k["score"] is None for k in indicators(table))
            + (table["total"]["score"] is None))


PROJECT_EXPECTED = [v for v in EXPECTED_VIOLATIONS if v["scope"] == "project_table"]


def _expected_check(entry: dict) -> tuple[str, str, Decimal, Decimal]:
    """Which rule must flag an expected violation, on which subject, with which lhs and rhs."""
    table = next(t for t in TABLES if t["seq"] == entry["table_seq"])
    code, check = entry["project_code"], entry["check"]
    if check.startswith("P5"):
        return "project_kpi_weights_sum_90", code, Decimal(0), Decimal(90)
    if check.startswith("P6"):
        return ("project_total_weight_parts", code, *_numbers(entry["detail"]))
    if check == "P7 合计 score = budget score + Σ KPI scores":
        return ("project_total_score_parts", code, *_numbers(entry["detail"]))
    if check == "P7 合计 score":  # a blank score cell: the completeness identity flags it
        return "project_score_cells_filled", code, Decimal(_blank_score_cells(table)), Decimal(0)
    raise AssertionError(f"no rule mapped for {check!r}")


@pytest.mark.parametrize("entry", [v for v in PROJECT_EXPECTED if v["severity"] != "ROUND"],
                         ids=lambda v: f"{v['id']} {v['check'][:2]}")
def test_expected_project_violation_is_flagged(checks, entry):
    rule_id, subject, lhs, rhs = _expected_check(entry)
    got = checks[(rule_id, subject)]
    assert got["status"] == "violation"
    assert got["severity"] == "warning"
    assert (got["lhs"], got["rhs"]) == (lhs, rhs)


def test_round_entry_is_within_rounding(checks):
    """#33: 合计 99.15 vs 9.2 + 90 = 99.2 — the displayed budget score was rounded from 9.15."""
    (entry,) = [v for v in PROJECT_EXPECTED if v["severity"] == "ROUND"]
    rule_id, subject, lhs, rhs = _expected_check(entry)
    got = checks[(rule_id, subject)]
    assert got["status"] == "within_rounding"
    assert (got["lhs"], got["rhs"]) == (lhs, rhs)


def test_department_kpi_weights_90_vs_100_is_flagged(checks):
    got = checks[("department_kpi_weights_sum_100", "department_kpi")]
    assert (got["status"], got["lhs"], got["rhs"]) == ("violation", Decimal(90), Decimal(100))


def test_no_other_project_violation(checks):
    """Apart from the expected list and the SOFT (info) scoring heuristic, the tables add up."""
    expected = {_expected_check(v)[:2] for v in PROJECT_EXPECTED if v["severity"] != "ROUND"}
    expected.add(("department_kpi_weights_sum_100", "department_kpi"))
    flagged = {key for key, r in checks.items() if r["status"] == "violation" and r["severity"] != "info"}
    assert flagged == expected


def test_execution_rates_from_unrounded_amounts_are_not_violations(checks):
    """13 printed rates were computed from unrounded amounts: within rounding, never a violation."""
    rates = {s: r for (rule, s), r in checks.items() if rule == "project_execution_rate"}
    assert not [s for s, r in rates.items() if r["status"] == "violation"]
    seventh = rates["51050022T000004690394:total"]  # #30: 7.43 / 8.00 = 92.875 %, printed 92.82 %
    assert (seventh["status"], seventh["lhs"], seventh["rhs"]) == ("within_rounding", Decimal("92.875"), Decimal("92.82"))
    round_tables = {9, 12, 15, 18, 30, 32, 33, 34, 41, 46, 49, 53, 56}
    codes = {t["project_code"]: t["seq"] for t in TABLES}
    within = {codes[s.split(":")[0]] for s, r in rates.items()
              if s.endswith(":total") and r["status"] == "within_rounding"}
    assert within == round_tables
    assert sum(s.endswith(":total") and r["status"] == "exact" for s, r in rates.items()) == 56 - 13


def test_funding_rows_add_up_in_every_table(checks):
    sums = [r for (rule, _), r in checks.items() if rule == "project_funding_rows_sum"]
    assert len(sums) == 56 * 3
    assert {r["status"] for r in sums} == {"exact"}


def test_soft_budget_score_rule_is_info_only(checks):
    """Budget score vs rate × 10 is a heuristic: its 5 misses (#9 #25 #41 #42 #53) are info, not warnings."""
    soft = {s: r for (rule, s), r in checks.items() if rule == "project_budget_score_vs_rate"}
    codes = {t["project_code"]: t["seq"] for t in TABLES}
    missed = {codes[s] for s, r in soft.items() if r["status"] == "violation"}
    assert missed == {9, 25, 41, 42, 53}
    assert {soft[c]["severity"] for c, r in soft.items() if r["status"] == "violation"} == {"info"}


def test_blank_scores_are_insufficient_data_not_zero(checks):
    codes = {t["seq"]: t["project_code"] for t in TABLES}
    for seq in (2, 5, 8, 10, 11, 14, 23, 25, 27, 26):
        assert checks[("project_total_score_parts", codes[seq])]["status"] == "insufficient_data", seq
    assert checks[("project_kpi_score_le_weight", codes[2] + ":1")]["status"] == "insufficient_data"

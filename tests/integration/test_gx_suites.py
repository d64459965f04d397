"""Each Great Expectations suite on a consistent and a broken DataFrame: pass and fail respectively."""
import pandas as pd
import pytest

from expectations import identity_suite
from expectations.gx_runner import validate
from expectations.suites import breakdowns, dim_document, fct_totals
from pipelines.identities.registry import Rule

DOCS = pd.DataFrame({
    "document_id": ["a", "b"], "status": ["loaded", "quarantined"], "quarantine_reason": [None, "empty file"],
    "doc_kind": ["final_accounts", "unknown"], "file_format": ["txt", None]})
TOTALS = pd.DataFrame({
    "document_id": ["a", "a"], "statement": ["text", "text"], "measure": ["income_total", "income_total"],
    "fiscal_year": [2023, 2022],
    "basis": ["reported", "derived"], "derivation": [None, "amount 2023 − change vs 2022 (line 54)"],
    "source_location": ["line 54", "line 54"]})
BREAKDOWN = pd.DataFrame({
    "document_id": ["a", "a"], "category": ["basic", "project"], "amount_matches": [True, True],
    "has_location": [True, True]})
RULES = [Rule("r1", "Σ parts = total", "f", "sum", "warning", "select 1"),
         Rule("r2", "share = part / total", "f", "ratio", "warning", "select 1"),
         Rule("r3", "rounding of a printed share", "f", "ratio", "info", "select 1")]
IDENTITIES = pd.DataFrame({
    "document_id": ["a", "a", "a"], "rule_id": ["r1", "r2", "r2"], "subject": ["x", "x", "y"],
    "status": ["exact", "within_rounding", "insufficient_data"], "severity": ["info", "info", "warning"]})


@pytest.mark.parametrize("frame, build, broken", [
    (DOCS, dim_document.build_suite, DOCS.assign(quarantine_reason=[None, None])),
    (DOCS, dim_document.build_suite, DOCS.assign(doc_kind=["budget", "unknown"])),
    (TOTALS, fct_totals.build_suite, TOTALS.assign(derivation=[None, None])),
    (BREAKDOWN, breakdowns.build_income_suite, BREAKDOWN.assign(amount_matches=[True, False])),
    (BREAKDOWN, breakdowns.build_expenditure_suite, BREAKDOWN.assign(amount_matches=[False, True])),
])
def test_suite_passes_consistent_and_fails_broken(frame, build, broken):
    good, bad = validate({"good": (frame, build), "bad": (broken, build)})
    assert good.success and not good.failed
    assert not bad.success and len(bad.failed) >= 1


def test_identity_suite_is_generated_from_the_registry_one_expectation_per_severity():
    suite = identity_suite.build_suite(RULES)
    assert [(e.severity.value, e.value_set, e.description) for e in suite.expectations] == [
        ("info", ["r3"], "no info rule is violated (1 rules)"),
        ("warning", ["r1", "r2"], "no warning rule is violated (2 rules)")]
    assert suite.expectations[1].meta["rules"] == {"r1": "Σ parts = total", "r2": "share = part / total"}
    no_violation = pd.DataFrame({"document_id": [], "violated_rule": [], "subject": []}, dtype=object)
    ok, = validate({"ok": (no_violation, lambda: identity_suite.build_suite(RULES))})
    assert ok.success and ok.evaluated == 2
    broken = pd.DataFrame({"document_id": ["a", "b", "a"], "violated_rule": ["r2", "r2", "r1"],
                           "subject": ["x", "y", "z"]})
    bad, = validate({"bad": (broken, lambda: identity_suite.build_suite(RULES))})
    assert not bad.success and len(bad.failed) == 1 and "unexpected: 3" in bad.failed[0]
    assert identity_suite.violated_rules(broken) == ["r2: 2 violation(s)", "r1: 1 violation(s)"]
    assert identity_suite.violated_rules(no_violation) == []


def test_a_validation_writes_nothing_to_disk(tmp_path, monkeypatch):
    # No Data Docs (CDN scripts, pages piling up): the findings report is what people read.
    monkeypatch.chdir(tmp_path)
    outcome, = validate({"dim_document": (DOCS, dim_document.build_suite)})
    assert outcome.success and list(tmp_path.iterdir()) == []


def _reconciliation_fixture(executed_yuan: str):
    import duckdb

    con = duckdb.connect()
    con.execute(f"""
        create schema marts; create schema raw;
        create table marts.dim_document as select 'd' as document_id, 'loaded' as status;
        create table raw.project_funding_rows as
            select 'd' as document_id, 1 as table_seq, 'total' as funding, 8.00::decimal(28,8) as initial_budget,
                   8.00::decimal(28,8) as adjusted_budget, 7.43::decimal(28,8) as executed, '万元' as unit;
        create table marts.fct_project_budget as
            select 'd' as document_id, 1 as table_seq, 'total' as funding, 80000.00::decimal(20,2) as initial_budget_yuan,
                   80000.00::decimal(20,2) as adjusted_budget_yuan, {executed_yuan}::decimal(20,2) as executed_yuan;
    """)
    return con


@pytest.mark.parametrize("executed_yuan, mismatches, success", [("74300.00", 0, True), ("74299.99", 1, False)])
def test_reconciliation_catches_a_mart_amount_that_differs_from_its_landing_figure(executed_yuan, mismatches, success):
    from expectations.suites.reconciliation import RECONCILIATIONS

    spec = next(r for r in RECONCILIATIONS if r.mart == "fct_project_budget")
    frame = _reconciliation_fixture(executed_yuan).execute(spec.query).df()
    assert frame["amount_mismatches"].tolist() == [mismatches]
    outcome, = validate({"budget": (frame, spec.build_suite)})
    assert outcome.success is success


def _identity_check(rows: pd.DataFrame):
    import duckdb

    con = duckdb.connect()
    con.execute("create schema marts")
    con.register("frame", rows)
    con.execute("create table marts.fct_identity_check as select * from frame")
    return con


def test_the_identity_check_holds_only_warning_and_error_violations_against_their_rule():
    # r1: a warning violation; r2: a violation of severity info (a rounding artefact) and a pass
    rows = IDENTITIES.assign(status=["violation", "violation", "exact"], severity=["warning", "info", "info"])
    read = _identity_check(rows).execute(identity_suite.QUERY).df()
    assert read[["violated_rule", "subject"]].values.tolist() == [["r1", "x"]]
    outcome, = validate({"read": (read, lambda: identity_suite.build_suite(RULES))})
    assert not outcome.success and identity_suite.violated_rules(read) == ["r1: 1 violation(s)"]
    # an info violation alone holds nothing against r2; missing inputs (insufficient_data) are no violation
    passing = _identity_check(IDENTITIES.assign(status=["exact", "violation", "insufficient_data"],
                                                severity=["info", "info", "warning"]))
    clean, = validate({"clean": (passing.execute(identity_suite.QUERY).df(), lambda: identity_suite.build_suite(RULES))})
    assert clean.success and clean.evaluated == 2

"""The identity engine on small in-memory marts: each relation, pass and fail, and the registry."""
from decimal import Decimal

import duckdb
import pytest

from pipelines.identities.engine import evaluate, severity_of, skipped_rules, to_printed
from pipelines.identities.registry import Rule, load_rules


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("""
        create table parts (document_id varchar, subject varchar, v decimal(20,2), d int);
        insert into parts values ('ok', 'a', 10000, 2), ('ok', 'b', 20000, 2),
                                 ('bad', 'a', 10000, 2), ('bad', 'b', 90000, 2);
        create table totals (document_id varchar, v decimal(20,2), d int);
        insert into totals values ('ok', 30000, 2), ('bad', 30000, 2);
    """)
    return con


SUM_RULE = Rule(
    id="parts_sum", description="Σ parts = total", family="test", relation="sum", severity="warning",
    query="""
        select p.document_id, 'parts' as subject, 'line 1' as source_location,
               list(struct_pack(v := p.v, d := p.d, u := '万元')) as terms,
               struct_pack(v := t.v, d := t.d, u := '万元') as total
        from parts p join totals t using (document_id) group by all
    """)


def test_sum_rule_passes_consistent_and_flags_seeded_error(con):
    results = evaluate(con, [SUM_RULE])
    assert results["ok"][0].status == "exact" and results["ok"][0].severity == "info"
    bad = results["bad"][0]
    assert (bad.status, bad.severity, bad.lhs, bad.rhs, bad.difference) == (
        "violation", "warning", Decimal(100000), Decimal(30000), Decimal(70000))
    assert bad.source_location == "line 1"


def test_printed_zero_money_is_exact():
    assert to_printed({"v": Decimal(0), "d": 0, "u": "万元"}).half_unit == 0
    assert to_printed({"v": Decimal(0), "d": 0, "u": "%"}).half_unit == Decimal("0.5")
    assert to_printed({"v": Decimal(5), "d": 2, "u": "万元"}).half_unit == Decimal(50)


def test_registry_is_valid_and_ids_unique():
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules) >= 9
    assert {r.relation for r in rules} <= {"sum", "le", "ratio"}


def test_registry_rejects_unknown_relation(tmp_path):
    (tmp_path / "x.yml").write_text("rules:\n  - {id: r, description: d, family: f, relation: avg, severity: warning, query: 'select 1'}\n")
    with pytest.raises(ValueError, match="relation 'avg'"):
        load_rules(tmp_path)


def test_a_failing_rule_is_recorded_as_an_error_and_the_others_still_run(con):
    con.execute("create schema marts; create table marts.dim_document as "
                "select * from (values ('ok', 'loaded'), ('bad', 'loaded'), ('q', 'quarantined')) t(document_id, status)")
    broken = Rule(id="broken", description="d", family="test", relation="sum", severity="warning",
                  query="select 1 / 0::decimal(9,2) as boom from no_such_table")
    results = evaluate(con, [broken, SUM_RULE])
    assert sorted(results) == ["bad", "ok"]
    failure = results["ok"][0]
    assert (failure.rule_id, failure.severity, failure.status) == ("broken", "error", "insufficient_data")
    assert failure.detail.startswith("rule query failed: Catalog Error")
    assert results["ok"][1].rule_id == "parts_sum" and results["ok"][1].status == "exact"


# ---- rule tolerance same_figure, a row's severity and detail, a profile's skipped rules ------------------------------

def one_row_rule(rule_id: str = "one_row", tolerance: str = "printed", **row: str) -> Rule:
    """A rule over one amount printed twice, 1.00 and 1.01 万元 (doc 'ok': both 1.00), with extra row columns."""
    extra = "".join(f", {value} as {name}" for name, value in row.items())
    return Rule(id=rule_id, description="d", family="test", relation="sum", severity="warning", tolerance=tolerance,
                query=f"""
        select document_id, 'figure' as subject, 'line 1' as source_location{extra},
               [struct_pack(v := 10000.00, d := 2, u := '万元')] as terms,
               struct_pack(v := case document_id when 'ok' then 10000.00 else 10100.00 end, d := 2, u := '万元') as total
        from (values ('ok'), ('bad')) t(document_id)""")


def test_same_figure_tolerance_reports_one_unit_of_difference():
    """1.00 vs 1.01 万元: two sums may differ so much by rounding, one amount printed twice may not."""
    assert evaluate(duckdb.connect(), [one_row_rule()])["bad"][0].status == "within_rounding"
    bad = evaluate(duckdb.connect(), [one_row_rule(tolerance="same_figure")])["bad"][0]
    assert (bad.status, bad.difference, bad.tolerance) == ("violation", Decimal(-100), Decimal(0))


def test_row_severity_applies_to_a_violation_never_to_a_pass():
    results = evaluate(duckdb.connect(), [one_row_rule(tolerance="same_figure", severity="'info'")])
    assert (results["bad"][0].status, results["bad"][0].severity) == ("violation", "info")
    results = evaluate(duckdb.connect(), [one_row_rule(tolerance="same_figure", severity="'error'")])
    assert (results["ok"][0].status, results["ok"][0].severity) == ("exact", "info")
    assert results["bad"][0].severity == "error"


def test_row_severity_null_or_unknown_keeps_the_rules():
    for severity in ("null::varchar", "'bogus'"):
        bad = evaluate(duckdb.connect(), [one_row_rule(tolerance="same_figure", severity=severity)])["bad"][0]
        assert (bad.status, bad.severity) == ("violation", "warning")


def test_severity_of_insufficient_data_and_passes():
    rule = one_row_rule()
    assert severity_of(rule, "insufficient_data") == "warning"
    assert severity_of(rule, "insufficient_data", "info") == "info"
    assert severity_of(rule, "within_rounding", "warning") == "info"
    assert severity_of(rule, "exact", "error") == "info"
    assert severity_of(rule, "violation") == "warning"


def test_row_detail_is_joined_to_the_engines():
    rule = Rule(id="zero_base", description="d", family="test", relation="ratio", severity="warning", query="""
        select 'doc' as document_id, 'growth' as subject, 'the prior year was 0' as detail,
               [struct_pack(v := 14900.00, d := 2, u := '万元')] as numerator,
               [struct_pack(v := 0.00, d := null::integer, u := '万元')] as denominator,
               struct_pack(v := 100.00, d := 2, u := '%') as printed""")
    row = evaluate(duckdb.connect(), [rule])["doc"][0]
    assert (row.status, row.detail) == (
        "insufficient_data", "denominator 0.00 can be zero: the ratio is not computable; the prior year was 0")
    passing = evaluate(duckdb.connect(), [one_row_rule(detail="'printed twice'")])["ok"][0]
    assert (passing.status, passing.detail) == ("exact", "printed twice")
    assert evaluate(duckdb.connect(), [one_row_rule()])["ok"][0].detail is None


def test_a_profile_skips_its_rules_for_its_documents_only():
    con = duckdb.connect()
    con.execute("create schema marts; create table marts.dim_document as select * from (values "
                "('ok', 'national_final_2024'), ('bad', 'sichuan_final_2023')) t(document_id, layout_profile)")
    assert skipped_rules(con)["ok"] >= {"glossary_entry_for_item"} and skipped_rules(con)["bad"] == frozenset()
    results = evaluate(con, [one_row_rule("glossary_entry_for_item"), one_row_rule("other")])
    assert [r.rule_id for r in results["ok"]] == ["other"]
    assert [r.rule_id for r in results["bad"]] == ["glossary_entry_for_item", "other"]


def test_without_a_layout_profile_column_no_rule_is_skipped():
    con = duckdb.connect()
    con.execute("create schema marts; create table marts.dim_document as select 'ok' as document_id")
    assert skipped_rules(con) == {}
    results = evaluate(con, [one_row_rule("glossary_entry_for_item")])
    assert [r.rule_id for r in results["ok"]] == ["glossary_entry_for_item"]


def test_registry_rejects_unknown_tolerance_and_accepts_same_figure(tmp_path):
    rule = ("  - {id: r, description: d, family: f, relation: sum, severity: warning, query: 'select 1',"
            " tolerance: %s}\n")
    (tmp_path / "x.yml").write_text("rules:\n" + rule % "same_figure")
    assert load_rules(tmp_path)[0].tolerance == "same_figure"
    (tmp_path / "x.yml").write_text("rules:\n" + rule % "loose")
    with pytest.raises(ValueError, match="tolerance 'loose'"):
        load_rules(tmp_path)

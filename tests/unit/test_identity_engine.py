"""The identity engine on small in-memory marts: each relation, pass and fail, and the registry."""
from decimal import Decimal

import duckdb
import pytest

from pipelines.identities.engine import evaluate, to_printed
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

"""Identity results are kept per document while the rows their rules read are unchanged."""
from dataclasses import replace
from decimal import Decimal

import duckdb
import pytest

from pipelines.identities import reuse
from pipelines.identities.engine import IdentityResult, evaluate
from tests.unit.test_identity_engine import SUM_RULE as ENGINE_SUM_RULE

# the engine tests' rule, over the same tables in schema marts (where the digests look for what a rule reads)
SUM_RULE = replace(ENGINE_SUM_RULE, query=ENGINE_SUM_RULE.query.replace(
    "from parts p join totals t", "from marts.parts p join marts.totals t"))
assert "marts.parts" in SUM_RULE.query


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("""
        create schema marts;
        create table marts.dim_document (document_id varchar, status varchar, layout_profile varchar);
        insert into marts.dim_document values ('ok', 'loaded', null), ('bad', 'loaded', null);
        create table marts.parts (document_id varchar, subject varchar, v decimal(20,2), d int);
        insert into marts.parts values ('ok', 'a', 10000, 2), ('ok', 'b', 20000, 2),
                                       ('bad', 'a', 10000, 2), ('bad', 'b', 90000, 2);
        create table marts.totals (document_id varchar, v decimal(20,2), d int);
        insert into marts.totals values ('ok', 30000, 2), ('bad', 30000, 2);
    """)
    return con


def _results(con) -> dict[str, tuple]:
    return {d: (status, lhs) for d, status, lhs in con.execute(
        f"select document_id, status, lhs from audit.{IdentityResult.table} order by 1").fetchall()}


def test_an_unchanged_document_is_not_evaluated_again(con):
    first = reuse.refresh(con, "audit", [SUM_RULE], "code-1")
    assert (first.evaluated, first.kept) == (2, 0)
    assert _results(con) == {"bad": ("violation", Decimal(100000)), "ok": ("exact", Decimal(30000))}

    again = reuse.refresh(con, "audit", [SUM_RULE], "code-1")
    assert (again.evaluated, again.kept, again.written) == (0, 2, 0)
    assert _results(con) == {"bad": ("violation", Decimal(100000)), "ok": ("exact", Decimal(30000))}


def test_a_changed_document_alone_is_evaluated_and_the_result_equals_a_full_evaluation(con):
    reuse.refresh(con, "audit", [SUM_RULE], "code-1")
    con.execute("update marts.parts set v = 20000 where document_id = 'bad' and subject = 'b'")

    done = reuse.refresh(con, "audit", [SUM_RULE], "code-1")

    assert (done.evaluated, done.kept) == (1, 1)
    full = {d: (r[0].status, r[0].lhs) for d, r in evaluate(con, [SUM_RULE]).items()}
    assert _results(con) == full == {"bad": ("exact", Decimal(30000)), "ok": ("exact", Decimal(30000))}


def test_new_code_evaluates_every_document_and_a_gone_document_loses_its_results(con):
    reuse.refresh(con, "audit", [SUM_RULE], "code-1")
    assert reuse.refresh(con, "audit", [SUM_RULE], "code-2").evaluated == 2

    con.execute("delete from marts.dim_document where document_id = 'bad'")
    con.execute("delete from marts.parts where document_id = 'bad'")
    con.execute("delete from marts.totals where document_id = 'bad'")
    done = reuse.refresh(con, "audit", [SUM_RULE], "code-2")

    assert (done.evaluated, done.kept) == (0, 1)
    assert set(_results(con)) == {"ok"}


def test_results_without_their_digests_are_evaluated_again(con):
    """A run that died after clearing the digests and before writing them again."""
    reuse.refresh(con, "audit", [SUM_RULE], "code-1")
    con.execute("delete from audit.identity_inputs")
    assert reuse.refresh(con, "audit", [SUM_RULE], "code-1").evaluated == 2

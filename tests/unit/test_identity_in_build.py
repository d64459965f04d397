"""The identity engine as a step of the dbt build (dbt_project/models/audit/identity_results.py)."""
import ast
from pathlib import Path

import pytest

from pipelines.identities import in_build
from pipelines.identities.registry import load_rules
from pipelines.identities.reuse import rule_tables
from tests.unit.test_identity_reuse import SUM_RULE, con  # noqa: F401 (fixture)

MODEL = Path(__file__).resolve().parents[2] / "dbt_project" / "models" / "audit" / "identity_results.py"


def _model_reads() -> dict[str, str]:
    """The model's `reads` dict as written: schema-qualified name → the model name its dbt.ref names."""
    reads = next(node for node in ast.walk(ast.parse(MODEL.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "reads").value
    return {key.value: value.args[0].value for key, value in zip(reads.keys, reads.values)
            if isinstance(value, ast.Call) and value.func.attr == "ref"}


def test_the_model_refs_every_relation_the_rules_read_so_dbt_runs_the_engine_after_them():
    reads = _model_reads()
    assert rule_tables(load_rules()) <= set(reads)
    assert all(name.split(".")[1] == model for name, model in reads.items())  # each key names its own ref


def test_a_rule_reading_a_relation_the_model_does_not_ref_stops_the_engine():
    with pytest.raises(in_build.UnorderedRead, match="marts.fct_totals"):
        in_build.refresh_in_build(None, {"marts.dim_document": None})


def test_the_engine_writes_on_a_cursor_of_its_own_and_dbt_copies_every_result_kept(con, monkeypatch):  # noqa: F811
    monkeypatch.setattr(in_build, "load_rules", lambda: [SUM_RULE])
    reads = dict.fromkeys(["marts.dim_document", "marts.parts", "marts.totals"])
    first = in_build.refresh_in_build(con, reads)
    assert sorted(first.select("document_id, status").fetchall()) == [("bad", "violation"), ("ok", "exact")]
    last = f"select rules, documents_evaluated, documents_kept, results_written from audit.{in_build.LAST_REFRESH}"
    assert con.execute(last).fetchall() == [(1, 2, 0, 2)]
    again = in_build.refresh_in_build(con, reads)
    assert len(again.fetchall()) == 2  # both documents kept: the table dbt builds still holds every result
    assert con.execute(last).fetchall() == [(1, 0, 2, 0)]


def test_a_cursor_whose_transaction_predates_the_engine_fails_the_model_instead_of_copying_older_results(
        con, monkeypatch):  # noqa: F811
    monkeypatch.setattr(in_build, "load_rules", lambda: [SUM_RULE])
    reads = dict.fromkeys(["marts.dim_document", "marts.parts", "marts.totals"])
    in_build.refresh_in_build(con, reads)
    con.execute("update marts.parts set v = 20000 where document_id = 'bad' and subject = 'b'")  # now it adds up
    con.execute("begin transaction")
    con.execute("select count(*) from marts.parts").fetchall()  # the snapshot is taken: later commits are not seen
    with pytest.raises(in_build.StaleSnapshot):
        in_build.refresh_in_build(con, reads)
    con.execute("rollback")
    assert con.execute("select status from audit.identity_evaluations where document_id = 'bad'").fetchall() == [
        ("exact",)]  # the engine's own commit stands, like any run of the engine

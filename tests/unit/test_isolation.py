"""Only a pipeline fault blocks the build: a dbt test failing on some documents' rows quarantines those
documents alone; a failure that names no document, or most documents at once, stops the build."""
import duckdb
import pytest

from pipelines.warehouse import isolation
from pipelines.warehouse.isolation import FailedTest, decide, failed_nodes, read_back, refresh_build_input

LOADED = {"a": "a.txt", "b": "b.txt", "c": "c.txt"}


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("create schema raw")
    con.execute("""create table raw.documents as select * from (values
        ('a', 'a.txt', 'loaded', null), ('b', 'b.txt', 'withdrawn', 'file no longer in the landing folder'),
        ('c', 'c.txt', 'quarantined', 'empty file'), ('d', 'd.txt', 'loaded', null))
        t(document_id, source_file, status, quarantine_reason)""")
    con.execute("create table raw.document_files as select document_id, source_file from raw.documents")
    con.execute("create table raw.figures as select * from (values ('a', 1), ('b', 2), ('d', 3), ('d', 3)) t(document_id, value)")
    yield con
    con.close()


def test_dbt_sees_the_landing_rows_of_loaded_documents_only(con):
    isolation.ensure_quarantine_table(con)
    con.execute("insert into runs.build_quarantine values ('d', 'dbt test x failed', 'x', 2, 'f1', 'now')")
    refresh_build_input(con, ["documents", "document_files", "figures"])
    assert con.execute("select document_id, value from build_input.figures").fetchall() == [("a", 1)]
    assert con.execute("select document_id, status, quarantine_reason from build_input.documents order by 1").fetchall() == [
        ("a", "loaded", None), ("b", "withdrawn", "file no longer in the landing folder"),
        ("c", "quarantined", "empty file"), ("d", "quarantined", "dbt test x failed")]
    assert con.execute("select count(*) from build_input.document_files").fetchone() == (4,)  # every name
    assert isolation.loaded_documents(con) == {"a": "a.txt"}
    assert con.execute("select count(*) from raw.figures").fetchone() == (4,)  # nothing deleted


def test_a_quarantine_decided_by_another_version_of_the_pipeline_is_retried(con):
    isolation.ensure_quarantine_table(con)
    con.execute("insert into runs.build_quarantine values ('d', 'r', 'x', 2, 'old', 'then'), ('a', 'r', 'x', 1, 'new', 'now')")
    assert isolation.forget_stale_quarantines(con, "new") == 1
    assert con.execute("select document_id from runs.build_quarantine").fetchall() == [("a",)]


def _result(sql: str, status: str = "fail") -> dict:
    return {"unique_id": "test.juesuan.unique_figures_value.1a2b", "status": status, "compiled_code": sql,
            "message": "Got 2 results, configured to fail if != 0"}


def test_a_failed_tests_rows_are_read_back_and_grouped_by_document(con):
    failure = read_back(con, _result("select * from raw.figures where document_id = 'd'"))
    assert (failure.name, failure.rows, failure.rows_by_document) == ("unique_figures_value", 2, {"d": 2})
    assert failure.sample == "value=3; value=3"  # the rows, not their document id (the document is named apart)
    nameless = read_back(con, _result("select value from raw.figures where value > 2"))
    assert nameless.rows_by_document == {None: 2}
    broken = read_back(con, _result("select * from no_such_table"))
    assert broken.problem.startswith("its failing rows could not be read back")
    errored = read_back(con, _result("select 1", status="error"))
    assert errored.problem.startswith("the test did not run")


def test_run_results_give_the_failed_tests_and_the_models_in_error():
    results = {"results": [
        {"unique_id": "test.juesuan.t1.x", "status": "fail"}, {"unique_id": "test.juesuan.t2.x", "status": "pass"},
        {"unique_id": "test.juesuan.t3.x", "status": "warn"}, {"unique_id": "model.juesuan.m.x", "status": "error"},
        {"unique_id": "model.juesuan.n.x", "status": "skipped"}]}
    tests, errors = failed_nodes(results)
    assert [t["unique_id"] for t in tests] == ["test.juesuan.t1.x"]
    assert [e["unique_id"] for e in errors] == ["model.juesuan.m.x"]


def test_a_test_failing_on_one_documents_rows_quarantines_that_document_alone():
    failure = FailedTest("assert_one_figure_per_pivot_key", 5, {"b": 5}, "family=income_by_source, figures=2")
    verdict = decide([failure], [], LOADED, 0.5)
    assert verdict.fault is None and list(verdict.quarantine) == ["b"]
    assert verdict.quarantine["b"].startswith("dbt test assert_one_figure_per_pivot_key failed on 5 row(s) of this "
                                              "document (e.g. family=income_by_source, figures=2)")


def test_the_only_document_failing_is_quarantined_too():
    verdict = decide([FailedTest("t", 1, {"a": 1})], [], {"a": "a.txt"}, 0.5)
    assert verdict.fault is None and list(verdict.quarantine) == ["a"]


def test_a_failure_that_names_no_document_is_a_pipeline_fault_naming_the_test():
    verdict = decide([FailedTest("unique_dim_function_class_function_code", 2, {None: 2}, "function_code=2080101"),
                      FailedTest("t", 1, {"b": 1})], [], LOADED, 0.5)
    assert verdict.quarantine == {}
    assert verdict.fault.startswith("dbt test unique_dim_function_class_function_code failed on 2 row(s) that name "
                                    "no document (e.g. function_code=2080101)")


def test_a_test_failing_for_most_documents_is_a_pipeline_fault():
    verdict = decide([FailedTest("t", 2, {"a": 1, "b": 1})], [], LOADED, 0.5)
    assert verdict.quarantine == {} and verdict.fault.startswith("dbt test t fails for 2 of 3 documents — more than 50%")


def test_two_tests_each_failing_on_another_document_quarantine_both():
    verdict = decide([FailedTest("t1", 1, {"a": 1}), FailedTest("t2", 1, {"b": 1})], [], LOADED, 0.5)
    assert verdict.fault is None and sorted(verdict.quarantine) == ["a", "b"]


def test_a_model_that_does_not_build_is_a_pipeline_fault():
    verdict = decide([], ["model.juesuan.fct_totals.x: Conversion Error"], LOADED, 0.5)
    assert verdict.quarantine == {} and verdict.fault.startswith("dbt could not build model.juesuan.fct_totals.x")


def test_the_fingerprint_changes_with_the_code_and_not_with_run_folders(tmp_path):
    (tmp_path / "pipelines").mkdir()
    (tmp_path / "pipelines" / "a.py").write_text("x = 1")
    (tmp_path / "dbt_project" / "models").mkdir(parents=True)
    (tmp_path / "dbt_project" / "models" / "m.sql").write_text("select 1")
    before = isolation.pipeline_fingerprint(tmp_path)
    (tmp_path / "dbt_project" / "target").mkdir()
    (tmp_path / "dbt_project" / "target" / "run_results.json").write_text("{}")
    assert isolation.pipeline_fingerprint(tmp_path) == before
    (tmp_path / "dbt_project" / "models" / "m.sql").write_text("select 2")
    assert isolation.pipeline_fingerprint(tmp_path) != before

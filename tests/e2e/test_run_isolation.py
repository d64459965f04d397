"""No document, file, crash or second run can block or empty the warehouse (issue 10).

One raw folder holds the reference report beside every poison document; a first run over it is killed
(kill -9) while dbt builds, a second run is started meanwhile, and the next run must publish the
reference complete with no one's help (fixture `poison_warehouse`, tests/conftest.py)."""
import hashlib

import duckdb
import pytest

from tests.conftest import FIXTURES, REFERENCE_TXT, WITHDRAWN_NAME

REFERENCE_ID = hashlib.sha256(REFERENCE_TXT.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def poisoned(poison_warehouse):
    con = duckdb.connect(str(poison_warehouse.path), read_only=True)
    yield con
    con.close()


def _documents(con) -> dict[str, tuple]:
    return {name: (status, reason) for name, status, reason in con.execute(
        "select source_file, status, quarantine_reason from marts.dim_document").fetchall()}


def _facts_of(con, document_id: str) -> dict[str, list]:
    """Every fact mart's rows of one document (its id, file names and ingestion time aside)."""
    facts = {}
    tables = [t for (t,) in con.execute("select table_name from information_schema.tables where table_schema = 'marts' "
                                        "and table_name like 'fct_%' order by 1").fetchall()]
    for table in tables:
        columns = [c for (c,) in con.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ? "
            "and column_name not in ('ingested_at', 'source_file', 'source_files') order by ordinal_position",
            [table]).fetchall()]
        if "document_id" in columns:
            shown = ", ".join(c for c in columns if c != "document_id")
            facts[table] = sorted(map(repr, con.execute(
                f"select {shown} from marts.{table} where document_id = ?", [document_id]).fetchall()))
    return facts


def test_a_second_run_at_once_is_told_which_run_is_in_progress_and_exits(poison_warehouse):
    second = poison_warehouse.second_run
    assert second.returncode == 75, second.stdout + second.stderr
    assert "another run is in progress" in second.stdout
    assert f"process {poison_warehouse.killed_pid} (" in second.stdout and ", since 20" in second.stdout
    assert "Dagster run " in second.stdout  # which run: its id


def test_dbt_dies_with_a_killed_run(poison_warehouse):
    assert not poison_warehouse.dbt_outlived_its_run  # before: an orphan dbt kept writing the build file


def test_the_run_after_a_killed_one_recovers_without_a_person(poison_warehouse):
    out = poison_warehouse.run_output
    assert "recovered: run " in out and "had died" in out and "its pool slots freed" in out
    assert "Step blocked by limit for pool" not in out
    # JUESUAN_KEEP_RUNS=2: the killed run left two runs (extraction, build); this run extracts nothing (the killed
    # run's extraction finished, its landing folders are complete) and builds: the oldest record goes
    assert "pruned 1 old run record(s)" in out


def test_the_reference_publishes_complete_beside_every_poison_document(poisoned, marts):
    # The same rows as in the warehouse built from the reference and harmless files only.
    assert _documents(poisoned)["luzhou_hrss_2023.txt"] == ("loaded", None)
    reference_facts = _facts_of(poisoned, REFERENCE_ID)
    assert reference_facts == _facts_of(marts, REFERENCE_ID)
    assert sum(map(len, reference_facts.values())) > 1000


def test_a_document_whose_rows_fail_a_dbt_test_is_quarantined_alone_naming_the_test(poisoned, poison_warehouse):
    status, reason = _documents(poisoned)["figure_printed_twice.txt"]
    assert status == "quarantined"
    assert reason.startswith("dbt test assert_one_figure_per_pivot_key failed on 5 row(s) of this document "
                             "(e.g. statement=text, family=income_by_source, subject=")
    assert reason.endswith("quarantined so that the other documents publish")
    assert "quarantined figure_printed_twice.txt (" in poison_warehouse.run_output  # the file named in the log
    poison_id = hashlib.sha256((FIXTURES / "poison" / "figure_printed_twice.txt").read_bytes()).hexdigest()
    # its rows are kept in raw, and no model or test sees them
    assert poisoned.execute("select count(*) from raw.figures where document_id = ?", [poison_id]).fetchone()[0] > 0
    assert poisoned.execute("select count(*) from staging.stg_figures where document_id = ?", [poison_id]).fetchone() == (0,)
    assert poisoned.execute("select tests from runs.build_quarantine where document_id = ?", [poison_id]).fetchall() == [
        ("assert_one_figure_per_pivot_key",)]


def test_a_printed_functional_code_missing_from_the_classification_is_that_documents_finding(poisoned):
    # 2010698 is printed where the national classification has no such code: the document loads, the code
    # becomes a dim_function_class row outside the reference, and the document gets a warning about it.
    assert _documents(poisoned)["unknown_function_code.txt"] == ("loaded", None)
    assert poisoned.execute("select in_reference from marts.dim_function_class where function_code = '2010698'"
                            ).fetchall() == [(False,)]


def test_reports_printed_twice_are_loaded_once_with_a_finding(poisoned):
    documents = _documents(poisoned)
    findings = dict(poisoned.execute("""
        select d.source_file, i.message from marts.fct_extraction_issue as i join marts.dim_document as d using (document_id)
        where i.extractor = 'repetition'""").fetchall())
    for name in ("luzhou_printed_twice.txt", "luzhou_annex2_twice.txt", "S03_printed_twice.pdf"):
        assert documents[name] == ("loaded", None)
        assert findings[name].startswith("printed again: ")
    assert findings["S03_printed_twice.pdf"].startswith("printed again: page 25 line 1 – page 48 line 13 repeats "
                                                        "page 1 line 1 – page 24 line 13")
    twice = poisoned.execute("select document_id from marts.dim_document where source_file = 'luzhou_printed_twice.txt'"
                             ).fetchone()[0]
    assert _facts_of(poisoned, twice)["fct_income_by_source"] == _facts_of(poisoned, REFERENCE_ID)["fct_income_by_source"]


def test_any_file_name_is_loaded_and_reported_in_a_printable_form(poisoned):
    assert _documents(poisoned)["\\xff\\xfe决算.txt"] == ("loaded", None)  # before: every document's extraction crashed


def test_every_entry_of_raw_that_is_not_a_document_is_recorded_with_a_reason(poisoned):
    entries = {name: (kind, action, reason) for name, kind, action, reason in poisoned.execute(
        "select entry_name, kind, action, reason from runs.folder_entries").fetchall()}
    assert entries["a_fifo"] == ("fifo", "skipped", "not a regular file (fifo)")
    assert entries["subfolder"][:2] == ("folder", "skipped")
    kind, action, reason = entries["link_out.txt"]
    assert (kind, action) == ("symlink", "quarantined") and reason.endswith("outside the landing folder: not read")
    kind, action, reason = entries["in_progress.txt"]  # a copy in progress all through the run
    assert (kind, action) == ("file", "deferred") and reason.startswith("still being written")
    # what the link pointed to was never read: no document of the year-shifted report
    assert poisoned.execute("select count(*) from marts.dim_document where fiscal_year = 2024 "
                            "and department_name like '泸州%'").fetchone() == (0,)
    assert "in_progress.txt" not in _documents(poisoned)


def test_a_file_removed_from_raw_is_withdrawn_and_leaves_the_marts(poisoned):
    # extracted by the killed run, its file removed before the last run (tests/conftest.py populate_poison_dir)
    assert _documents(poisoned)[WITHDRAWN_NAME] == (
        "withdrawn", "file no longer in the landing folder (its rows are kept in schema raw)")
    (document_id,) = poisoned.execute("select document_id from marts.dim_document where source_file = ?",
                                      [WITHDRAWN_NAME]).fetchone()
    assert poisoned.execute("select count(*) from raw.figures where document_id = ?", [document_id]).fetchone()[0] > 0
    assert all(rows == [] for rows in _facts_of(poisoned, document_id).values())


def test_the_published_warehouse_path_may_hold_quotes(poison_warehouse):
    assert "'" in str(poison_warehouse.path) and '"' in str(poison_warehouse.path)
    assert poison_warehouse.path.is_file()  # before: publishing failed on the quote after a full build

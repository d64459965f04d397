"""Documents in, or out with a recorded reason; duplicates add nothing; re-running changes nothing."""
import hashlib

from tests.conftest import REFERENCE_TXT


def test_reference_report_is_loaded_once_under_both_names(marts):
    doc_id = hashlib.sha256(REFERENCE_TXT.read_bytes()).hexdigest()
    got = marts.execute("select status, source_files, doc_kind, fiscal_year, department_name "
                        "from marts.dim_document where document_id = ?", [doc_id]).fetchall()
    assert got == [("loaded", "copy_of_the_same_report.txt; luzhou_hrss_2023.txt", "final_accounts", 2023,
                    "泸州市人力资源和社会保障局")]


def test_bad_files_are_quarantined_with_a_reason(marts):
    got = dict(marts.execute("select source_file, quarantine_reason from marts.dim_document "
                             "where status = 'quarantined'").fetchall())
    assert got["empty.txt"] == "empty file"
    assert got["binary.bin"].startswith("binary file of unknown format")
    assert got["budget_2024.txt"] == "a budget (预算) disclosure, not a final-accounts (决算) report"
    assert got["truncated.pdf"].startswith("corrupt PDF")
    assert len(got) == 4


def test_quarantined_documents_load_no_facts(marts):
    leaked = marts.execute("""
        select count(*) from marts.fct_figure f join marts.dim_document d using (document_id)
        where d.status <> 'loaded'
    """).fetchone()
    assert leaked == (0,)


def test_budget_document_is_classified_as_budget(marts):
    assert marts.execute("select doc_kind from marts.dim_document where source_file = 'budget_2024.txt'").fetchone() == ("budget",)


def test_rerun_is_idempotent(built_warehouse):
    assert built_warehouse.first_run_counts == built_warehouse.second_run_counts
    assert built_warehouse.first_run_counts["marts.fct_income_by_source"] == 8
    # not only the counts: every mart holds the same rows (ingestion timestamps aside)
    assert built_warehouse.first_run_contents == built_warehouse.second_run_contents
    assert len(built_warehouse.first_run_contents) >= 25


def test_a_run_with_nothing_new_reads_no_document_and_builds_nothing(built_warehouse):
    before, after = built_warehouse.landing_tokens
    assert len(before) == 5 and after == before  # no landing folder was written again
    # the folder's listing changed (a hidden file): rebuilt from the landing folders, nothing extracted
    assert "0 new, 0 to extract again, 5 unchanged; extracting 0" in built_warehouse.second_run_output
    assert "extract_documents_job" not in built_warehouse.second_run_output
    third = built_warehouse.third_run_output
    assert "nothing new: no document to extract and nothing changed since the last build" in third
    assert "build_warehouse" not in third  # no Dagster run at all


def test_each_build_records_what_it_did_with_each_document(marts):
    builds = marts.execute("select run_started_at, action, count(*) from runs.document_actions "
                           "group by all order by all").fetchall()
    first, second = sorted({b[0] for b in builds})
    assert [(a, n) for t, a, n in builds if t == first] == [("new", 1), ("quarantined", 4)]
    assert [(a, n) for t, a, n in builds if t == second] == [("unchanged", 5)]
    assert marts.execute("select source_file, reason from runs.document_actions where run_started_at = ? "
                         "and source_file = 'empty.txt'", [first]).fetchall() == [("empty.txt", "empty file")]


def test_gx_checks_ran_and_passed(built_warehouse):
    out = built_warehouse.run_output
    # pipeline-fault checks pass; the identity check runs and reports the report's own inconsistencies
    for check, mart in [("dim_document_integrity", "dim_document"), ("fct_totals_integrity", "fct_totals"),
                        ("fct_income_by_source_integrity", "fct_income_by_source"),
                        ("fct_expenditure_by_type_integrity", "fct_expenditure_by_type"),
                        ("fct_project_budget_reconciles_with_landing", "fct_project_budget"),
                        ("fct_project_kpi_reconciles_with_landing", "fct_project_kpi"),
                        ("identity_rules_ran", "fct_identity_check")]:
        assert f"Asset check '{check}' on 'marts/{mart}' passed" in out, check
    assert "Asset check 'identities_hold' on 'marts/fct_identity_check' did not pass" in out


def test_a_bi_reader_does_not_block_the_next_run(built_warehouse):
    """The fixture held a read-only connection to the published file during the second run (a rebuild)."""
    assert "RUN_SUCCESS" in built_warehouse.second_run_output.split("build_warehouse", 1)[-1]
    assert built_warehouse.path.with_name(built_warehouse.path.name + ".build").is_file()


def test_published_file_opens_with_an_older_storage_format(built_warehouse):
    import duckdb

    with duckdb.connect(str(built_warehouse.path), read_only=True) as con:
        version = con.execute("select tags['storage_version'] from duckdb_databases() "
                              "where database_name = current_database()").fetchone()
    assert version[0].startswith("v1.4")  # readable by BI drivers bundling DuckDB 1.4+

"""The `juesuan` command on the built warehouse: the run's summary, status, findings of one document, export."""
import csv
import os
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import REPO, RUN_LOG_MARK

pytestmark = pytest.mark.e2e


def _juesuan(built_warehouse, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JUESUAN_WAREHOUSE": str(built_warehouse.path), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_run_ends_with_a_summary_people_can_read(built_warehouse):
    out = built_warehouse.run_output
    # the raw folder (tests/conftest.py populate_raw_dir): the reference under two names and four bad files
    assert "documents: 1 loaded, 4 quarantined, 0 withdrawn" in out
    assert "  quarantined empty.txt: empty file" in out
    # the reference report's 46 violated identities (issue 11), where a person reads them
    assert "findings: 46 checks violated" in out
    # the reference is in raw/ under two names; a document is shown under the first (copy_of_the_same_report.txt)
    assert "worst findings:" in out and "copy_of_the_same_report.txt · " in out
    assert f"warehouse: {built_warehouse.path}" in out and "start with:" in out
    # Dagster's event stream and dbt's output are in the log file, not among the lines people read
    terminal, log = out.split(RUN_LOG_MARK)[:2]  # the first run's terminal and log
    assert "DEBUG" not in terminal and "PASS=" not in terminal and len(terminal.splitlines()) < 60
    assert "RUN_SUCCESS" in log and "PASS=" in log
    # each dbt invocation starts from the parse state of this warehouse's profile: none parses everything again
    # one `dbt build` of the models, the identity engine (a Python model) and their tests
    assert log.count("Running with dbt=") == 1 and "Unable to do partial parsing" not in log
    # dbt builds on every core by default (settings.dbt_threads)
    assert f"Concurrency: {os.cpu_count()} threads" in log


def test_dbt_tests_are_reported_on_their_models_not_as_asset_checks(built_warehouse):
    """Each model's materialization says how its dbt tests ended; no dbt test is an asset check (three
    events each in Dagster's storage), while the Python checks still are."""
    import json

    import dagster as dg

    manifest = json.loads((REPO / "dbt_project" / "target" / "manifest.json").read_text(encoding="utf-8"))
    attached = {}  # model → its data tests and unit tests
    tested = [node["attached_node"] for node in manifest["nodes"].values()
              if node["resource_type"] == "test" and node.get("attached_node")]
    tested += [f"model.juesuan.{unit['model']}" for unit in manifest["unit_tests"].values()]
    for model in tested:
        attached[model] = attached.get(model, 0) + 1
    instance = dg.DagsterInstance.from_config(str(built_warehouse.path.parent.parent / "dagster_home"))
    try:
        for model in ("fct_totals", "dim_document", "fct_identity_check"):
            event = instance.get_latest_materialization_event(dg.AssetKey(["marts", model]))
            metadata = event.asset_materialization.metadata
            assert metadata["dbt_tests"].text == f"{attached[f'model.juesuan.{model}']} passed", model
            assert "dbt_tests_not_passed" not in metadata
        checks = instance.get_event_records(dg.EventRecordsFilter(
            event_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION), limit=1000)
        names = {r.event_log_entry.dagster_event.event_specific_data.check_name for r in checks}
        assert "identities_hold" in names
        assert not [n for n in names if n.startswith(("not_null_", "unique_", "accepted_values_", "relationships_"))]
    finally:
        instance.dispose()


def test_findings_of_one_document_in_the_unit_printed(built_warehouse):
    result = _juesuan(built_warehouse, "findings", "luzhou_hrss_2023.txt", "--limit", "100")
    assert result.returncode == 0, result.stderr
    assert "findings: 46 checks violated" in result.stdout
    listed = [line for line in result.stdout.splitlines() if line.startswith("  [")]
    # found by either of its file names; shown under the first
    assert len(listed) == 46 and all("copy_of_the_same_report.txt · " in line for line in listed)
    assert " 万元" in result.stdout  # money in the unit the report printed, not in yuan
    unknown = _juesuan(built_warehouse, "findings", "no_such_report.pdf")
    assert unknown.returncode == 1 and "no document 'no_such_report.pdf'" in unknown.stdout


def test_status_says_what_is_published_and_that_no_run_is_in_progress(built_warehouse):
    result = _juesuan(built_warehouse, "status")
    assert result.returncode == 0, result.stderr
    assert "no run in progress" in result.stdout and "documents: 1 loaded, 4 quarantined" in result.stdout


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_export_writes_every_mart(built_warehouse, marts, tmp_path, file_format):
    result = _juesuan(built_warehouse, "export", "--format", file_format, str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    tables = [t for (t,) in marts.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()]
    written = sorted(p.stem for p in (tmp_path / "out").glob(f"*.{file_format}"))
    assert written == sorted(tables) and len(tables) >= 30
    expected = marts.execute("select count(*) from marts.fct_identity_check").fetchone()[0]
    exported = tmp_path / "out" / f"fct_identity_check.{file_format}"
    if file_format == "csv":
        with exported.open(encoding="utf-8") as f:
            assert sum(1 for _ in csv.DictReader(f)) == expected
    else:
        assert duckdb.sql(f"select count(*) from read_parquet('{exported}')").fetchall() == [(expected,)]


def test_every_command_has_help():
    for command in ("run", "status", "findings", "export", "dev"):
        result = subprocess.run([sys.executable, "-m", "pipelines.cli", command, "--help"], cwd=REPO,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and result.stdout.startswith(f"usage: juesuan {command}"), command

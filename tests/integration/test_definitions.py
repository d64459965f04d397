"""The Dagster code location: the asset graph as a reviewed snapshot, the sensor, one partition materialised."""
import json
import os
import shutil
from pathlib import Path

import dagster as dg
import duckdb

from tests.conftest import REFERENCE_TXT

SNAPSHOT = Path(__file__).parent / "snapshots" / "asset_graph.json"


def graph_snapshot(defs) -> dict:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "deps": sorted(d.to_user_string() for d in node.parent_keys),
            "partitioned": node.partitions_def is not None,
            "pool": sorted(node.pools)[0] if getattr(node, "pools", None) else None,
        }
    checks = sorted(k.to_user_string() for k in graph.asset_check_keys if not k.name.startswith(
        ("not_null_", "unique_", "accepted_values_", "relationships_", "dbt_utils_free_")))
    return {"assets": assets, "python_checks": checks}


def test_asset_graph_matches_the_reviewed_snapshot(definitions):
    """A change to the graph shows up as a diff here; regenerate with UPDATE_SNAPSHOTS=1 and review it."""
    current = graph_snapshot(definitions)
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_loading_the_definitions_leaves_great_expectations_to_the_build(definitions):
    """GX (~5 s of imports) is imported by the build while dbt starts (pipelines/defs/dbt.py warm_up_checks),
    not by every process that loads the code location: the CLI, `dagster dev`'s code server, sensors."""
    import subprocess
    import sys

    from pipelines import settings

    probe = ("import sys, pipelines.definitions; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'great_expectations')[:3])")
    result = subprocess.run([sys.executable, "-c", probe], cwd=settings.REPO_ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_graph_invariants(definitions):
    """Independently of the snapshot: landing tables are per-document partitions, every writer is in the
    single-writer pool, the identity engine reads the marts and feeds the audit mart."""
    graph = definitions.resolve_asset_graph()
    raw = [k for k in graph.get_all_asset_keys() if k.path[0] == "raw"]
    assert {k.path[1] for k in raw} >= {"documents", "figures", "project_kpi_rows"}
    assert all(graph.get(k).partitions_def is not None for k in raw)
    marts = [k for k in graph.get_all_asset_keys() if k.path[0] == "marts"]
    assert all(graph.get(k).partitions_def is None for k in marts)
    identity = graph.get(dg.AssetKey(["audit", "identity_results"]))
    assert dg.AssetKey(["marts", "fct_totals"]) in identity.parent_keys
    staged = graph.get(dg.AssetKey(["staging", "stg_identity_results"]))
    assert dg.AssetKey(["audit", "identity_results"]) in staged.parent_keys
    assert staged.key in graph.get(dg.AssetKey(["marts", "fct_identity_check"])).parent_keys
    publish = graph.get(dg.AssetKey(["published_warehouse"]))
    assert dg.AssetKey(["marts", "fct_identity_check"]) in publish.parent_keys


def test_sensor_adds_one_partition_per_new_document_and_requests_one_run(tmp_path, monkeypatch):
    from pipelines.defs.documents import raw_documents_sensor

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(REFERENCE_TXT, raw / "a.txt")
    shutil.copy(REFERENCE_TXT, raw / "same_bytes.txt")
    (raw / "other.txt").write_text("另一份文件", encoding="utf-8")
    monkeypatch.setenv("JUESUAN_RAW_DIR", str(raw))
    with dg.instance_for_test() as instance:
        result = raw_documents_sensor(dg.build_sensor_context(instance=instance))
        added = result.dynamic_partitions_requests[0].partition_keys
        assert len(added) == 2  # two distinct documents, three files
        assert len(result.run_requests) == 1
        tags = result.run_requests[0].tags
        assert {tags["dagster/asset_partition_range_start"], tags["dagster/asset_partition_range_end"]} == set(added)
        instance.add_dynamic_partitions("documents", list(added))
        again = raw_documents_sensor(dg.build_sensor_context(instance=instance))
        assert again.skip_reason is not None and not again.run_requests


def test_materialise_one_document_partition_into_its_landing_folder(tmp_path, monkeypatch):
    """A partition's run writes <landing>/<document_id>/<table>.parquet, with its label for the UI; a second
    run reads no document; a new extractor version reads it again."""
    import pipelines.ingest
    from pipelines.defs import documents
    from pipelines.documents.identify import document_id

    raw, landing = tmp_path / "raw", tmp_path / "landing"
    raw.mkdir()
    shutil.copy(REFERENCE_TXT, raw / "report.txt")
    monkeypatch.setenv("JUESUAN_RAW_DIR", str(raw))
    monkeypatch.setenv("JUESUAN_LANDING_DIR", str(landing))
    monkeypatch.setenv("JUESUAN_SETTLE_SECONDS", "0")
    key = document_id(REFERENCE_TXT.read_bytes())
    reads = []
    real_ingest = pipelines.ingest.ingest_file
    monkeypatch.setattr(pipelines.ingest, "ingest_file", lambda *a, **k: reads.append(a) or real_ingest(*a, **k))

    def materialise(instance):
        result = dg.materialize([documents.extract_documents], partition_key=key, instance=instance)
        assert result.success
        return result

    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("documents", [key])
        first = materialise(instance)
        [observation] = [e.asset_observation_data.asset_observation for e in first.all_events
                         if e.event_type_value == "ASSET_OBSERVATION"]
        assert observation.partition == key
        assert observation.metadata["label"].value == "泸州市人力资源和社会保障局 · 2023 · report.txt"
        token = json.loads((landing / key / "manifest.json").read_text(encoding="utf-8"))["token"]
        assert len(reads) == 1

        materialise(instance)  # nothing new: no document read, the landing folder untouched
        assert len(reads) == 1
        assert json.loads((landing / key / "manifest.json").read_text(encoding="utf-8"))["token"] == token

        monkeypatch.setattr(documents, "extractor_version", lambda: "another-version")
        materialise(instance)
        assert len(reads) == 2
        manifest = json.loads((landing / key / "manifest.json").read_text(encoding="utf-8"))
        assert (manifest["extractor_version"], manifest["action"]) == ("another-version", "re-extracted")
        assert manifest["action_reason"].startswith("extractor version changed (")
    with duckdb.connect() as con:
        folder = str(landing / key)
        assert con.execute(f"select status, department_name from '{folder}/documents.parquet'").fetchall() == [
            ("loaded", "泸州市人力资源和社会保障局")]
        assert con.execute(f"select count(*) from '{folder}/project_kpi_rows.parquet'").fetchone() == (405,)
        # a table this report has no rows for (it prints no national statement) is still a typed file
        assert con.execute(f"select count(*), typeof(any_value(value)) from '{folder}/statement_cells.parquet'"
                           ).fetchone() == (0, "DECIMAL(28,8)")


def test_the_nightly_build_runs_at_two_in_the_morning_beijing_time(definitions):
    from datetime import datetime, timezone

    schedule = definitions.get_schedule_def("nightly_build")
    assert (schedule.cron_schedule, schedule.execution_timezone) == ("0 2 * * *", "Asia/Shanghai")
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2026, 11, 30, 18, 0, tzinfo=timezone.utc))
    assert schedule.evaluate_tick(context).run_requests  # 18:00 UTC is 02:00 in Shanghai


def test_a_document_the_sensor_extracted_is_published_without_waiting_for_the_night(definitions):
    sensor = definitions.get_sensor_def("publish_after_extraction")
    assert sensor.job_name == "build_warehouse"
    # Dagster keeps what a run status sensor watches privately; the job it requests is public
    assert [getattr(job, "name", job) for job in sensor._monitored_jobs] == ["extract_documents_job"]


def test_the_nightly_build_leaves_dbts_unit_tests_to_make_test(monkeypatch):
    """dbt advises against unit tests in production builds (fixed inputs: they test code, not data)."""
    from pipelines.defs.dbt import dbt_flags

    monkeypatch.setenv("JUESUAN_DBT_THREADS", "3")
    monkeypatch.delenv("JUESUAN_DBT_UNIT_TESTS", raising=False)
    assert dbt_flags() == ["--threads", "3", "--exclude-resource-type", "unit_test"]
    assert dbt_flags("test") == ["--threads", "3", "--exclude-resource-type", "test", "unit_test"]
    monkeypatch.setenv("JUESUAN_DBT_UNIT_TESTS", "1")
    assert dbt_flags() == ["--threads", "3"]
    assert dbt_flags("test") == ["--threads", "3", "--exclude-resource-type", "test"]


def test_dbt_builds_on_every_core_unless_told_otherwise(monkeypatch):
    from pipelines.defs.dbt import dbt_flags

    monkeypatch.delenv("JUESUAN_DBT_THREADS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 6)
    assert dbt_flags()[:2] == ["--threads", "6"]
    monkeypatch.setenv("JUESUAN_DBT_THREADS", "1")
    assert dbt_flags()[:2] == ["--threads", "1"]

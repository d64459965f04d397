"""The extraction job runs unchanged on a Dask cluster (dagster-dask): a LocalCluster of a scheduler and two
worker processes over loopback extracts the same landing records as one process does here."""
import json
import shutil

import dagster as dg
import duckdb
import pytest

from pipelines.discovery import scan
from pipelines.extraction import extract_all, plan, tasks_for
from pipelines.ingest import RECORD_TYPES
from pipelines.warehouse.landing_files import extractor_version
from tests.conftest import FIXTURES

distributed = pytest.importorskip("distributed")


def _raw_folder(raw):
    """Four small reports of one department (years 2024-2027) and an empty file: extraction, not the reports'
    size, is what this test is about."""
    raw.mkdir()
    variant = (FIXTURES / "variant_department.txt").read_text(encoding="utf-8")
    for year in (2024, 2025, 2026, 2027):
        (raw / f"variant_{year}.txt").write_text(variant.replace("2024", str(year)), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")  # quarantined, on either side


def _records(landing) -> dict[str, list]:
    """Every landing row of every document, ingestion time aside."""
    rows = {}
    with duckdb.connect() as con:
        for record_type in RECORD_TYPES:
            relation = con.sql(f"select * exclude (ingested_at) from read_parquet('{landing}/*/{record_type.table}.parquet')"
                               if record_type.table == "documents" else
                               f"select * from read_parquet('{landing}/*/{record_type.table}.parquet')")
            rows[record_type.table] = sorted(map(repr, relation.fetchall()))
    return rows


def test_extraction_on_a_dask_local_cluster_equals_the_single_process_one(tmp_path, monkeypatch, definitions):
    raw = tmp_path / "raw"
    _raw_folder(raw)
    here, on_dask = tmp_path / "landing_here", tmp_path / "landing_dask"
    entries = scan(raw).by_document()
    keys = sorted(entries)
    version = extractor_version()
    outcomes = extract_all(tasks_for(plan(keys, entries, {}, version), entries, here, version), workers=1)
    assert len(outcomes) == 5

    # The workers inherit this environment: the same raw/ (shared storage), their own landing folder.
    monkeypatch.setenv("JUESUAN_RAW_DIR", str(raw))
    monkeypatch.setenv("JUESUAN_LANDING_DIR", str(on_dask))
    monkeypatch.setenv("JUESUAN_SETTLE_SECONDS", "0")
    from tests.integration import dask_job

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=":0") as cluster, \
            dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("documents", keys)
        result = dg.execute_job(
            dg.reconstructable(dask_job.extract_job), instance=instance,
            run_config={"execution": {"config": {"cluster": {"existing": {"address": cluster.scheduler_address}}}}},
            tags={"dagster/asset_partition_range_start": keys[0], "dagster/asset_partition_range_end": keys[-1]})
        assert result.success
    workers = {json.loads((on_dask / k / "manifest.json").read_text(encoding="utf-8"))["written_by"] for k in keys}
    assert len(workers) == 2  # both Dask workers extracted documents
    assert _records(on_dask) == _records(here)

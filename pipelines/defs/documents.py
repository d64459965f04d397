"""Per-document extraction into the landing tables, and the sensor that finds new documents."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines import settings
from pipelines.discovery import discover
from pipelines.ingest import RECORD_TYPES, ingest_file, quarantine_after_failure
from pipelines.warehouse.landing import replace_document

from .partitions import WAREHOUSE_WRITER_POOL, documents_partitions


LANDING_TABLES = [record_type.table for record_type in RECORD_TYPES]


@dg.multi_asset(
    name="extract_documents",
    specs=[dg.AssetSpec(["raw", table], group_name="extraction", kinds={"python", "duckdb"},
                        description=f"Landing table raw.{table}, one set of rows per document.")
           for table in LANDING_TABLES],
    partitions_def=documents_partitions,
    # New documents are extracted together in one run: per-document cost is the extraction itself,
    # not a Dagster run's fixed overhead.
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool=WAREHOUSE_WRITER_POOL,
)
def extract_documents(context: dg.AssetExecutionContext, warehouse: DuckDBResource):
    """Each document in the landing folder read, classified and extracted into schema `raw`
    (or recorded as quarantined with the reason). Re-extraction replaces a document's rows."""
    files_by_id = discover(settings.raw_dir())
    status_counts: dict[str, int] = {}
    rows_written = {table: 0 for table in LANDING_TABLES}
    with warehouse.get_connection() as con:
        for key in context.partition_keys:
            paths = files_by_id.get(key)
            if not paths:  # the file left raw/ since it was registered: keep what was loaded
                status_counts["missing"] = status_counts.get("missing", 0) + 1
                context.log.warning(f"document {key} is no longer in {settings.raw_dir()}; its rows are kept")
                continue
            result = ingest_file(paths)
            try:
                written = replace_document(con, result.document_id, result.records, RECORD_TYPES)
            except Exception as exc:  # e.g. a value the landing types cannot hold: this document only
                result = quarantine_after_failure(result, exc)
                written = replace_document(con, result.document_id, result.records, RECORD_TYPES)
            for table, n in written.items():
                rows_written[table] += n
            status_counts[result.status] = status_counts.get(result.status, 0) + 1
            if result.reason:
                context.log.warning(f"quarantined {[p.name for p in paths]}: {result.reason}")
    for table in LANDING_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", table], metadata={
            "rows_written": rows_written[table], **{f"documents_{k}": v for k, v in status_counts.items()}})


extract_documents_job = dg.define_asset_job(
    "extract_documents_job", selection=[extract_documents], partitions_def=documents_partitions
)


def new_document_keys(raw_files: dict, known_keys: list[str]) -> list[str]:
    """Document ids present in the landing folder but not yet registered as partitions (stable order)."""
    known = set(known_keys)
    return sorted(k for k in raw_files if k not in known)


@dg.sensor(job=extract_documents_job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_documents_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """Registers one partition per new document in the landing folder and extracts them in one run."""
    new_keys = new_document_keys(discover(settings.raw_dir()),
                                 context.instance.get_dynamic_partitions(documents_partitions.name))
    if not new_keys:
        return dg.SensorResult(skip_reason="no new documents")
    return dg.SensorResult(
        dynamic_partitions_requests=[documents_partitions.build_add_request(new_keys)],
        run_requests=[dg.RunRequest(
            run_key=f"documents:{new_keys[0]}..{new_keys[-1]}",
            tags={
                "dagster/asset_partition_range_start": new_keys[0],
                "dagster/asset_partition_range_end": new_keys[-1],
            },
        )] if len(new_keys) > 1 else [dg.RunRequest(run_key=f"documents:{new_keys[0]}", partition_key=new_keys[0])],
    )

"""Per-document extraction into the landing tables, and the sensor that finds new documents."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines import settings
from pipelines.discovery import FileChanged, read_file, scan
from pipelines.documents.identify import document_id
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
    (or recorded as quarantined with the reason). Re-extraction replaces a document's rows.

    A document is extracted from the very bytes whose hash is its partition key: a file rewritten since
    it was registered is left for the next run (which registers its new version), never read half-old."""
    entries_by_id = scan(settings.raw_dir(), settings.settle_seconds()).by_document()
    status_counts: dict[str, int] = {}
    rows_written = {table: 0 for table in LANDING_TABLES}

    def count(status: str) -> None:
        status_counts[status] = status_counts.get(status, 0) + 1

    with warehouse.get_connection() as con:
        for key in context.partition_keys:
            entries = entries_by_id.get(key)
            if not entries:  # the file left raw/ (or was rewritten) since it was registered: keep what was loaded
                count("missing")
                context.log.warning(f"document {key[:12]}… is no longer in {settings.raw_dir()} with these bytes; "
                                    "its rows are kept (a new version is registered by the next run)")
                continue
            names = ", ".join(e.name for e in entries)
            try:
                data, _ = read_file(entries[0].target)
            except (FileChanged, OSError) as exc:
                count("changed")
                context.log.warning(f"{names}: {exc}; left for the next run")
                continue
            if document_id(data) != key:
                count("changed")
                context.log.warning(f"{names} changed since this run listed the folder: its new version is "
                                    "extracted by the next run; the version already loaded stays current")
                continue
            result = ingest_file([e.path for e in entries], data)
            try:
                written = replace_document(con, result.document_id, result.records, RECORD_TYPES)
            except Exception as exc:  # e.g. a value the landing types cannot hold: this document only
                result = quarantine_after_failure(result, exc)
                written = replace_document(con, result.document_id, result.records, RECORD_TYPES)
            for table, n in written.items():
                rows_written[table] += n
            count(result.status)
            if result.reason:
                context.log.warning(f"quarantined {names}: {result.reason}")
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
    new_keys = new_document_keys(scan(settings.raw_dir(), settings.settle_seconds()).documents(),
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

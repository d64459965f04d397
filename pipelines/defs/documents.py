"""Per-document extraction into landing folders (Parquet), and the sensor that finds new documents."""
import dagster as dg

from pipelines import settings
from pipelines.discovery import scan
from pipelines.extraction import CHANGED, MISSING, UNCHANGED, extract_all, plan, tasks_for
from pipelines.ingest import RECORD_TYPES
from pipelines.warehouse.landing_files import extractor_version, read_manifests

from .executors import extraction_executor
from .partitions import documents_partitions


LANDING_TABLES = [record_type.table for record_type in RECORD_TYPES]


def partition_label(outcome) -> str:
    """How a person recognises a document in the Dagster UI: department, year, file name(s)."""
    return " · ".join(str(part) for part in (outcome.department_name, outcome.fiscal_year, outcome.names) if part)


@dg.multi_asset(
    name="extract_documents",
    specs=[dg.AssetSpec(["raw", table], group_name="extraction", kinds={"python", "parquet"},
                        description=f"Landing records raw.{table}: <landing>/<document_id>/{table}.parquet, "
                                    "loaded into table raw." + table + " by the build.")
           for table in LANDING_TABLES],
    partitions_def=documents_partitions,
    # New documents are extracted together in one run: per-document cost is the extraction itself,
    # not a Dagster run's fixed overhead. No writer pool: extraction writes Parquet folders, never the DuckDB file.
    backfill_policy=dg.BackfillPolicy.single_run(),
)
def extract_documents(context: dg.AssetExecutionContext):
    """Each document of the run's partitions read, classified and extracted into its landing folder (or
    recorded as quarantined with the reason) — unless it was already extracted from these bytes by this
    extractor version. Documents are extracted in parallel (pipelines/extraction.py).

    A document is extracted from the very bytes whose hash is its partition key: a file rewritten since
    it was registered is left for the next run (which registers its new version), never read half-old."""
    entries_by_id = scan(settings.raw_dir(), settings.settle_seconds()).by_document()
    landing, version, keys = settings.landing_dir(), extractor_version(), list(context.partition_keys)
    decisions = plan(keys, entries_by_id, read_manifests(landing, keys), version)
    status_counts: dict[str, int] = {}

    def count(status: str) -> None:
        status_counts[status] = status_counts.get(status, 0) + 1

    for decision in decisions:
        if decision.action in (UNCHANGED, MISSING):
            count(decision.action)
        if decision.action == MISSING:  # the file left raw/ (or was rewritten) since it was registered
            context.log.warning(f"document {decision.document_id[:12]}… is no longer in {settings.raw_dir()} with "
                                "these bytes; its rows are kept (a new version is registered by the next run)")
    tasks = tasks_for(decisions, entries_by_id, landing, version)
    workers = settings.extraction_workers()
    context.log.info(f"extracting {len(tasks)} of {len(keys)} document(s) with extractor {version} "
                     f"({status_counts.get(UNCHANGED, 0)} unchanged), {workers} worker(s)")
    rows_written = {table: 0 for table in LANDING_TABLES}
    for outcome in extract_all(tasks, workers):
        count(outcome.status or outcome.action)
        if outcome.action == CHANGED:
            context.log.warning(f"{outcome.names}: {outcome.reason}")
            continue
        for table, n in outcome.rows.items():
            rows_written[table] += n
        if outcome.reason:
            context.log.warning(f"quarantined {outcome.names}: {outcome.reason}")
        # Dynamic partitions have keys only (the content hash, stable and the warehouse's document_id): the
        # readable label travels as an observation of the partition, shown on its page in the UI.
        yield dg.AssetObservation(asset_key=["raw", "documents"], partition=outcome.document_id, metadata={
            "label": partition_label(outcome), "files": outcome.names, "status": outcome.status,
            "action": outcome.action, "worker": outcome.worker or ""})
    for table in LANDING_TABLES:
        yield dg.MaterializeResult(asset_key=["raw", table], metadata={
            "rows_written": rows_written[table], "extractor_version": version,
            **{f"documents_{k}": v for k, v in status_counts.items()}})


extract_documents_job = dg.define_asset_job(
    "extract_documents_job", selection=[extract_documents], partitions_def=documents_partitions,
    executor_def=extraction_executor(),
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

"""The Dagster code location: `dagster dev -m pipelines.definitions`."""
import dagster as dg

from pipelines import settings
from pipelines.defs.checks import asset_checks
from pipelines.defs.dbt import dbt_resource, warehouse_models
from pipelines.defs.documents import extract_documents_job, extract_documents, raw_documents_sensor
from pipelines.defs.publish import published_warehouse
from pipelines.defs.reports import findings_report
from pipelines.defs.resources import warehouse_resource
from pipelines.defs.runs import dead_runs_sensor

# dbt runs as a subprocess from dbt_project/: give it the same absolute warehouse path.
settings.export_for_subprocesses()

transform_job = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.assets(warehouse_models, published_warehouse, findings_report),
    description="dbt models with the identity engine and their checks, then publication and the findings report.",
)

# Nightly at 02:00 Beijing time, whatever the server's clock: rebuild, check and publish (a change of the dbt
# project or the rules reaches the warehouse even when no document arrived).
nightly_build = dg.ScheduleDefinition(
    name="nightly_build", job=transform_job, cron_schedule="0 2 * * *", execution_timezone="Asia/Shanghai",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)


@dg.run_status_sensor(run_status=dg.DagsterRunStatus.SUCCESS, monitored_jobs=[extract_documents_job],
                      request_job=transform_job, default_status=dg.DefaultSensorStatus.RUNNING,
                      minimum_interval_seconds=60)
def publish_after_extraction(context: dg.RunStatusSensorContext) -> dg.RunRequest:
    """A document the raw_documents_sensor extracted reaches the published warehouse within minutes, not at
    night: every successful extraction run is followed by a build (one per extraction run)."""
    return dg.RunRequest(run_key=f"after-extraction:{context.dagster_run.run_id}")

defs = dg.Definitions(
    assets=[extract_documents, warehouse_models, published_warehouse, findings_report],
    asset_checks=asset_checks,
    jobs=[extract_documents_job, transform_job],
    sensors=[raw_documents_sensor, publish_after_extraction, dead_runs_sensor],
    schedules=[nightly_build],
    resources={"warehouse": warehouse_resource(), "dbt": dbt_resource()},
    executor=dg.in_process_executor,
)

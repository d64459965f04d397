"""dbt models as Dagster assets (staging → intermediate → marts), in two steps around the identity engine."""
import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from pipelines import settings

from .dbt_project import dbt_project
from .partitions import WAREHOUSE_WRITER_POOL

# fct_identity_check is built from the identity engine's results, which read the other marts:
# two dbt steps so the graph has no cycle.
AUDIT_SELECTION = "tag:audit"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    exclude=AUDIT_SELECTION,
    name="warehouse_models",
    pool=WAREHOUSE_WRITER_POOL,
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """Staging, intermediate and mart models with their dbt data tests."""
    yield from dbt.cli(["build"], context=context).stream()


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    select=AUDIT_SELECTION,
    name="audit_models",
    pool=WAREHOUSE_WRITER_POOL,
)
def audit_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    """fct_identity_check: every accounting identity evaluated per document."""
    yield from dbt.cli(["build"], context=context).stream()


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=str(settings.DBT_PROJECT_DIR))

"""dbt models as Dagster assets (staging → intermediate → marts), in two steps around the identity engine."""
from functools import cached_property
from importlib.metadata import version as installed_version

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource
from packaging.version import Version

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
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: DuckDBResource):
    """Staging, intermediate and mart models with their dbt data tests."""
    from pipelines.discovery import discover
    from pipelines.ingest import RECORD_TYPES
    from pipelines.warehouse.landing import ensure_table, mark_withdrawn

    with warehouse.get_connection() as con:
        if settings.raw_dir().is_dir():  # a missing folder (unmounted?) withdraws nothing
            withdrawn = mark_withdrawn(con, set(discover(settings.raw_dir())))
            if withdrawn:
                context.log.warning(f"{withdrawn} document(s) withdrawn: their files left {settings.raw_dir()}")
        # Every landing table exists even before the first document (an empty raw/ still builds), and
        # the derived schemas are rebuilt from scratch so a model removed from dbt leaves no stale view.
        for record_type in RECORD_TYPES:
            ensure_table(con, record_type)
        for schema in ("staging", "intermediate", "marts"):
            con.execute(f"drop schema if exists {schema} cascade")
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


class OfflineDbtCliResource(DbtCliResource):
    """dagster-dbt learns the dbt version by running `dbt --version`, which asks PyPI for the latest
    release. The installed dbt-core is the version; no process, no network."""

    @cached_property
    def _cli_version(self) -> Version:
        return Version(installed_version("dbt-core"))


def dbt_resource() -> DbtCliResource:
    return OfflineDbtCliResource(project_dir=dbt_project, profiles_dir=str(settings.DBT_PROJECT_DIR))

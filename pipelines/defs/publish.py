"""The last step of a build: the checked working database becomes the published warehouse."""
import dagster as dg

from pipelines import settings
from pipelines.warehouse.publish import publish

from .dbt import warehouse_models
from .partitions import WAREHOUSE_WRITER_POOL


@dg.asset(
    deps=[k for k in warehouse_models.keys if k.path[0] == "marts"],
    pool=WAREHOUSE_WRITER_POOL,
    group_name="publish",
    kinds={"duckdb"},
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    """warehouse/juesuan.duckdb (JUESUAN_WAREHOUSE): the file BI tools and analysts read, replaced
    atomically so open readers are never blocked and never see a half-built warehouse."""
    counts = publish(settings.build_path(), settings.warehouse_path())
    context.log.info(f"published {settings.warehouse_path()}")
    return dg.MaterializeResult(metadata={"path": str(settings.warehouse_path()),
                                          **{f"tables_{schema}": n for schema, n in sorted(counts.items())}})

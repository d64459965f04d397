import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines import settings


class WarehouseResource(DuckDBResource):
    """DuckDB at the pipeline's working file; its folder is created when a run starts, not at import."""

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        settings.build_path().parent.mkdir(parents=True, exist_ok=True)


def warehouse_resource() -> DuckDBResource:
    """The pipeline's working database (<JUESUAN_WAREHOUSE>.build): every asset and check reads and
    writes it; only the publish asset touches the published file."""
    return WarehouseResource(database=str(settings.build_path()))

from dagster_duckdb import DuckDBResource

from pipelines import settings


def warehouse_resource() -> DuckDBResource:
    """The pipeline's working database (<JUESUAN_WAREHOUSE>.build): every asset and check reads and
    writes it; only the publish asset touches the published file."""
    path = settings.build_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return DuckDBResource(database=str(path))

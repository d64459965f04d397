from dagster_duckdb import DuckDBResource

from pipelines import settings


def warehouse_resource() -> DuckDBResource:
    """The warehouse file named by JUESUAN_WAREHOUSE (see pipelines/settings.py)."""
    path = settings.warehouse_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return DuckDBResource(database=str(path))

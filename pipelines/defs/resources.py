from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from pipelines import run_control, settings
from pipelines.warehouse.publish import create_working_database


class WarehouseResource(DuckDBResource):
    """DuckDB at the pipeline's working file; its folder is created when a run starts, not at import.

    A run holds the warehouse lock while it executes (pipelines/run_control.py): a second run is told who
    holds it instead of failing on a half-built schema. Opening the file waits only with a log line saying
    which process holds it, and gives up after JUESUAN_LOCK_WAIT seconds (DuckDBResource would back off
    silently for about 105 s)."""

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        settings.build_path().parent.mkdir(parents=True, exist_ok=True)
        run_control.acquire(settings.build_path(), settings.lock_wait_seconds(), dg.get_dagster_logger().warning)
        if context.run_id:
            run_control.note_run(settings.build_path(), context.run_id)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        run_control.release(settings.build_path())

    @contextmanager
    def get_connection(self):
        if not Path(self.database).exists():  # in the published format, so publishing copies the file
            create_working_database(Path(self.database))
        con = run_control.connect_when_free(self.database, settings.lock_wait_seconds(),
                                            dg.get_dagster_logger().warning, duckdb.connect,
                                            config={"custom_user_agent": "dagster", **self.connection_config})
        try:
            yield con
        finally:
            con.close()


def warehouse_resource() -> DuckDBResource:
    """The pipeline's working database (<JUESUAN_WAREHOUSE>.build): every asset and check reads and
    writes it; only the publish asset touches the published file."""
    return WarehouseResource(database=str(settings.build_path()))

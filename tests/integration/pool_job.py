"""A one-step job in the `duckdb_writer` pool, for the run-recovery tests: the step waits on a file, so a
test can kill its process while it holds the pool slot."""
import os
import socket
import sys
import time
from pathlib import Path

import dagster as dg

from pipelines import run_control
from pipelines.defs.partitions import WAREHOUSE_WRITER_POOL


@dg.asset(pool=WAREHOUSE_WRITER_POOL)
def writer() -> None:
    started = Path(os.environ["POOL_JOB_STARTED"])
    started.write_text(str(os.getpid()))
    while Path(os.environ.get("POOL_JOB_HOLD", "/nonexistent")).exists():
        time.sleep(0.2)


job = dg.define_asset_job("pool_job", selection=[writer])
defs = dg.Definitions(assets=[writer], jobs=[job], executor=dg.in_process_executor)


if __name__ == "__main__":  # python -m tests.integration.pool_job: run it once on DAGSTER_HOME's instance
    result = defs.resolve_job_def("pool_job").execute_in_process(
        instance=dg.DagsterInstance.get(),
        tags={run_control.PID_TAG: str(os.getpid()), run_control.HOST_TAG: socket.gethostname()})
    sys.exit(0 if result.success else 1)

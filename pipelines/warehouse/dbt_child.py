"""dbt, started so that it dies with the run that started it: `python dbt_child.py <dbt arguments>`.

dagster-dbt starts dbt as a child process. If the run is killed (kill -9, OOM killer), an ordinary child
lives on as an orphan that keeps writing the build file and blocks the next run. This launcher asks
Linux to kill it when its parent dies (prctl PR_SET_PDEATHSIG), then replaces itself by dbt, which
keeps that request. Elsewhere it just runs dbt.

dbt's own log file (dbt.log in the invocation's target folder, which `juesuan run` removes after the run)
keeps warnings and errors only: at dbt's default level it is every SQL statement as a JSON line (~9 MB a
build, ~2 s of dbt's time at 200 reports); dbt's output, which the run's log keeps, says what failed.
DBT_LOG_LEVEL_FILE=debug in the environment brings the full log back.
"""
import ctypes
import os
import signal
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: no parent-death signal, dbt still runs
        pass
    if os.getppid() != parent:  # the parent died before the request was in place
        sys.exit(1)
    os.environ.setdefault("DBT_LOG_LEVEL_FILE", "warn")
    # the identity engine runs in dbt (a Python model): the same pipelines package as the run's, not another install
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    dbt = Path(sys.executable).with_name("dbt")
    os.execv(dbt, [str(dbt), *sys.argv[1:]])


if __name__ == "__main__":
    main()

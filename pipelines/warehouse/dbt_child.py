"""dbt, started so that it dies with the run that started it: `python dbt_child.py <dbt arguments>`.

dagster-dbt starts dbt as a child process. If the run is killed (kill -9, OOM killer), an ordinary child
lives on as an orphan that keeps writing the build file and blocks the next run. This launcher asks
Linux to kill it when its parent dies (prctl PR_SET_PDEATHSIG), then runs dbt's command line in this
process, which keeps that request. Elsewhere it just runs dbt.

What dbt does per node is small at our sizes (~60 ms a test, 0.1–0.4 s a model), so dbt's own bookkeeping
is a large share of a build. Three parts of it are trimmed here, none of what dbt prints or writes:
- dbt's log file (dbt.log in the invocation's target folder, which `juesuan run` removes after the run) is off:
  each logger turns every event into a JSON line before its level drops it — at 200 reports ~7,000 debug
  events a build, ~2 s for the file alone. dbt's output, which the run's log keeps, says what failed.
  DBT_LOG_LEVEL_FILE=debug in the environment brings the full log back.
- a debug event that no logger writes is not built (``skip_unwritten_debug_events``).
- the objects of dbt's imports are frozen out of the garbage collector's full passes.
"""
import ctypes
import gc
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
    os.environ.setdefault("DBT_LOG_LEVEL_FILE", "none")
    # the identity engine runs in dbt (a Python model): the same pipelines package as the run's, not another install
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")]))
    sys.path.insert(0, str(PROJECT_ROOT))
    sys.exit(run_dbt(sys.argv[1:]))


def run_dbt(arguments: list[str]) -> int:
    """dbt's command line (what the `dbt` script runs) in this process."""
    from dbt.cli.main import cli

    skip_unwritten_debug_events()
    gc.freeze()  # dbt's modules live as long as the process: not traversed by every full collection
    sys.argv = ["dbt", *arguments]
    return cli()


def skip_unwritten_debug_events() -> bool:
    """dbt builds each event (a protobuf message) and hands it to every logger, which serialises it to JSON
    and only then drops it if the event is below its level. At the default levels the debug events (three per
    SQL statement, ~7,000 a build at 200 reports) are built and serialised for nothing. This skips an event of
    level debug or test when no logger is at such a level, before it is built; every event a logger writes is
    unchanged. The only other receiver in a command-line dbt is its usage-tracking callback, which reads
    warnings. Returns whether dbt's event manager has the shape this relies on (otherwise dbt runs unchanged)."""
    from dbt_common.events.base_types import EventLevel
    from dbt_common.events.event_manager import EventManager

    if getattr(EventManager.fire_event, "skips_unwritten_debug_events", False):
        return True
    if not isinstance(getattr(EventManager(), "loggers", None), list):
        return False
    quiet = (EventLevel.DEBUG, EventLevel.TEST)
    fire_event = EventManager.fire_event

    def fire_written_event(self, e, level=None, node=None, force_warn_or_error_handling=False):
        if (level or e.level_tag()) in quiet and not any(
                getattr(logger, "level", EventLevel.DEBUG) in quiet for logger in self.loggers):
            return
        fire_event(self, e, level=level, node=node, force_warn_or_error_handling=force_warn_or_error_handling)

    fire_written_event.skips_unwritten_debug_events = True
    EventManager.fire_event = fire_written_event
    return True


if __name__ == "__main__":
    main()

"""Where things are: one source of truth for paths, read from the environment.

``JUESUAN_RAW_DIR`` (default ``raw/``) and ``JUESUAN_WAREHOUSE`` (default
``warehouse/juesuan.duckdb``, the published file BI tools read) are read here by the Python side and
by dbt's profiles.yml (which builds into ``<JUESUAN_WAREHOUSE>.build``); relative paths are resolved
against the repository root so both sides agree.
"""
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"


def _resolve(value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else (REPO_ROOT / path).resolve()


def raw_dir() -> Path:
    return _resolve(os.environ.get("JUESUAN_RAW_DIR", "raw"))


def warehouse_path() -> Path:
    return _resolve(os.environ.get("JUESUAN_WAREHOUSE", "warehouse/juesuan.duckdb"))


def build_path() -> Path:
    """The pipeline's private working database, beside the published one. BI tools read the published
    file; the nightly writer never opens it, so a reader cannot block a run (see warehouse/publish.py)."""
    published = warehouse_path()
    return published.with_name(published.name + ".build")


def landing_dir() -> Path:
    """Where extraction writes each document's landing records as Parquet, one folder per document
    (JUESUAN_LANDING_DIR, default ``landing/`` beside the warehouse). Extraction workers write only here — never
    the DuckDB file — so on a cluster this folder is on storage every worker and the publisher share."""
    value = os.environ.get("JUESUAN_LANDING_DIR")
    return _resolve(value) if value else warehouse_path().parent / "landing"


def extraction_workers() -> int:
    """Processes extracting documents at once on this machine (JUESUAN_WORKERS, default: every core)."""
    return _count_per_machine("JUESUAN_WORKERS")


def dask_scheduler() -> str | None:
    """Address of a Dask scheduler (JUESUAN_DASK_SCHEDULER, e.g. tcp://10.0.0.5:8786): when set, Dagster runs
    the jobs' steps on that cluster (dagster-dask) and extraction fans documents out over its workers."""
    return os.environ.get("JUESUAN_DASK_SCHEDULER", "").strip() or None


def dbt_threads() -> int:
    """dbt nodes built or tested at once (JUESUAN_DBT_THREADS, default: every core). DuckDB serves every thread
    from one connection, a cursor each; nodes run in the DAG's order, so a model still waits for what it reads.
    Measured at 208-226 reports on 2 cores, runs alternating: dbt's node phase 25.8-29.7 s with 1 thread,
    24.4-26.1 s with 2 (dbt's own Python work holds one lock, so a second thread gains only while the first
    waits on DuckDB); 4 threads gained nothing more."""
    return _count_per_machine("JUESUAN_DBT_THREADS")


def dbt_unit_tests() -> bool:
    """Whether the build runs dbt's unit tests (JUESUAN_DBT_UNIT_TESTS=1). Off by default, as dbt advises for
    production builds: their inputs are fixed in the YAML, so they test the models' code, not the night's data;
    `make test` runs them (its end-to-end builds set this)."""
    return os.environ.get("JUESUAN_DBT_UNIT_TESTS", "").strip().lower() in ("1", "true", "yes")


def reports_dir() -> Path:
    return _resolve(os.environ.get("JUESUAN_REPORTS_DIR", "reports"))


def log_dir() -> Path:
    """Where each run's log file goes (Dagster's and dbt's detail): JUESUAN_LOG_DIR, default ``logs/``
    beside the warehouse."""
    value = os.environ.get("JUESUAN_LOG_DIR", "").strip()
    return _resolve(value) if value else warehouse_path().parent / "logs"


def _number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    try:
        return float(value) if value else default
    except ValueError:
        raise SystemExit(f"{name}={value!r} is not a number")


def _count_per_machine(name: str) -> int:
    """A number of processes or threads: the variable's, at least 1; by default one per core."""
    return max(1, int(_number(name, float(os.cpu_count() or 1))))


def settle_seconds() -> float:
    """A file modified less recently than this is looked at twice before it is read as a document: a file
    still growing is a copy in progress, deferred to the next run (JUESUAN_SETTLE_SECONDS, default 3)."""
    return _number("JUESUAN_SETTLE_SECONDS", 3.0)


def keep_runs() -> int:
    """How many finished Dagster runs (records, event logs, compute logs) are kept (JUESUAN_KEEP_RUNS, default 20)."""
    return int(_number("JUESUAN_KEEP_RUNS", 20))


def keep_reports() -> int:
    """How many validation results per GX suite are kept under reports/ (JUESUAN_KEEP_REPORTS, default 10)."""
    return int(_number("JUESUAN_KEEP_REPORTS", 10))


def max_quarantine_share() -> float:
    """A dbt test failing for more than this share of the loaded documents (two or more) is taken for a
    pipeline fault and blocks the build instead of quarantining them (JUESUAN_MAX_QUARANTINE_SHARE, 0.5)."""
    return _number("JUESUAN_MAX_QUARANTINE_SHARE", 0.5)


def lock_wait_seconds() -> float:
    """How long a run waits for another run (or a process holding the build file) before it gives up
    (JUESUAN_LOCK_WAIT, default 0: say who holds it and exit)."""
    return _number("JUESUAN_LOCK_WAIT", 0.0)


def export_for_subprocesses() -> None:
    """Pin both variables to absolute paths so dbt (run from dbt_project/) sees the same files."""
    os.environ["JUESUAN_RAW_DIR"] = str(raw_dir())
    os.environ["JUESUAN_WAREHOUSE"] = str(warehouse_path())
    os.environ["JUESUAN_REPORTS_DIR"] = str(reports_dir())
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("DAGSTER_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    # dagster-dbt looks for `dbt` on PATH: use the one installed beside this interpreter.
    venv_bin = str(Path(sys.executable).parent)
    if venv_bin not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = venv_bin + os.pathsep + os.environ.get("PATH", "")

"""Runs that recover by themselves: one writer at a time, dead runs cleared, old records pruned.

- **One run at a time** per warehouse: a process that writes the build file holds an OS lock on
  ``<build file>.lock`` (``fcntl.flock``: released by the kernel when the process dies, even by kill -9,
  so a lock can never be left behind). Another run finds it held and is told who holds it — process, Dagster
  run, since when — and exits, or waits with a message every few seconds (``JUESUAN_LOCK_WAIT``).
- **Dead runs** (their process was killed) stay STARTED in Dagster's records and keep their slot of the
  ``duckdb_writer`` pool, which would block every later run for ever. At the start of every run (and every
  minute under ``dagster dev``, see pipelines/defs/runs.py) a run whose process no longer exists is marked
  failed and its pool slots are freed.
- **Retention**: finished runs beyond the newest ``JUESUAN_KEEP_RUNS`` are deleted with their event logs
  and compute logs; GX validation results beyond the newest ``JUESUAN_KEEP_REPORTS`` per suite likewise.
"""
import contextlib
import fcntl
import json
import os
import re
import shutil
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later
PID_TAG = "juesuan/pid"
HOST_TAG = "juesuan/host"
_NOTICE_EVERY = 10.0  # seconds between two "still waiting" lines

Log = Callable[[str], None]


class Busy(Exception):
    """Another run holds the warehouse (the message says which, and since when)."""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- the warehouse lock -------------------------------------------------------------------------------

@dataclass
class _Held:
    fd: int
    depth: int


_held: dict[str, _Held] = {}  # lock path → this process's hold (re-entrant: the CLI, then the run's resource)


def lock_path(build_file: Path) -> Path:
    return build_file.with_name(build_file.name + ".lock")


def describe_holder(path: Path) -> str:
    """Who holds the lock, from what the holder wrote into the lock file."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another process"
    parts = [f"process {info.get('pid')} ({info.get('command', '?')})"]
    if info.get("run_id"):
        parts.append(f"Dagster run {info['run_id']}")
    return ", ".join(parts) + f", since {info.get('since', '?')}"


def acquire(build_file: Path, wait_seconds: float = 0.0, log: Log = print, command: str = "") -> None:
    """Take the warehouse lock, waiting up to ``wait_seconds`` (with a line every few seconds); Busy if held."""
    path = lock_path(build_file)
    key = str(path)
    if key in _held:
        _held[key].depth += 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    deadline, last_notice = time.monotonic() + wait_seconds, 0.0
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = describe_holder(path)
            if time.monotonic() >= deadline:
                os.close(fd)
                raise Busy(f"another run is in progress on {build_file.parent}: {holder}")
            if time.monotonic() - last_notice >= _NOTICE_EVERY:
                log(f"waiting for another run to finish: {holder} "
                    f"(giving up in {deadline - time.monotonic():.0f} s)")
                last_notice = time.monotonic()
            time.sleep(0.5)
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps({"pid": os.getpid(), "command": command or _command(), "since": _now()}).encode())
    _held[key] = _Held(fd, 1)


def note_run(build_file: Path, run_id: str) -> None:
    """Record in the lock file which Dagster run the holder is executing (shown to a run that finds it held)."""
    held = _held.get(str(lock_path(build_file)))
    if held is None:
        return
    info = json.loads(lock_path(build_file).read_text(encoding="utf-8") or "{}")
    os.ftruncate(held.fd, 0)
    os.pwrite(held.fd, json.dumps({**info, "run_id": run_id}).encode(), 0)


def release(build_file: Path) -> None:
    key = str(lock_path(build_file))
    held = _held.get(key)
    if held is None:
        return
    held.depth -= 1
    if held.depth == 0:
        os.ftruncate(held.fd, 0)
        os.close(held.fd)  # closing the descriptor releases the flock
        del _held[key]


@contextlib.contextmanager
def exclusive(build_file: Path, wait_seconds: float = 0.0, log: Log = print) -> Iterator[None]:
    acquire(build_file, wait_seconds, log)
    try:
        yield
    finally:
        release(build_file)


def _command() -> str:
    try:
        return Path("/proc/self/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()[:200]
    except OSError:
        return "?"


# --- a write connection held on the build file ---------------------------------------------------------

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.*?) \(PID (\d+)\)")


def build_file_holder(error: Exception) -> str | None:
    """The process named by DuckDB's lock error ("… held in /usr/bin/python (PID 123)"), or None."""
    match = _LOCK_HOLDER.search(str(error))
    if not match:
        return None
    return f"process {match.group(2)} ({_cmdline(int(match.group(2))) or match.group(1)})"


def _cmdline(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()[:200]
    except OSError:
        return None


def connect_when_free(database: str, wait_seconds: float, log: Log, connect: Callable, **kwargs):
    """duckdb.connect, saying who holds the file when another process does: waits up to ``wait_seconds`` with
    a line every few seconds, then fails with that message (never a silent back-off)."""
    import duckdb

    deadline, last_notice = time.monotonic() + wait_seconds, 0.0
    while True:
        try:
            return connect(database, **kwargs)
        except duckdb.IOException as exc:
            holder = build_file_holder(exc)
            if holder is None:
                raise
            if time.monotonic() >= deadline:
                raise Busy(f"{database} is held open for writing by {holder}: close it (a BI tool reads the "
                           "published file, never the .build file) or wait for that process to end") from exc
            if time.monotonic() - last_notice >= _NOTICE_EVERY:
                log(f"{database} is held by {holder}; waiting (giving up in {deadline - time.monotonic():.0f} s)")
                last_notice = time.monotonic()
            time.sleep(1.0)


# --- dead runs ----------------------------------------------------------------------------------------

def process_start_time(pid: int) -> float | None:
    """When process ``pid`` started (epoch seconds), from /proc; None when unknown (not Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19])  # field 22 of stat: start time in clock ticks after boot
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime"))
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def process_alive(pid: int, not_after: float | None = None) -> bool:
    """Whether ``pid`` is a live process that started by ``not_after`` (a later one only reuses the number)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    if Path(f"/proc/{pid}/stat").exists():
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state in ("Z", "X"):  # a zombie has exited; only its parent has not collected it
            return False
    started = process_start_time(pid)
    return not (started is not None and not_after is not None and started > not_after + 2)


def run_process(instance, run) -> int | None:
    """The pid that executes a run: our tag, else the pid its events were written from."""
    if run.tags.get(PID_TAG, "").isdigit():
        return int(run.tags[PID_TAG])
    from dagster import DagsterEventType

    for event_type in (DagsterEventType.RUN_START, DagsterEventType.ENGINE_EVENT):
        records = instance.all_logs(run.run_id, of_type=event_type)
        for record in reversed(records):
            if record.dagster_event is not None and record.dagster_event.pid:
                return record.dagster_event.pid
    return None


@dataclass(frozen=True)
class LiveRun:
    run_id: str
    job_name: str
    pid: int | None
    since: str

    def __str__(self) -> str:
        process = f"process {self.pid}" if self.pid else "no process yet"
        return f"run {self.run_id} ({self.job_name}, {process}) since {self.since}"


def recover_stale_runs(instance, log: Log = print, starting_grace_seconds: float = 600.0) -> list[LiveRun]:
    """Mark failed every in-progress run whose process is gone and free its pool slots; free slots still
    claimed by finished runs. Returns the runs that are really in progress (their process lives)."""
    from dagster import DagsterRunStatus, RunsFilter
    from dagster._core.storage.dagster_run import ACTIVE_RUN_STATUSES, FINISHED_STATUSES

    live: list[LiveRun] = []
    host = socket.gethostname()
    for record in instance.get_run_records(filters=RunsFilter(statuses=ACTIVE_RUN_STATUSES)):
        run = record.dagster_run
        started = record.start_time or record.create_timestamp.timestamp()
        since = datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="seconds")
        pid = run_process(instance, run)
        if run.tags.get(HOST_TAG, host) != host:
            live.append(LiveRun(run.run_id, run.job_name, pid, since))  # another machine's run: cannot tell
            continue
        if pid is None:
            if run.status == DagsterRunStatus.STARTING and time.time() - started < starting_grace_seconds:
                live.append(LiveRun(run.run_id, run.job_name, None, since))
                continue
            reason = "it never started a process"
        elif process_alive(pid, not_after=started):
            live.append(LiveRun(run.run_id, run.job_name, pid, since))
            continue
        else:
            reason = f"its process {pid} no longer exists (killed?)"
        instance.report_run_failed(run, message=f"juesuan: run {run.run_id} ({run.job_name}, since {since}) marked "
                                                f"failed at the start of a later run: {reason}")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        log(f"recovered: run {run.run_id} ({run.job_name}, since {since}) had died — {reason}; "
            "marked failed, its pool slots freed")
    if instance.event_log_storage.supports_global_concurrency_limits:
        holders = instance.event_log_storage.get_concurrency_run_ids()
        finished = {r.dagster_run.run_id for r in instance.get_run_records(
            filters=RunsFilter(run_ids=list(holders), statuses=FINISHED_STATUSES))} if holders else set()
        known = {r.dagster_run.run_id for r in instance.get_run_records(filters=RunsFilter(run_ids=list(holders)))} \
            if holders else set()
        for run_id in sorted(holders):
            if run_id in finished or run_id not in known:
                instance.event_log_storage.free_concurrency_slots_for_run(run_id)
                log(f"recovered: pool slots still claimed by finished run {run_id} freed")
    return live


# --- retention ----------------------------------------------------------------------------------------

def prune_runs(instance, keep: int) -> int:
    """Delete finished runs beyond the newest ``keep``, with their event-log and compute-log files."""
    from dagster import RunsFilter
    from dagster._core.storage.dagster_run import FINISHED_STATUSES

    if keep < 0:
        return 0
    records = instance.get_run_records(filters=RunsFilter(statuses=FINISHED_STATUSES), order_by="create_timestamp",
                                       ascending=False)
    root = Path(instance.root_directory)
    for record in records[keep:]:
        run_id = record.dagster_run.run_id
        instance.delete_run(run_id)
        for leftover in (root / "history" / "runs").glob(f"{run_id}.db*"):
            leftover.unlink(missing_ok=True)
        shutil.rmtree(root / "storage" / run_id, ignore_errors=True)
    return max(0, len(records) - keep)


def prune_logs(log_dir: Path, keep: int) -> int:
    """Keep the newest ``keep`` run log files (one per run, named run-<time>-<pid>.log)."""
    logs = sorted(log_dir.glob("run-*.log"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in logs[keep:]:
        old.unlink(missing_ok=True)
    return len(logs[keep:])


_GX_RUN_FOLDER = re.compile(r"^\d{8}T\d{6}\.\d+Z$")  # GX names a validation run's folder by its time


def prune_reports(reports_dir: Path, keep: int) -> int:
    """Keep the newest ``keep`` validation results (and their rendered pages) of every GX suite."""
    if keep < 0 or not reports_dir.is_dir():
        return 0
    by_parent: dict[Path, list[Path]] = {}
    for folder in reports_dir.rglob("*"):
        if folder.is_dir() and _GX_RUN_FOLDER.match(folder.name):
            by_parent.setdefault(folder.parent, []).append(folder)
    removed = 0
    for folders in by_parent.values():
        for old in sorted(folders, key=lambda p: p.name, reverse=True)[keep:]:
            shutil.rmtree(old, ignore_errors=True)
            removed += 1
    return removed

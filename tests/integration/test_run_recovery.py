"""Nothing a dead or concurrent run leaves behind blocks the next one, and nothing waits without saying so."""
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines import run_control
from tests.conftest import REPO

POOL = "duckdb_writer"


def _wait_for(predicate, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.2)


@pytest.fixture
def dagster_home(tmp_path, monkeypatch):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return home


def _pool_job(tmp_path, home: Path, hold: bool) -> tuple[subprocess.Popen, Path]:
    started, held = tmp_path / "started", tmp_path / "hold"
    started.unlink(missing_ok=True)
    if hold:
        held.write_text("")
    else:
        held.unlink(missing_ok=True)
    env = {**os.environ, "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO), "POOL_JOB_STARTED": str(started),
           "POOL_JOB_HOLD": str(held)}
    log = (tmp_path / "pool_job.log").open("ab")  # a file, not a pipe: nobody reads it while the run goes on
    process = subprocess.Popen([sys.executable, "-m", "tests.integration.pool_job"], cwd=REPO, env=env,
                               stdout=log, stderr=subprocess.STDOUT)
    return process, started


def test_a_run_killed_in_the_writer_pool_is_failed_and_its_slot_freed_by_the_next_run(tmp_path, dagster_home):
    process, started = _pool_job(tmp_path, dagster_home, hold=True)
    _wait_for(started.exists)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with dg.DagsterInstance.get() as instance:
        [record] = instance.get_run_records()
        assert record.dagster_run.status == dg.DagsterRunStatus.STARTED  # the dead run's record, as it was left
        assert instance.event_log_storage.get_concurrency_info(POOL).active_run_ids == {record.dagster_run.run_id}
        lines: list[str] = []
        assert run_control.recover_stale_runs(instance, log=lines.append) == []
        run = instance.get_run_by_id(record.dagster_run.run_id)
        assert run.status == dg.DagsterRunStatus.FAILURE
        assert instance.event_log_storage.get_concurrency_info(POOL).claimed_slots == []
        assert lines and f"run {run.run_id} (pool_job" in lines[0] and f"its process {process.pid} no longer exists" in lines[0]
    again, started = _pool_job(tmp_path, dagster_home, hold=False)  # before the fix: blocked for ever on the pool
    assert again.wait(timeout=300) == 0, (tmp_path / "pool_job.log").read_text()[-3000:]


def test_a_live_run_is_left_alone_and_reported_as_in_progress(tmp_path, dagster_home):
    process, started = _pool_job(tmp_path, dagster_home, hold=True)
    try:
        _wait_for(started.exists)
        with dg.DagsterInstance.get() as instance:
            [live] = run_control.recover_stale_runs(instance, log=print)
            assert live.pid == process.pid and str(live).startswith(f"run {live.run_id} (pool_job, process {process.pid}) since ")
            assert instance.get_run_by_id(live.run_id).status == dg.DagsterRunStatus.STARTED
    finally:
        (tmp_path / "hold").unlink()
        process.wait(timeout=120)


HOLD_LOCK = """
import sys, time
from pathlib import Path
from pipelines import run_control
run_control.acquire(Path(sys.argv[1]), command="a nightly run")
run_control.note_run(Path(sys.argv[1]), "run-1234")
print("held", flush=True)
time.sleep(600)
"""


def test_a_second_run_is_told_which_run_holds_the_warehouse_and_the_lock_dies_with_its_holder(tmp_path):
    build = tmp_path / "warehouse" / "juesuan.duckdb.build"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(build)], cwd=REPO, stdout=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    assert holder.stdout.readline() == b"held\n"
    with pytest.raises(run_control.Busy) as busy:
        run_control.acquire(build)
    message = str(busy.value)
    assert message.startswith(f"another run is in progress on {build.parent}: process {holder.pid} (a nightly run), "
                              "Dagster run run-1234, since ")
    notices: list[str] = []
    started = time.monotonic()
    with pytest.raises(run_control.Busy):
        run_control.acquire(build, wait_seconds=1.5, log=notices.append)
    assert time.monotonic() - started < 30 and notices[0].startswith("waiting for another run to finish: process ")
    holder.send_signal(signal.SIGKILL)  # kill -9: the kernel releases the lock, nothing to clean up
    holder.wait()
    with run_control.exclusive(build):
        with run_control.exclusive(build):  # re-entrant within a run (the CLI, then the run's resources)
            pass


HOLD_DUCKDB = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("open", flush=True)
time.sleep(600)
"""


def test_a_process_holding_the_build_file_is_named_at_once_not_waited_for_silently(tmp_path):
    build = tmp_path / "w.duckdb.build"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_DUCKDB, str(build)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"open\n"
        started = time.monotonic()
        with pytest.raises(run_control.Busy) as busy:
            run_control.connect_when_free(str(build), 0, print, duckdb.connect)
        assert time.monotonic() - started < 10  # DuckDBResource backed off silently for ~105 s
        assert f"is held open for writing by process {holder.pid} (" in str(busy.value)
        assert "-c" in str(busy.value)  # the holder's command line, read from /proc
    finally:
        holder.kill()
        holder.wait()


def test_old_runs_and_reports_are_pruned_to_the_newest(tmp_path, dagster_home):
    with dg.DagsterInstance.get() as instance:
        for _ in range(4):
            dg.materialize([dg.asset(name="tiny")(lambda: None)], instance=instance)
        runs = [r.dagster_run.run_id for r in instance.get_run_records(order_by="create_timestamp", ascending=False)]
        assert run_control.prune_runs(instance, keep=2) == 2
        assert [r.dagster_run.run_id for r in instance.get_run_records(order_by="create_timestamp", ascending=False)] \
            == runs[:2]
        assert not any((dagster_home / "history" / "runs").glob(f"{runs[3]}.db*"))
    suite = tmp_path / "reports" / "gx_validations" / "fct_totals_integrity" / "__none__"
    for stamp in ("20261130T010000.000001Z", "20261130T020000.000001Z", "20261130T030000.000001Z"):
        (suite / stamp).mkdir(parents=True)
    assert run_control.prune_reports(tmp_path / "reports", keep=2) == 1
    assert sorted(p.name for p in suite.iterdir()) == ["20261130T020000.000001Z", "20261130T030000.000001Z"]

"""How dbt is started: in this process (which keeps the parent-death request), its own log file off by default,
debug events that no logger writes not built."""
import io
import os
import sys
from pathlib import Path

import pytest
from dbt.adapters.events.types import SQLQuery
from dbt_common.events import event_manager as dbt_event_manager
from dbt_common.events.base_types import EventLevel
from dbt_common.events.event_manager import EventManager
from dbt_common.events.logger import LineFormat, LoggerConfig
from dbt_common.events.types import Note

from pipelines.warehouse import dbt_child


@pytest.fixture
def started(monkeypatch):
    """main() up to the moment it hands over to dbt's command line: the arguments and the environment dbt gets."""
    calls = []
    # not the parent-death request: it would bind this test process to its parent's life
    monkeypatch.setattr(dbt_child.ctypes, "CDLL", lambda *args, **kwargs: type("libc", (), {"prctl": lambda *a: 0})())
    monkeypatch.setattr(dbt_child, "run_dbt", lambda arguments: calls.append((arguments, dict(os.environ))) or 0)
    monkeypatch.setattr(dbt_child.sys, "argv", ["dbt_child.py", "build", "--select", "tag:audit"])
    monkeypatch.setattr(dbt_child.sys, "path", list(sys.path))
    return calls


def test_dbt_is_run_with_its_arguments_and_no_log_file(monkeypatch, started):
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    with pytest.raises(SystemExit) as exit_:
        dbt_child.main()
    assert exit_.value.code == 0
    [(arguments, environment)] = started
    assert arguments == ["build", "--select", "tag:audit"]
    assert environment["DBT_LOG_LEVEL_FILE"] == "none"


def test_a_log_level_the_user_set_is_kept(monkeypatch, started):
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    with pytest.raises(SystemExit):
        dbt_child.main()
    assert started[0][1]["DBT_LOG_LEVEL_FILE"] == "debug"


def test_dbt_imports_the_pipelines_package_of_the_run_that_started_it(monkeypatch, started):
    """The identity engine runs inside dbt (a Python model): the code must be this checkout's, not whichever
    copy the environment happens to have installed — in this process and in any it starts."""
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    with pytest.raises(SystemExit):
        dbt_child.main()
    root = Path(dbt_child.__file__).resolve().parents[2]
    assert started[0][1]["PYTHONPATH"].split(os.pathsep) == [str(root), "/elsewhere"]
    assert dbt_child.sys.path[0] == str(root)
    assert (root / "pipelines" / "identities" / "in_build.py").is_file()


def test_run_dbt_runs_dbts_command_line_with_the_arguments_and_returns_its_code(monkeypatch):
    import dbt.cli.main

    seen = []
    monkeypatch.setattr(dbt.cli.main, "cli", lambda: seen.append(list(sys.argv)) or 2)
    monkeypatch.setattr(dbt_child.sys, "argv", ["dbt_child.py"])
    monkeypatch.setattr(dbt_child.gc, "freeze", lambda: None)
    monkeypatch.setattr(EventManager, "fire_event", EventManager.fire_event)  # restored after the test
    assert dbt_child.run_dbt(["test", "--select", "x"]) == 2
    assert seen == [["dbt", "test", "--select", "x"]]


@pytest.fixture
def manager(monkeypatch):
    """dbt's real event manager with the skip installed (undone after the test), counting the events built."""
    monkeypatch.setattr(EventManager, "fire_event", EventManager.fire_event)
    built = []
    real = dbt_event_manager.msg_from_base_event
    monkeypatch.setattr(dbt_event_manager, "msg_from_base_event",
                        lambda event, level=None: built.append(type(event).__name__) or real(event, level=level))
    assert dbt_child.skip_unwritten_debug_events()
    return EventManager(), built


def _logger(manager: EventManager, level: EventLevel) -> io.StringIO:
    stream = io.StringIO()
    manager.add_logger(LoggerConfig(name=f"test-{level.value}", level=level, line_format=LineFormat.Json,
                                    output_stream=stream))
    return stream


def test_a_debug_event_no_logger_writes_is_not_built_and_an_info_event_is_written(manager):
    events, built = manager
    stdout = _logger(events, EventLevel.INFO)
    events.fire_event(SQLQuery(conn_name="model.x", sql="select 1", node_info={}))
    events.fire_event(Note(msg="3 of 307 OK created"))
    assert built == ["Note"]
    assert '"name": "Note"' in stdout.getvalue() and "SQLQuery" not in stdout.getvalue()


def test_a_debug_event_is_built_and_written_when_a_logger_is_at_debug(manager):
    events, built = manager
    _logger(events, EventLevel.INFO)
    debug_log = _logger(events, EventLevel.DEBUG)
    events.fire_event(SQLQuery(conn_name="model.x", sql="select 1", node_info={}))
    assert built == ["SQLQuery"]
    assert "select 1" in debug_log.getvalue()


def test_an_event_raised_to_info_by_its_caller_is_written(manager):
    events, built = manager
    stdout = _logger(events, EventLevel.INFO)
    events.fire_event(SQLQuery(conn_name="model.x", sql="select 2", node_info={}), level=EventLevel.INFO)
    assert built == ["SQLQuery"] and "select 2" in stdout.getvalue()


def test_the_skip_is_installed_once(manager):
    events, _ = manager
    installed = EventManager.fire_event
    assert dbt_child.skip_unwritten_debug_events()
    assert EventManager.fire_event is installed

"""How dbt is started: its own debug log off by default (every SQL statement as JSON, removed after the run)."""
import os
from pathlib import Path

import pytest

from pipelines.warehouse import dbt_child


@pytest.fixture
def started(monkeypatch):
    """main() up to the moment it replaces itself by dbt: the program and the environment dbt would get."""
    calls = []
    # not the parent-death request: it would bind this test process to its parent's life
    monkeypatch.setattr(dbt_child.ctypes, "CDLL", lambda *args, **kwargs: type("libc", (), {"prctl": lambda *a: 0})())
    monkeypatch.setattr(dbt_child.os, "execv", lambda program, argv: calls.append((program, argv, dict(os.environ))))
    monkeypatch.setattr(dbt_child.sys, "argv", ["dbt_child.py", "build", "--select", "tag:audit"])
    return calls


def test_dbt_is_started_with_its_arguments_and_its_log_file_at_warnings(monkeypatch, started):
    monkeypatch.delenv("DBT_LOG_LEVEL_FILE", raising=False)
    dbt_child.main()
    [(program, argv, environment)] = started
    assert program.name == "dbt" and argv[1:] == ["build", "--select", "tag:audit"]
    assert environment["DBT_LOG_LEVEL_FILE"] == "warn"


def test_a_log_level_the_user_set_is_kept(monkeypatch, started):
    monkeypatch.setenv("DBT_LOG_LEVEL_FILE", "debug")
    dbt_child.main()
    assert started[0][2]["DBT_LOG_LEVEL_FILE"] == "debug"


def test_dbt_imports_the_pipelines_package_of_the_run_that_started_it(monkeypatch, started):
    """The identity engine runs inside dbt (a Python model): the code must be this checkout's, not whichever
    copy the environment happens to have installed."""
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    dbt_child.main()
    root = Path(dbt_child.__file__).resolve().parents[2]
    assert started[0][2]["PYTHONPATH"].split(os.pathsep) == [str(root), "/elsewhere"]
    assert (root / "pipelines" / "identities" / "in_build.py").is_file()

"""The dbt project handle, importable without a manifest (so the manifest can be prepared first)."""
import fcntl
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from pipelines import settings
from pipelines.warehouse.dbt_parse import profile_fingerprint, project_fingerprint

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)

_TARGET = settings.DBT_PROJECT_DIR / "target"
_FINGERPRINT = "juesuan_parse_fingerprint"  # beside the manifest, in target/
_PARSE_STATES = "juesuan_parse_states"  # target/<this>/<profile fingerprint>.msgpack: dbt's parse state per profile
KEEP_PARSE_STATES = 8  # warehouses used in turn (the test suite's); 1.6 MB each


def _parse_state() -> Path:
    """Where dbt's partial parse state for the current profile (this warehouse path) is kept."""
    return _TARGET / _PARSE_STATES / f"{profile_fingerprint(settings.DBT_PROJECT_DIR, os.environ)}.msgpack"


def prepare_dbt_manifest(parse_state: bool = True) -> bool:
    """Parse the dbt project into target/manifest.json (no manifest is committed) — unless the manifest
    there was parsed from exactly these files and settings (warehouse/dbt_parse.py) — and keep dbt's partial
    parse state of this profile for the run's dbt invocations (invocation_target_path; parse_state=False: no
    dbt will run here, the manifest is enough). Returns whether it parsed."""
    settings.export_for_subprocesses()
    target = _TARGET
    target.mkdir(exist_ok=True)
    stamp = target / _FINGERPRINT
    from dbt.version import __version__ as dbt_version

    fingerprint = project_fingerprint(settings.DBT_PROJECT_DIR, os.environ, dbt_version)
    states = target / _PARSE_STATES
    state = _parse_state()
    # One parser at a time (`make dev` and `make run`, or parallel test workers, share target/): the second
    # waits, then finds what the first wrote.
    with (target / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        current = (target / "manifest.json").is_file() and stamp.is_file() and stamp.read_text() == fingerprint
        if current and (state.is_file() or not parse_state):
            if state.is_file():
                state.touch()  # recently used: kept
            return False
        if not current:
            shutil.rmtree(states, ignore_errors=True)  # parsed from other files: no longer valid
        parsed = _parse(target)
        if not current:  # replaced whole: a run loading the manifest meanwhile reads the old one or the new
            _replace(parsed / "manifest.json", target / "manifest.json")
            stamp.write_text(fingerprint)
        states.mkdir(exist_ok=True)
        _replace(parsed / "partial_parse.msgpack", state)
        shutil.rmtree(parsed, ignore_errors=True)
        for old in sorted(states.glob("*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP_PARSE_STATES:]:
            old.unlink(missing_ok=True)
        return True


def _parse(target: Path) -> Path:
    """`dbt parse` into a folder of its own under target/. Started directly, not through dagster-dbt, whose
    resource first runs `dbt --version` — which asks PyPI for the latest release (no network at run time)."""
    from pipelines.warehouse import dbt_child

    for leftover in target.glob("parse-*"):  # of a parse killed before it finished (we hold the lock)
        shutil.rmtree(leftover, ignore_errors=True)
    folder = target / f"parse-{secrets.token_hex(4)}"
    project = str(settings.DBT_PROJECT_DIR)
    result = subprocess.run(
        [sys.executable, dbt_child.__file__, "parse", "--quiet", "--project-dir", project, "--profiles-dir", project,
         "--target-path", str(folder)], capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"dbt parse failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return folder


def _replace(source, destination) -> None:
    """A copy that a reader never sees half-written (dagster-dbt copies the state when dbt starts)."""
    partial = destination.with_name(destination.name + f".{os.getpid()}.tmp")
    shutil.copyfile(source, partial)
    os.replace(partial, destination)


def invocation_target_path(label: str) -> Path:
    """A target folder of its own for one dbt invocation (target/<label>-<random>, removed after the run),
    holding this profile's parse state: dbt then reads only what changed, and runs over other warehouses
    at the same time cannot hand it a state of theirs."""
    path = _TARGET / f"{label}-{secrets.token_hex(4)}"
    path.mkdir(parents=True)
    state = _parse_state()
    if state.is_file():
        shutil.copyfile(state, path / "partial_parse.msgpack")
    return path


# Entry points call prepare_dbt_manifest() before loading the definitions; `dagster dev`'s code server loads
# them on its own, so it prepares here (a no-op when current) — not with dagster-dbt's prepare_if_dev, whose
# resource runs `dbt --version`.
if os.getenv("DAGSTER_IS_DEV_CLI"):
    prepare_dbt_manifest()

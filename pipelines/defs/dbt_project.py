"""The dbt project handle, importable without a manifest (so the manifest can be prepared first)."""
import fcntl
import os

from dagster_dbt import DbtProject

from pipelines import settings
from pipelines.warehouse.dbt_parse import project_fingerprint

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
# `dagster dev` parses the project on start; other entry points call prepare_dbt_manifest() first.
dbt_project.prepare_if_dev()

_FINGERPRINT = "juesuan_parse_fingerprint"  # beside the manifest, in target/


def prepare_dbt_manifest() -> bool:
    """Parse the dbt project into target/manifest.json (no manifest is committed) — unless the manifest
    there was parsed from exactly these files and settings (warehouse/dbt_parse.py). Returns whether it parsed."""
    settings.export_for_subprocesses()
    target = settings.DBT_PROJECT_DIR / "target"
    target.mkdir(exist_ok=True)
    stamp = target / _FINGERPRINT
    from dbt.version import __version__ as dbt_version

    fingerprint = project_fingerprint(settings.DBT_PROJECT_DIR, os.environ, dbt_version)
    # One parser at a time (`make dev` and `make run`, or parallel test workers, share target/): the second
    # waits, then finds the manifest the first wrote.
    with (target / ".parse.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / "manifest.json").is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
            return False
        dbt_project.preparer.prepare(dbt_project)
        stamp.write_text(fingerprint)
        return True

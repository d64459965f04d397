"""The dbt project handle, importable without a manifest (so the manifest can be prepared first)."""
from dagster_dbt import DbtProject

from pipelines import settings

dbt_project = DbtProject(project_dir=settings.DBT_PROJECT_DIR, profiles_dir=settings.DBT_PROJECT_DIR)
# `dagster dev` parses the project on start; other entry points call prepare_dbt_manifest() first.
dbt_project.prepare_if_dev()


def prepare_dbt_manifest() -> None:
    """Parse the dbt project into target/manifest.json (no manifest is committed)."""
    settings.export_for_subprocesses()
    dbt_project.preparer.prepare(dbt_project)

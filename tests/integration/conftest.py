import pytest


@pytest.fixture(scope="session")
def definitions():
    """The Dagster definitions, loaded once (the dbt manifest is parsed first, as `make run` does)."""
    from pipelines.defs.dbt_project import prepare_dbt_manifest

    prepare_dbt_manifest(parse_state=False)  # these tests run no dbt
    from pipelines.definitions import defs

    return defs

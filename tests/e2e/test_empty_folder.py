"""A run over an empty raw/ (a fresh install before the first report arrives) publishes an empty warehouse.
A module of its own: it reads no session warehouse, so the test scheduler runs it on whichever worker is free."""
import pytest

pytestmark = pytest.mark.e2e


def test_an_empty_folder_builds(tmp_path):
    """A run over an empty raw/ publishes an empty warehouse. (A file removed from raw/ is withdrawn: the poison
    folder's run does it, tests/e2e/test_run_isolation.py.)"""
    import duckdb

    from tests.conftest import _run_pipeline, pipeline_env

    raw = tmp_path / "raw"
    raw.mkdir()
    env, warehouse = pipeline_env(tmp_path, raw)
    _run_pipeline(env)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_document").fetchone() == (0,)
        assert con.execute("select count(*) from marts.fct_figure").fetchone() == (0,)
        assert con.execute("select count(*) from marts.fct_identity_check").fetchone() == (0,)

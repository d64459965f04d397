"""A run over an empty raw/ (a fresh install before the first report arrives) prepares an empty build.

The build's inputs are where an empty folder differs from any other: no document, no landing folder, no
action to record (DuckDB's executemany refuses an empty list — that once failed the whole run). dbt's models
over empty tables are plain SQL; every e2e build runs them, and their tables exist before any document."""
import logging
from types import SimpleNamespace

import duckdb

from pipelines.ingest import RECORD_TYPES
from pipelines.warehouse.build_inputs import prepare_build


def test_an_empty_folder_prepares_an_empty_build_with_every_landing_table(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    monkeypatch.setenv("JUESUAN_RAW_DIR", str(raw))
    monkeypatch.setenv("JUESUAN_SETTLE_SECONDS", "0")
    monkeypatch.setenv("JUESUAN_LANDING_DIR", str(tmp_path / "landing"))  # never created: nothing extracted
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        prepare_build(SimpleNamespace(log=logging.getLogger("test")), con, "fingerprint")
        for record_type in RECORD_TYPES:  # what dbt reads exists, empty
            assert con.execute(f"select count(*) from build_input.{record_type.table}").fetchone() == (0,)
        assert con.execute("select count(*) from runs.folder_entries").fetchone() == (0,)
        assert con.execute("select count(*) from runs.document_actions").fetchone() == (0,)
        assert con.execute("select count(*) from runs.build_state").fetchone()[0] == 1  # the next run compares to it

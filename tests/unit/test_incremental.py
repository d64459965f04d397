"""Extraction once per (content hash, extractor version); landing folders; what a build did with each document."""
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest

from pipelines.discovery import DEFERRED, DOCUMENT, RawEntry, Snapshot
from pipelines.extraction import MISSING, NEW, RE_EXTRACTED, UNCHANGED, plan
from pipelines.warehouse.incremental import build_actions, inputs_fingerprint
from pipelines.warehouse.landing_files import (changed_since_load, load_documents, read_manifest, read_manifests,
                                               source_digest, write_document)


@dataclass(frozen=True)
class Thing:
    table: ClassVar[str] = "things"
    name: str
    amount: Decimal | None


@dataclass(frozen=True)
class Other:
    table: ClassVar[str] = "others"
    note: str


def _entry(name: str, document_id: str, action: str = DOCUMENT, reason: str | None = None) -> RawEntry:
    return RawEntry(name, Path(name), "file", action, reason, document_id)


def test_plan_reads_only_new_documents_and_those_of_another_extractor_version_or_other_names():
    entries = {"a": [_entry("a.txt", "a")], "b": [_entry("b.txt", "b")], "c": [_entry("c2.txt", "c")],
               "d": [_entry("d.txt", "d")]}
    manifests = {"b": {"extractor_version": "v1", "source_files": ["b.txt"]},
                 "c": {"extractor_version": "v1", "source_files": ["c.txt"]},
                 "d": {"extractor_version": "v0", "source_files": ["d.txt"]}}
    decisions = {d.document_id: (d.action, d.reason) for d in plan(["a", "b", "c", "d", "gone"], entries, manifests, "v1")}
    assert decisions == {
        "a": (NEW, None), "b": (UNCHANGED, None), "c": (RE_EXTRACTED, "file names changed: c2.txt"),
        "d": (RE_EXTRACTED, "extractor version changed (v0 → v1)"),
        "gone": (MISSING, "no longer in the landing folder with these bytes")}


def test_a_landing_folder_holds_every_table_typed_and_is_replaced_whole(tmp_path):
    counts = write_document(tmp_path, "doc", [Thing("a", Decimal("1.5")), Thing("b", None)], [Thing, Other],
                            {"extractor_version": "v1", "status": "loaded"})
    assert counts == {"things": 2, "others": 0}
    first = read_manifest(tmp_path, "doc")
    assert (first["extractor_version"], first["rows"]) == ("v1", counts)
    con = duckdb.connect()
    assert con.execute(f"select document_id, name, amount from '{tmp_path}/doc/things.parquet' order by name"
                       ).fetchall() == [("doc", "a", Decimal("1.5")), ("doc", "b", None)]
    assert con.execute(f"select count(*), typeof(any_value(note)) from '{tmp_path}/doc/others.parquet'"
                       ).fetchone() == (0, "VARCHAR")
    write_document(tmp_path, "doc", [Other("x")], [Thing, Other], {"extractor_version": "v2"})
    assert read_manifest(tmp_path, "doc")["token"] != first["token"]
    assert con.execute(f"select count(*) from '{tmp_path}/doc/things.parquet'").fetchone() == (0,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc"]  # no temporary or old folder left


def test_a_value_the_landing_types_cannot_hold_leaves_the_previous_version(tmp_path):
    write_document(tmp_path, "doc", [Thing("a", Decimal(1))], [Thing], {"extractor_version": "v1"})
    with pytest.raises(Exception):
        write_document(tmp_path, "doc", [Thing("a", Decimal("1.123456789123"))], [Thing], {"extractor_version": "v2"})
    assert read_manifest(tmp_path, "doc")["extractor_version"] == "v1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc"]


def test_the_build_loads_only_folders_written_since_it_last_loaded_them(tmp_path):
    con = duckdb.connect()
    write_document(tmp_path, "d1", [Thing("a", Decimal(1))], [Thing], {})
    write_document(tmp_path, "d2", [Thing("b", Decimal(2)), Thing("c", None)], [Thing], {})
    manifests = read_manifests(tmp_path)
    assert set(changed_since_load(con, manifests)) == {"d1", "d2"}
    assert load_documents(con, tmp_path, changed_since_load(con, manifests), [Thing]) == 2
    assert changed_since_load(con, read_manifests(tmp_path)) == {}
    write_document(tmp_path, "d2", [Thing("z", Decimal(9))], [Thing], {})  # extracted again
    changed = changed_since_load(con, read_manifests(tmp_path))
    assert set(changed) == {"d2"}
    load_documents(con, tmp_path, changed, [Thing])
    assert con.execute("select document_id, name, amount from raw.things order by 1, 2").fetchall() == [
        ("d1", "a", Decimal(1)), ("d2", "z", Decimal(9))]


def test_what_a_build_did_with_each_document():
    snapshot = Snapshot(Path("raw"), [_entry("new.txt", "n"), _entry("same.txt", "s"), _entry("back.txt", "r"),
                                      _entry("bad.txt", "q"), _entry("again.txt", "x"),
                                      RawEntry("copying.txt", Path("copying.txt"), "file", DEFERRED, "still being written")])
    loaded_now = {"n": {"action": "new", "status": "loaded"},
                  "q": {"action": "new", "status": "quarantined", "reason": "empty file"},
                  "x": {"action": "re-extracted", "action_reason": "extractor version changed (a → b)", "status": "loaded"}}
    actions = {(a.document_id, a.source_file, a.action, a.reason)
               for a in build_actions(snapshot, loaded_now, {"r"}, {"w": "removed.txt"})}
    assert actions == {
        ("n", "new.txt", "new", None), ("s", "same.txt", "unchanged", None),
        ("r", "back.txt", "restored", "its file is back in the landing folder"),
        ("q", "bad.txt", "quarantined", "empty file"),
        ("x", "again.txt", "re-extracted", "extractor version changed (a → b)"),
        ("w", "removed.txt", "withdrawn", "file no longer in the landing folder"),
        (None, "copying.txt", "deferred", "still being written")}


def test_the_inputs_fingerprint_changes_with_a_file_a_landing_folder_or_the_pipeline_not_with_time():
    snapshot = Snapshot(Path("raw"), [_entry("a.txt", "a")], taken_at="t1")
    manifests = {"a": {"token": "1"}}
    base = inputs_fingerprint(snapshot, manifests, "p")
    assert inputs_fingerprint(Snapshot(Path("raw"), [_entry("a.txt", "a")], taken_at="t2"), manifests, "p") == base
    assert inputs_fingerprint(Snapshot(Path("raw"), [_entry("b.txt", "a")]), manifests, "p") != base
    assert inputs_fingerprint(snapshot, {"a": {"token": "2"}}, "p") != base
    assert inputs_fingerprint(snapshot, manifests, "q") != base


def test_the_extractor_version_follows_its_sources(tmp_path):
    (tmp_path / "extract").mkdir()
    (tmp_path / "extract" / "layout.yaml").write_text("a: 1")
    (tmp_path / "extract" / "notes.md").write_text("x")
    before = source_digest(tmp_path, ["extract"])
    (tmp_path / "extract" / "notes.md").write_text("y")  # not a source
    assert source_digest(tmp_path, ["extract"]) == before
    (tmp_path / "extract" / "layout.yaml").write_text("a: 2")  # layout data is
    assert source_digest(tmp_path, ["extract"]) != before


def test_a_build_over_an_empty_folder_records_no_action_and_does_not_fail():
    import duckdb
    from datetime import datetime, timezone

    from pipelines.warehouse.incremental import ACTIONS_TABLE, record_actions

    con = duckdb.connect()
    con.execute("create schema runs")
    record_actions(con, datetime(2026, 11, 30, tzinfo=timezone.utc), [], keep_runs=3)
    assert con.execute(f"select count(*) from {ACTIONS_TABLE}").fetchone() == (0,)


# Modules a document's extraction loads that cannot change what it yields: the package, the settings, reading
# the file (its bytes are the content hash), the orchestration of workers.
NOT_EXTRACTION = {"pipelines/__init__.py", "pipelines/settings.py", "pipelines/discovery.py",
                  "pipelines/extraction.py", "pipelines/warehouse/__init__.py"}

_EXTRACT_AND_LIST_MODULES = """
import json, sys
from pathlib import Path
from pipelines.documents.identify import document_id
from pipelines.extraction import NEW, Task, extract_one
source, landing = Path(sys.argv[1]), sys.argv[2]
task = Task(document_id(source.read_bytes()), (str(source),), str(source), landing, "v", NEW, None)
assert extract_one(task).status == "loaded"
print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()
                        if n.split(".")[0] == "pipelines" and getattr(m, "__file__", None))))
"""


def test_every_module_a_document_is_extracted_with_is_part_of_the_extractor_version(tmp_path):
    """A change to any of them re-reads every document; a module outside (the build's DuckDB writers,
    pipelines/warehouse/landing.py) never does."""
    import json
    import subprocess
    import sys

    from pipelines import settings
    from pipelines.warehouse.landing_files import EXTRACTOR_SOURCES
    from tests.conftest import REFERENCE_TXT

    result = subprocess.run([sys.executable, "-c", _EXTRACT_AND_LIST_MODULES, str(REFERENCE_TXT), str(tmp_path)],
                            cwd=settings.REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = {str(Path(f).relative_to(settings.REPO_ROOT)) for f in json.loads(result.stdout.splitlines()[-1])}
    covered = {m for m in loaded if any(m == s or m.startswith(s + "/") for s in EXTRACTOR_SOURCES)}
    assert loaded - covered == NOT_EXTRACTION
    assert "pipelines/warehouse/record_columns.py" in covered and "pipelines/warehouse/landing.py" not in loaded

"""A document is extracted from the very bytes that were hashed: a file rewritten during a run is left for
the next run, and the version already loaded stays current until then — never withdrawn half-way."""
import logging
import threading
from types import SimpleNamespace

import dagster as dg
import duckdb

import pipelines.defs.documents as documents
import pipelines.extraction as extraction
from pipelines.warehouse.build_inputs import prepare_build
from pipelines.documents.identify import document_id
from tests.conftest import FIXTURES

V1 = (FIXTURES / "variant_department.txt").read_bytes()
V2 = V1.replace("优抚对象人数减少".encode(), "优抚对象人数有所减少".encode())


def _extract(instance, key: str, database):
    """Extraction writes the document's landing folder; the build (prepare_build below) loads it into database."""
    return dg.materialize([documents.extract_documents], partition_key=key, instance=instance)


def _loaded_v1(tmp_path, monkeypatch, instance):
    """raw/report.txt holding V1, extracted into a working database by a first run."""
    raw = tmp_path / "raw"
    raw.mkdir()
    report = raw / "report.txt"
    report.write_bytes(V1)
    monkeypatch.setenv("JUESUAN_RAW_DIR", str(raw))
    monkeypatch.setenv("JUESUAN_SETTLE_SECONDS", "0")
    monkeypatch.setenv("JUESUAN_LANDING_DIR", str(tmp_path / "landing"))
    database = tmp_path / "w.duckdb"
    instance.add_dynamic_partitions("documents", [document_id(V1)])
    assert _extract(instance, document_id(V1), database).success
    return report, database


def _statuses(database) -> dict[str, str]:
    with duckdb.connect(str(database)) as con:
        prepare_build(SimpleNamespace(log=logging.getLogger("test")), con, "fingerprint")
        return dict(con.execute("select document_id, status from build_input.documents").fetchall())


def test_a_file_edited_between_hashing_and_extraction_is_picked_up_by_the_next_run(tmp_path, monkeypatch):
    v1, v2 = document_id(V1), document_id(V2)
    with dg.instance_for_test() as instance:
        report, database = _loaded_v1(tmp_path, monkeypatch, instance)
        assert _statuses(database) == {v1: "loaded"}

        # A second run (of a new extractor version: v1 is read again) listed the folder and hashed v1; the file
        # is rewritten before extraction reads it.
        real_read, real_version = extraction.read_file, documents.extractor_version

        def edited_meanwhile(path):
            report.write_bytes(V2)
            return real_read(path)

        monkeypatch.setattr(extraction, "read_file", edited_meanwhile)
        monkeypatch.setattr(documents, "extractor_version", lambda: "the next version")
        assert _extract(instance, v1, database).success  # the other documents of the run go on
        monkeypatch.setattr(extraction, "read_file", real_read)
        monkeypatch.setattr(documents, "extractor_version", real_version)
        # The new bytes were not extracted under the old key, and the loaded version is not withdrawn:
        # before, v1 was withdrawn while v2 was not extracted — the report vanished from the warehouse.
        assert _statuses(database) == {v1: "loaded"}

        # The next run registers and extracts the new version; only then is the old one withdrawn.
        instance.add_dynamic_partitions("documents", [v2])
        assert _extract(instance, v2, database).success
        assert _statuses(database) == {v1: "withdrawn", v2: "loaded"}
    with duckdb.connect(str(database)) as con:
        assert con.execute("select count(*) from raw.figures where document_id = ?", [v1]).fetchone()[0] > 0  # kept
        assert con.execute("select entry_name, action from runs.folder_entries").fetchall() == [("report.txt", "document")]


def test_a_file_still_being_copied_does_not_withdraw_the_version_it_replaces(tmp_path, monkeypatch):
    v1 = document_id(V1)
    with dg.instance_for_test() as instance:
        report, database = _loaded_v1(tmp_path, monkeypatch, instance)

    # A new version is being copied over it while the build looks at the folder.
    report.write_bytes(V2[:1000])
    copying = threading.Event()

    def copy_goes_on():
        with report.open("ab") as f:
            for start in range(1000, len(V2), 500):
                if copying.wait(0.2):
                    return
                f.write(V2[start:start + 500])
                f.flush()

    writer = threading.Thread(target=copy_goes_on)
    writer.start()
    try:
        monkeypatch.setenv("JUESUAN_SETTLE_SECONDS", "1")
        assert _statuses(database) == {v1: "loaded"}  # not withdrawn while its replacement is half-written
    finally:
        copying.set()
        writer.join()
    with duckdb.connect(str(database)) as con:
        assert con.execute("select action, reason like 'still being written%' from runs.folder_entries").fetchall() == [
            ("deferred", True)]
    report.unlink()
    assert _statuses(database) == {v1: "withdrawn"}  # the file is gone: withdrawn as before


def test_a_removed_then_restored_file_is_withdrawn_then_restored_without_being_read_again(tmp_path, monkeypatch):
    import pipelines.ingest

    v1 = document_id(V1)
    with dg.instance_for_test() as instance:
        report, database = _loaded_v1(tmp_path, monkeypatch, instance)
    assert _statuses(database) == {v1: "loaded"}
    report.unlink()
    assert _statuses(database) == {v1: "withdrawn"}
    reads = []
    monkeypatch.setattr(pipelines.ingest, "ingest_file", lambda *a, **k: reads.append(a))
    report.write_bytes(V1)  # put back: the landing folder of these bytes is loaded again, nothing is read
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions("documents", [v1])
        assert _extract(instance, v1, database).success
    assert reads == []
    assert _statuses(database) == {v1: "loaded"}
    with duckdb.connect(str(database)) as con:
        actions = con.execute("select action from runs.document_actions order by run_started_at").fetchall()
    assert [a for (a,) in actions] == ["new", "withdrawn", "restored"]

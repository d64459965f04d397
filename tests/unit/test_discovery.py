"""The landing folder: only regular files inside raw/ are read, everything else is recorded with a reason;
any file name is handled; a file still being written waits for the next run."""
import os
import shutil

import pytest

from pipelines import discovery
from pipelines.discovery import DEFERRED, DOCUMENT, QUARANTINED, SKIPPED, FileChanged, read_file, scan
from pipelines.documents.identify import document_id
from pipelines.ingest import LOADED, SourceFile, ingest_file
from pipelines.names import printable_name
from tests.conftest import FIXTURES

VARIANT = FIXTURES / "variant_department.txt"
NON_UTF8 = os.fsdecode(b"\xff\xfe\xe5\x86\xb3\xe7\xae\x97.txt")  # 0xFF 0xFE then 决算.txt in UTF-8


def _entries(snapshot) -> dict[str, tuple]:
    return {e.name: (e.kind, e.action, e.reason) for e in snapshot.entries}


def test_every_entry_is_recorded_and_only_regular_files_inside_raw_are_read(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    raw.mkdir(), outside.mkdir()
    shutil.copy(VARIANT, raw / "report.txt")
    shutil.copy(VARIANT, outside / "elsewhere.txt")
    (raw / "link_out.txt").symlink_to(outside / "elsewhere.txt")
    (raw / "link_in.txt").symlink_to(raw / "report.txt")
    (raw / "broken.txt").symlink_to(raw / "missing.txt")
    (raw / "sub").mkdir()
    shutil.copy(VARIANT, raw / "sub" / "nested.txt")
    os.mkfifo(raw / "pipe")
    (raw / ".hidden").write_text("x")
    (raw / "download.pdf.crdownload").write_bytes(b"%PDF-")
    entries = _entries(scan(raw))
    assert entries["report.txt"] == ("file", DOCUMENT, None)
    assert entries["link_in.txt"] == ("symlink", DOCUMENT, None)  # a second name of a file inside raw/
    kind, action, reason = entries["link_out.txt"]
    assert (kind, action) == ("symlink", QUARANTINED) and "outside the landing folder: not read" in reason
    assert str(outside / "elsewhere.txt") in reason
    assert entries["broken.txt"] == ("symlink", SKIPPED, "broken symbolic link")
    assert entries["sub"][:2] == ("folder", SKIPPED) and "sub-folders are not read" in entries["sub"][2]
    assert entries["pipe"] == ("fifo", SKIPPED, "not a regular file (fifo)")
    assert entries[".hidden"][1] == SKIPPED
    assert entries["download.pdf.crdownload"] == ("file", SKIPPED, "a partial download or an editor's temporary file")
    assert scan(raw).documents() == {document_id(VARIANT.read_bytes()): [raw / "link_in.txt", raw / "report.txt"]}


def test_a_file_name_with_non_utf8_bytes_is_read_loaded_and_reported_in_a_printable_form(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(VARIANT, raw / NON_UTF8)
    [entry] = scan(raw).entries
    assert (entry.name, entry.action) == ("\\xff\\xfe决算.txt", DOCUMENT)
    result = ingest_file([entry.path], read_file(entry.target)[0])
    assert result.status == LOADED
    assert [r.source_file for r in result.records if isinstance(r, SourceFile)] == ["\\xff\\xfe决算.txt"]
    assert printable_name("a\nb\u200b.txt") == "a\\nb\\u200b.txt"  # control characters too


def test_a_file_still_growing_after_it_was_read_is_deferred_to_the_next_run(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    copying = raw / "copying.txt"
    copying.write_bytes(VARIANT.read_bytes()[:2000])  # a copy in progress: truncated so far

    def copy_goes_on(seconds):  # while the scan waits for the file to settle, the copy writes on
        with copying.open("ab") as f:
            f.write(VARIANT.read_bytes()[2000:4000])

    [entry] = scan(raw, settle_seconds=3, sleep=copy_goes_on).entries
    assert entry.action == DEFERRED and entry.document_id is None
    assert entry.reason.startswith("still being written: size or modification time changed within 3 s")
    assert scan(raw, settle_seconds=0).entries[0].action == DOCUMENT  # settled: read as a document


def test_a_file_written_while_it_is_read_is_deferred(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(VARIANT, raw / "report.txt")
    real_read = os.read

    def read_while_written(fd, n):  # another process appends while the first chunk is read
        data = real_read(fd, n)
        with (raw / "report.txt").open("ab") as f:
            f.write(b"more")
        return data

    monkeypatch.setattr(discovery.os, "read", read_while_written)
    [entry] = scan(raw).entries
    assert entry.action == DEFERRED and "changed while it was read" in entry.reason


def test_reading_refuses_a_fifo_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(FileChanged):
        read_file(tmp_path / "pipe")

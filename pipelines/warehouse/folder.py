"""The run's record of the landing folder: every entry of raw/ and what became of it (schema ``runs``)."""
from dataclasses import dataclass
from typing import ClassVar

import duckdb

from pipelines.discovery import Snapshot

from .landing import replace_all

RUNS_SCHEMA = "runs"


@dataclass(frozen=True)
class FolderEntry:
    """One entry of raw/ as the last build found it: read as a document, or skipped, quarantined or
    deferred with the reason (a folder, a FIFO, a link leading out of raw/, a copy in progress…)."""

    table: ClassVar[str] = "folder_entries"

    entry_name: str  # printable form of the file name
    kind: str
    action: str
    reason: str | None
    byte_size: int | None
    scanned_at: str


def record_folder(con: duckdb.DuckDBPyConnection, snapshot: Snapshot) -> int:
    """Replace runs.folder_entries by this snapshot; returns the number of entries."""
    by_document: dict[str | None, list[FolderEntry]] = {}
    for e in snapshot.entries:
        by_document.setdefault(e.document_id, []).append(
            FolderEntry(e.name, e.kind, e.action, e.reason, e.byte_size, snapshot.taken_at))
    return replace_all(con, RUNS_SCHEMA, FolderEntry, by_document)

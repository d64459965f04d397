"""What a build starts from, and what each run did with each document (schema ``runs``).

``inputs_fingerprint`` is a hash of everything a build reads: the landing folder's listing, every landing
folder's version (its manifest token) and the pipeline's code, dbt project, seeds and rules. The build records
it in ``runs.build_state``; publication copies it with the warehouse. A run whose inputs hash the same as the
published warehouse's has nothing to do: it neither extracts nor rebuilds (pipelines/cli.py).

``runs.document_actions`` records per build what happened to each document — the lead table of the run
summary (docs/WAREHOUSE.md).
"""
import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipelines.discovery import DEFERRED, Snapshot

from .folder import RUNS_SCHEMA

STATE_TABLE = f"{RUNS_SCHEMA}.build_state"
ACTIONS_TABLE = f"{RUNS_SCHEMA}.document_actions"
ACTIONS = ("new", "unchanged", "re-extracted", "quarantined", "withdrawn", "restored", "deferred")


def inputs_fingerprint(snapshot: Snapshot, manifests: dict[str, dict], pipeline: str) -> str:
    """A hash of the folder's listing (names, kinds, what is done with each, document ids — not times),
    the landing folders' versions and the pipeline's fingerprint."""
    digest = hashlib.sha256(pipeline.encode() + b"\0")
    for e in sorted(snapshot.entries, key=lambda e: e.name):
        digest.update(repr((e.name, e.kind, e.action, e.reason, e.document_id)).encode() + b"\0")
    for document_id in sorted(manifests):
        digest.update(f"{document_id}={manifests[document_id].get('token')}\0".encode())
    return digest.hexdigest()[:16]


def record_build_state(con: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    con.execute(f"create schema if not exists {RUNS_SCHEMA}")
    con.execute(f"create or replace table {STATE_TABLE} as select ? as inputs_fingerprint, "
                "current_timestamp::timestamp as built_at", [fingerprint])


def published_fingerprint(warehouse: Path) -> str | None:
    """The inputs fingerprint the published warehouse was built from (None: no warehouse, or built before
    fingerprints were recorded)."""
    if not warehouse.is_file():
        return None
    try:
        with duckdb.connect(str(warehouse), read_only=True) as con:
            return con.execute(f"select inputs_fingerprint from {STATE_TABLE}").fetchone()[0]
    except (duckdb.Error, TypeError):
        return None


@dataclass(frozen=True)
class DocumentAction:
    document_id: str | None  # None for an entry not read (a copy in progress has no settled bytes)
    source_file: str
    action: str
    reason: str | None = None


def build_actions(snapshot: Snapshot, loaded_now: dict[str, dict], restored: set[str],
                  withdrawn: dict[str, str]) -> list[DocumentAction]:
    """What this build did with each document (pure): ``loaded_now`` the manifests of the landing folders it
    loaded (extracted since the last build), ``restored`` documents whose file came back, ``withdrawn``
    document_id → file name of those whose file left."""
    actions = []
    for document_id, entries in sorted(snapshot.by_document().items()):
        names = "; ".join(sorted(e.name for e in entries))
        manifest = loaded_now.get(document_id)
        if document_id in restored:
            actions.append(DocumentAction(document_id, names, "restored", "its file is back in the landing folder"))
        elif manifest is not None and manifest.get("status") == "quarantined":
            actions.append(DocumentAction(document_id, names, "quarantined", manifest.get("reason")))
        elif manifest is not None:
            actions.append(DocumentAction(document_id, names, manifest.get("action") or "new",
                                          manifest.get("action_reason")))
        else:
            actions.append(DocumentAction(document_id, names, "unchanged"))
    for document_id, name in sorted(withdrawn.items()):
        actions.append(DocumentAction(document_id, name, "withdrawn", "file no longer in the landing folder"))
    for entry in snapshot.entries:
        if entry.action == DEFERRED:
            actions.append(DocumentAction(None, entry.name, "deferred", entry.reason))
    return actions


def _ensure_actions_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {RUNS_SCHEMA}")
    con.execute(f"""create table if not exists {ACTIONS_TABLE} (run_started_at timestamp, document_id varchar,
        source_file varchar, action varchar, reason varchar)""")


def record_actions(con: duckdb.DuckDBPyConnection, started_at: datetime, actions: list[DocumentAction],
                   keep_runs: int) -> None:
    """Append this build's actions; keep those of the last ``keep_runs`` builds."""
    _ensure_actions_table(con)
    if actions:  # an empty raw/ builds too (DuckDB refuses executemany without rows)
        con.executemany(f"insert into {ACTIONS_TABLE} values (?, ?, ?, ?, ?)",
                        [[started_at, a.document_id, a.source_file, a.action, a.reason] for a in actions])
    con.execute(f"""delete from {ACTIONS_TABLE} where run_started_at not in (
        select distinct run_started_at from {ACTIONS_TABLE} order by run_started_at desc limit ?)""", [keep_runs])


def note_quarantined(con: duckdb.DuckDBPyConnection, started_at: datetime, reasons: dict[str, str]) -> None:
    """Documents quarantined by the build's dbt tests: their action of this build becomes 'quarantined'."""
    _ensure_actions_table(con)
    for document_id, reason in reasons.items():
        con.execute(f"update {ACTIONS_TABLE} set action = 'quarantined', reason = ? "
                    "where run_started_at = ? and document_id = ?", [reason, started_at, document_id])


def run_started_now() -> datetime:
    """The build's timestamp (UTC, naive: a DuckDB TIMESTAMP)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)

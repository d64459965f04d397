"""Landing tables (schema ``raw``) — one table per record type — and the document statuses kept there; the
DuckDB writers the build and the identity engine use.

Extraction writes a document's records as its landing folder and the build loads them, replacing all of
the document's rows in one transaction (landing_files.py): re-running is idempotent and a document is never
half-loaded. The column types come from record_columns.py.
"""
from typing import Iterable, Sequence

import duckdb

from .record_columns import LANDING_SCHEMA, arrow_table, ensure_table

def _insert(con: duckdb.DuckDBPyConnection, table: str, records_by_document: dict[str, Sequence],
            record_type: type) -> int:
    """One insert of the records of any number of documents (one per document costs ~4 ms each)."""
    arrow_rows = arrow_table(records_by_document, record_type)  # noqa: F841 (read by DuckDB by name)
    if not arrow_rows.num_rows:
        return 0
    names = ", ".join(f'"{c}"' for c in arrow_rows.column_names)
    con.execute(f"insert into {table} ({names}) select {names} from arrow_rows")
    return arrow_rows.num_rows


def replace_all(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    record_type: type,
    records_by_document: dict[str, Sequence],
) -> int:
    """Replace a whole table (results recomputed for every document at once); returns rows written."""
    return replace_documents(con, schema, record_type, [records_by_document])


def replace_documents(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    record_type: type,
    chunks: Iterable[dict[str, Sequence]],
    keep: frozenset[str] = frozenset(),
) -> int:
    """Replace a whole table but the rows of the documents in ``keep`` (results of an earlier build that still
    hold), in one transaction; each chunk of records by document is written as it comes, so the caller never
    holds every record at once. Returns rows written."""
    ensure_table(con, record_type, schema)
    table = f"{schema}.{record_type.table}"
    con.execute("begin transaction")
    try:
        if keep:
            con.execute(f"delete from {table} where coalesce(not list_contains(?, document_id), true)", [sorted(keep)])
        else:
            con.execute(f"delete from {table}")
        written = 0
        for records_by_document in chunks:
            written += _insert(con, table, records_by_document, record_type)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return written


WITHDRAWN_REASON = "file no longer in the landing folder (its rows are kept in schema raw)"


def _has_table(con: duckdb.DuckDBPyConnection, table: str, schema: str = LANDING_SCHEMA) -> bool:
    return con.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
                       [schema, table]).fetchone()[0] > 0


def awaiting_new_version(con: duckdb.DuckDBPyConnection, present_document_ids: set[str],
                         unread_names: set[str]) -> dict[str, list[str]]:
    """Loaded documents whose bytes left the landing folder while one of their file names now holds bytes not
    extracted yet (a file rewritten during or since the last run, or still being copied): document_id →
    those names. They stay current until the new version is extracted, so a run never publishes a
    report withdrawn and its replacement missing."""
    if not unread_names or not _has_table(con, "documents") or not _has_table(con, "document_files"):
        return {}
    rows = con.execute(f"""
        select d.document_id, f.source_file
        from {LANDING_SCHEMA}.documents as d join {LANDING_SCHEMA}.document_files as f using (document_id)
        where d.status = 'loaded'""").fetchall()
    waiting: dict[str, list[str]] = {}
    for document_id, name in rows:
        if document_id not in present_document_ids and name in unread_names:
            waiting.setdefault(document_id, []).append(name)
    return waiting


def mark_withdrawn(con: duckdb.DuckDBPyConnection, present_document_ids: set[str], keep: set[str] = frozenset()) -> int:
    """Loaded documents whose file has left the landing folder stop feeding the marts (status 'withdrawn');
    their landing rows stay, so nothing is lost and a file put back loads again. ``keep``: documents not
    to withdraw yet (see awaiting_new_version). Returns how many were withdrawn."""
    con.execute(f"create schema if not exists {LANDING_SCHEMA}")
    if not _has_table(con, "documents"):
        return 0
    known = {d for (d,) in con.execute(f"select document_id from {LANDING_SCHEMA}.documents "
                                       "where status = 'loaded'").fetchall()}
    gone = sorted(known - present_document_ids - set(keep))
    for document_id in gone:
        con.execute(f"update {LANDING_SCHEMA}.documents set status = 'withdrawn', quarantine_reason = ? "
                    "where document_id = ?", [WITHDRAWN_REASON, document_id])
    return len(gone)


def ingested_document_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Every document with a landing record, whatever its status."""
    if not _has_table(con, "documents"):
        return set()
    return {d for (d,) in con.execute(f"select document_id from {LANDING_SCHEMA}.documents").fetchall()}

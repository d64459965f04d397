"""Landing tables (schema ``raw``) — one table per record type — and the document statuses kept there.

Tables and their Parquet columns are derived from the record dataclasses, so an extractor adds a column by
adding a field. Extraction writes a document's records as its landing folder and the build loads them,
replacing all of the document's rows in one transaction (landing_files.py): re-running is idempotent and a
document is never half-loaded.
"""
import dataclasses
import typing
from decimal import Decimal
from typing import Iterable, Sequence

import duckdb
import pyarrow as pa

LANDING_SCHEMA = "raw"
# Wide enough for amounts in 元 and 3-decimal 万元 amounts; exact either way.
DECIMAL_SQL = "DECIMAL(28,8)"
_DECIMAL_ARROW = pa.decimal128(28, 8)

_SQL_TYPES = {str: "VARCHAR", int: "BIGINT", bool: "BOOLEAN", Decimal: DECIMAL_SQL}
_ARROW_TYPES = {str: pa.string(), int: pa.int64(), bool: pa.bool_(), Decimal: _DECIMAL_ARROW}


def _base_type(annotation) -> type:
    """``str | None`` → str. Only the four landing types are allowed."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    base = args[0]
    if base not in _SQL_TYPES:
        raise TypeError(f"landing fields must be str, int, bool or Decimal (optionally None), got {annotation!r}")
    return base


def columns_of(record_type: type) -> list[tuple[str, type]]:
    hints = typing.get_type_hints(record_type)
    return [(f.name, _base_type(hints[f.name])) for f in dataclasses.fields(record_type)]


def ensure_table(con: duckdb.DuckDBPyConnection, record_type: type, schema: str = LANDING_SCHEMA) -> None:
    """Create the table of a record type, or add the columns a newer version of it has."""
    table = f"{schema}.{record_type.table}"
    con.execute(f"create schema if not exists {schema}")
    cols = [("document_id", str)] + columns_of(record_type)
    ddl = ", ".join(f'"{name}" {_SQL_TYPES[kind]}' for name, kind in cols)
    con.execute(f"create table if not exists {table} ({ddl})")
    existing = {row[0] for row in con.execute(
        "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
        [schema, record_type.table]).fetchall()}
    for name, kind in cols:
        if name not in existing:
            con.execute(f'alter table {table} add column "{name}" {_SQL_TYPES[kind]}')


def _arrow_table(records_by_document: dict[str, Sequence], record_type: type) -> pa.Table:
    records = [r for rows in records_by_document.values() for r in rows]
    data = {"document_id": pa.array([d for d, rows in records_by_document.items() for _ in rows], pa.string())}
    for name, kind in columns_of(record_type):
        data[name] = pa.array([getattr(r, name) for r in records], _ARROW_TYPES[kind])
    return pa.table(data)


def _insert(con: duckdb.DuckDBPyConnection, table: str, records_by_document: dict[str, Sequence],
            record_type: type) -> int:
    """One insert of the records of any number of documents (one per document costs ~4 ms each)."""
    arrow_rows = _arrow_table(records_by_document, record_type)  # noqa: F841 (read by DuckDB by name)
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

"""Write extractor records into landing tables (schema ``raw``) — one table per record type.

Tables are derived from the record dataclasses, so an extractor adds a column by adding a field.
Loading a document replaces all of its rows in one transaction: re-running is idempotent and a
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


def _arrow_table(document_id: str, record_type: type, records: Sequence) -> pa.Table:
    cols = columns_of(record_type)
    data = {"document_id": pa.array([document_id] * len(records), pa.string())}
    for name, kind in cols:
        data[name] = pa.array([getattr(r, name) for r in records], _ARROW_TYPES[kind])
    return pa.table(data)


def _insert(con: duckdb.DuckDBPyConnection, table: str, document_id: str, record_type: type, rows: Sequence) -> None:
    if not rows:
        return
    arrow_rows = _arrow_table(document_id, record_type, rows)  # noqa: F841 (read by DuckDB by name)
    names = ", ".join(f'"{c}"' for c in arrow_rows.column_names)
    con.execute(f"insert into {table} ({names}) select {names} from arrow_rows")


def replace_document(
    con: duckdb.DuckDBPyConnection,
    document_id: str,
    records: Iterable,
    record_types: Sequence[type],
    schema: str = LANDING_SCHEMA,
) -> dict[str, int]:
    """Replace every row of ``document_id`` by ``records`` in one transaction; returns rows written per table."""
    by_type: dict[type, list] = {t: [] for t in record_types}
    for record in records:
        if type(record) not in by_type:
            raise TypeError(f"{type(record).__name__} is not a registered landing record type")
        by_type[type(record)].append(record)
    for record_type in record_types:
        ensure_table(con, record_type, schema)
    counts: dict[str, int] = {}
    con.execute("begin transaction")
    try:
        for record_type, rows in by_type.items():
            table = f"{schema}.{record_type.table}"
            con.execute(f"delete from {table} where document_id = ?", [document_id])
            _insert(con, table, document_id, record_type, rows)
            counts[record_type.table] = len(rows)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return counts


def replace_all(
    con: duckdb.DuckDBPyConnection,
    schema: str,
    record_type: type,
    records_by_document: dict[str, Sequence],
) -> int:
    """Replace a whole table (results recomputed for every document at once); returns rows written."""
    ensure_table(con, record_type, schema)
    table = f"{schema}.{record_type.table}"
    con.execute("begin transaction")
    try:
        con.execute(f"delete from {table}")
        written = 0
        for document_id, rows in records_by_document.items():
            _insert(con, table, document_id, record_type, rows)
            written += len(rows)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return written


WITHDRAWN_REASON = "file no longer in the landing folder (its rows are kept in schema raw)"


def mark_withdrawn(con: duckdb.DuckDBPyConnection, present_document_ids: set[str]) -> int:
    """Loaded documents whose file has left the landing folder stop feeding the marts (status 'withdrawn');
    their landing rows stay, so nothing is lost and a file put back loads again. Returns how many."""
    con.execute(f"create schema if not exists {LANDING_SCHEMA}")
    exists = con.execute("select count(*) from information_schema.tables where table_schema = ? and table_name = "
                         "'documents'", [LANDING_SCHEMA]).fetchone()[0]
    if not exists:
        return 0
    known = {d for (d,) in con.execute(f"select document_id from {LANDING_SCHEMA}.documents "
                                       "where status = 'loaded'").fetchall()}
    gone = sorted(known - present_document_ids)
    for document_id in gone:
        con.execute(f"update {LANDING_SCHEMA}.documents set status = 'withdrawn', quarantine_reason = ? "
                    "where document_id = ?", [WITHDRAWN_REASON, document_id])
    return len(gone)

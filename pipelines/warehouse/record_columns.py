"""How a record dataclass becomes columns: the DuckDB table of its type and the Arrow (Parquet) columns of its
records. Tables and Parquet columns are derived from the record dataclasses, so an extractor adds a column
by adding a field.

Part of the extractor version (landing_files.EXTRACTOR_SOURCES): the landing folders are written with these
types. The DuckDB writers of the build (landing.py) are not: changing them never re-reads a document.
"""
import dataclasses
import typing
from decimal import Decimal
from typing import Sequence

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


def arrow_table(records_by_document: dict[str, Sequence], record_type: type) -> pa.Table:
    records = [r for rows in records_by_document.values() for r in rows]
    data = {"document_id": pa.array([d for d, rows in records_by_document.items() for _ in rows], pa.string())}
    for name, kind in columns_of(record_type):
        data[name] = pa.array([getattr(r, name) for r in records], _ARROW_TYPES[kind])
    return pa.table(data)

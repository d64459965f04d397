"""What each document's rows hash to: the key under which work done for one document — its identity results,
its page of the findings report — is kept from one build to the next until those rows change.

A document's digest covers its rows in every table the work reads (a table with a ``document_id`` column),
every such table that has no ``document_id`` (a dimension, a seed: a change there changes every digest)
and a salt naming the code that does the work. The rows are hashed by DuckDB (``sum(hash(row))``: order
does not matter, a duplicated row does), so a document whose rows changed for any reason — re-extracted, a
model changed, another document's arrival changing a shared dimension — is done again, and only then.
"""
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

import duckdb

# Schema-qualified names in SQL text: the tables a rule query reads (the project never sets a search path).
_QUALIFIED_NAME = re.compile(r"\b(staging|intermediate|marts|raw|reference|audit)\.([a-z_][a-z0-9_]*)\b")
_ROW = "_digest_row"  # the table alias whose struct is hashed; no column of the warehouse is called so


def tables_named(sql_texts: Iterable[str]) -> set[str]:
    """``schema.table`` names in the given SQL texts."""
    return {f"{schema}.{table}" for text in sql_texts for schema, table in _QUALIFIED_NAME.findall(text)}


def table_columns(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """``schema.table`` → its columns, for every table and view."""
    columns: dict[str, set[str]] = defaultdict(set)
    for schema, table, column in con.execute(
            "select table_schema, table_name, column_name from information_schema.columns").fetchall():
        columns[f"{schema}.{table}"].add(column)
    return columns


def document_digests(con: duckdb.DuckDBPyConnection, tables: Iterable[str], salt: str,
                     documents: Iterable[str], columns: dict[str, set[str]] | None = None) -> dict[str, str]:
    """document_id → digest of its rows in ``tables``, of the tables without a document_id and of ``salt``.
    A table that does not exist counts as such (its creation changes every digest). ``columns``: the
    warehouse's table_columns, when the caller has read them already."""
    columns = table_columns(con) if columns is None else columns
    shared = hashlib.sha256(salt.encode() + b"\0")
    parts: dict[str, list[str]] = defaultdict(list)
    for table in sorted(set(tables)):
        if table not in columns:
            shared.update(f"{table} absent\0".encode())
        elif "document_id" in columns[table]:
            for document_id, total, count in con.execute(
                    f"select document_id, sum(hash({_ROW}))::varchar, count(*) from {table} {_ROW} group by 1").fetchall():
                parts[document_id].append(f"{table}:{total}:{count}")
        else:
            total, count = con.execute(f"select sum(hash({_ROW}))::varchar, count(*) from {table} {_ROW}").fetchone()
            shared.update(f"{table}:{total}:{count}\0".encode())
    common = shared.hexdigest()
    return {document_id: hashlib.sha256("\0".join([common, *sorted(parts.get(document_id, []))]).encode()).hexdigest()[:32]
            for document_id in documents}

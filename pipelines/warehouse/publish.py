"""Publish the working database as the file BI tools read, without ever blocking them.

DuckDB lets one process write a file, and an open read-only connection blocks a writer. So the
pipeline builds into a private working copy and publishes by writing a fresh file beside the
published one and renaming it over it (atomic on POSIX): readers keep their snapshot of the old
file, new connections see the new one. The published file is in an older storage format so BI drivers
that bundle an older DuckDB can open it, with the table and column comments (the dbt descriptions,
persist_docs) (tests/unit/test_publish.py).

The working copy is created in that format too (create_working_database), so publishing is a plain copy
of the checkpointed file: ~1 s instead of ~9 s for DuckDB to rewrite every table of a 200-report
warehouse. A working copy in another format (made before this) is published by DuckDB's
COPY FROM DATABASE once, then replaced by the result.
"""
import os
import shutil
from pathlib import Path

import duckdb

# Readable by DuckDB ≥ 1.4 (many BI drivers bundle an older DuckDB than the pipeline's).
PUBLISHED_STORAGE_VERSION = "v1.4.0"
# COPY FROM DATABASE streams table by table; unbounded, DuckDB caches ~650 MB more of a 200-report warehouse
# while copying (the run's peak); bounded, the copy takes ~1 s longer (measured, 201 reports).
PUBLISH_MEMORY_LIMIT = "256MB"


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def create_working_database(path: Path) -> None:
    """Create the empty working database in the published storage format (DuckDB keeps a file's format)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect() as con:
        con.execute(f"attach {sql_string(str(path))} as working (storage_version '{PUBLISHED_STORAGE_VERSION}')")


def storage_version(con: duckdb.DuckDBPyConnection) -> str:
    """The storage format of the connection's database, as DuckDB names it (e.g. 'v1.4.0+')."""
    return con.execute("select tags['storage_version'] from duckdb_databases() "
                       "where database_name = current_database()").fetchone()[0] or ""


def publish(build: Path, published: Path) -> dict[str, int]:
    """Make ``published`` an atomic replacement holding every schema of ``build``; the tables per schema."""
    published.parent.mkdir(parents=True, exist_ok=True)
    staging = published.with_name(published.name + ".publishing")
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)
    with duckdb.connect(str(build)) as con:
        con.execute("checkpoint")
        counts = dict(con.execute(
            "select table_schema, count(*) from information_schema.tables "
            "where table_catalog = current_database() group by table_schema").fetchall())
        as_is = storage_version(con).startswith(PUBLISHED_STORAGE_VERSION)
    # Closed after a checkpoint, the file is the whole database; a write-ahead log left beside it is not copied.
    if as_is and not build.with_name(build.name + ".wal").exists():
        shutil.copyfile(build, staging)
        os.replace(staging, published)
        return counts
    with duckdb.connect(str(build), config={"memory_limit": PUBLISH_MEMORY_LIMIT}) as con:
        _copy_database(con, staging)
    os.replace(staging, published)
    # From now on the working copy is in the published format, so the next publish copies the file.
    adopting = build.with_name(build.name + ".adopting")
    shutil.copyfile(published, adopting)
    os.replace(adopting, build)
    return counts


def _copy_database(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    source = con.execute("select current_database()").fetchone()[0]
    # The path and the database name (the file's stem) may hold any character, quotes included.
    con.execute(f"attach {sql_string(str(target))} as published (storage_version '{PUBLISHED_STORAGE_VERSION}')")
    con.execute(f"copy from database {sql_identifier(source)} to published")
    con.execute("detach published")

"""Each document's landing records as its own Parquet files: what extraction writes, with no shared writer.

    <landing>/<document_id>/manifest.json        what was extracted, by which extractor version, from which files
    <landing>/<document_id>/<table>.parquet      one file per landing table, written even when empty (typed)

A folder is written under a temporary name and renamed into place, the manifest last inside it: a folder
with a manifest is complete. Extraction workers (processes, Dask workers on other machines) write only
their own document's folder, so they never contend for the DuckDB file. The build step — the one writer —
loads the folders extracted since the last build into the landing tables of schema ``raw``
(``load_changed``): the published warehouse stays one self-contained file with ``raw.*`` as tables, which a
withdrawal or a restore can update, and BI tools keep reading.

The *extractor version* is a hash of the code and layout data extraction depends on (``EXTRACTOR_SOURCES``):
a document is extracted once per (content hash, extractor version) and read again only when it changes.
"""
import hashlib
import json
import os
import shutil
import socket
import uuid
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import duckdb
import pyarrow.parquet as pq

from pipelines import settings

from .record_columns import LANDING_SCHEMA, arrow_table, ensure_table

MANIFEST = "manifest.json"
LOADED_TABLE = "runs.landing_loaded"

# What an extracted record depends on: the readers (documents), the extractors and their layout profiles
# (YAML beside the code), number and code parsing, the functional classification, ingest_file itself, file
# names in printable form, and how records become Parquet columns (record_columns.py, this module). Not the dbt
# project, the identity rules or the Dagster wiring: those change the build, never what a document says, so
# changing them rebuilds the warehouse (pipeline_fingerprint) without re-reading a single document.
EXTRACTOR_SOURCES = ("pipelines/documents", "pipelines/extract", "pipelines/layouts", "pipelines/parsing",
                     "pipelines/classification", "pipelines/ingest.py", "pipelines/names.py",
                     "pipelines/warehouse/record_columns.py", "pipelines/warehouse/landing_files.py")
_SOURCE_SUFFIXES = {".py", ".yml", ".yaml", ".json", ".csv", ".txt"}


def source_digest(root: Path, entries: Sequence[str], suffixes: set[str] = _SOURCE_SUFFIXES) -> str:
    """A hash of every file under ``entries`` (paths relative to ``root``) with one of ``suffixes``."""
    digest = hashlib.sha256()
    for entry in entries:
        base = root / entry
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if path.suffix in suffixes and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=None)
def extractor_version(root: Path = settings.REPO_ROOT) -> str:
    """The extraction code's version (computed once per process: the code does not change under a run)."""
    return source_digest(root, EXTRACTOR_SOURCES)


def document_folder(landing_dir: Path, document_id: str) -> Path:
    return landing_dir / document_id


def read_manifest(landing_dir: Path, document_id: str) -> dict | None:
    """The manifest of a document's complete landing folder, or None (never extracted, or being replaced)."""
    try:
        return json.loads((document_folder(landing_dir, document_id) / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
        return None


def read_manifests(landing_dir: Path, document_ids: Iterable[str] | None = None) -> dict[str, dict]:
    """document_id → manifest, for the given documents (or every complete folder)."""
    if document_ids is None:
        document_ids = [p.name for p in landing_dir.iterdir() if not p.name.startswith(".")] \
            if landing_dir.is_dir() else []
    found = {}
    for document_id in document_ids:
        manifest = read_manifest(landing_dir, document_id)
        if manifest is not None:
            found[document_id] = manifest
    return found


def write_document(landing_dir: Path, document_id: str, records: Iterable, record_types: Sequence[type],
                   manifest: dict) -> dict[str, int]:
    """Write a document's records (one Parquet file per table, empty ones too) and its manifest into a
    temporary folder, then put it in place of the previous version; returns rows written per table.
    Raises (leaving the previous version untouched) when a value does not fit the landing types."""
    by_type: dict[type, list] = {t: [] for t in record_types}
    for record in records:
        if type(record) not in by_type:
            raise TypeError(f"{type(record).__name__} is not a registered landing record type")
        by_type[type(record)].append(record)
    landing_dir.mkdir(parents=True, exist_ok=True)
    temporary = landing_dir / f".tmp-{document_id}-{uuid.uuid4().hex[:8]}"
    temporary.mkdir()
    try:
        counts = {}
        for record_type, rows in by_type.items():
            pq.write_table(arrow_table({document_id: rows}, record_type), temporary / f"{record_type.table}.parquet")
            counts[record_type.table] = len(rows)
        full = {**manifest, "document_id": document_id, "rows": counts, "token": uuid.uuid4().hex,
                "written_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "written_by": f"{socket.gethostname()}:{os.getpid()}"}
        (temporary / MANIFEST).write_text(json.dumps(full, ensure_ascii=False, indent=1), encoding="utf-8")
        _put_in_place(temporary, document_folder(landing_dir, document_id))
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return counts


def _put_in_place(temporary: Path, final: Path) -> None:
    """Rename the new folder into place. A folder cannot be renamed over a non-empty one: the old version is
    moved aside first and removed after, so at every moment the folder is absent (not loaded yet: the build
    keeps the rows it has) or one complete version — never a mix of two."""
    if final.exists():
        aside = final.with_name(f".old-{final.name}-{uuid.uuid4().hex[:8]}")
        os.rename(final, aside)
        os.rename(temporary, final)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.rename(temporary, final)


# --- the build step (one writer): landing folders → tables of schema raw --------------------------------------


def _ensure_loaded_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists runs")
    con.execute(f"create table if not exists {LOADED_TABLE} (document_id varchar primary key, token varchar, "
                "extractor_version varchar, loaded_at varchar)")


def loaded_tokens(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    _ensure_loaded_table(con)
    return dict(con.execute(f"select document_id, token from {LOADED_TABLE}").fetchall())


def load_documents(con: duckdb.DuckDBPyConnection, landing_dir: Path, manifests: dict[str, dict],
                   record_types: Sequence[type]) -> int:
    """Replace the rows of these documents in schema raw by their landing files, in one transaction."""
    if not manifests:
        return 0
    _ensure_loaded_table(con)
    for record_type in record_types:
        ensure_table(con, record_type)
    ids = sorted(manifests)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    con.execute("begin transaction")
    try:
        for record_type in record_types:
            table = f"{LANDING_SCHEMA}.{record_type.table}"
            con.execute(f"delete from {table} where document_id in (select unnest(?))", [ids])
            files = [str(document_folder(landing_dir, d) / f"{record_type.table}.parquet") for d in ids]
            # by name: a column the Parquet lacks stays NULL; union_by_name: files of two versions may differ
            con.execute(f"insert into {table} by name select * from read_parquet(?, union_by_name = true)", [files])
        con.execute(f"delete from {LOADED_TABLE} where document_id in (select unnest(?))", [ids])
        con.executemany(f"insert into {LOADED_TABLE} values (?, ?, ?, ?)",
                        [[d, manifests[d]["token"], manifests[d].get("extractor_version"), now] for d in ids])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return len(ids)


def changed_since_load(con: duckdb.DuckDBPyConnection, manifests: dict[str, dict]) -> dict[str, dict]:
    """The landing folders written since the build last loaded them (or never loaded)."""
    tokens = loaded_tokens(con)
    return {d: m for d, m in manifests.items() if tokens.get(d) != m.get("token")}

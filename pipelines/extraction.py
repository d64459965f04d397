"""Which documents a run extracts, and extracting them in parallel into their landing folders.

A document is extracted once per (content hash, extractor version): ``plan`` compares what is in raw/ with
the landing manifests and says, per document, *new*, *re-extracted* (with why) or *unchanged*. The documents
to extract are handed to worker processes (``extract_all``): each reads its file, checks the bytes are the
ones hashed, extracts and writes its own landing folder (pipelines/warehouse/landing_files.py) and returns a
short outcome — records never travel back to the parent, so memory stays that of one document per worker.

Where the workers run: inside a Dask worker (the dagster-dask executor) the documents fan out over the same
Dask cluster; otherwise over a local process pool of ``settings.extraction_workers()`` processes (one
document or one worker: in this process). Progress is one log record per document on the logger
``juesuan.progress`` (extra: done, total, document).
"""
import concurrent.futures
import logging
import multiprocessing
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from pipelines.discovery import FileChanged, RawEntry, read_file

NEW = "new"
UNCHANGED = "unchanged"
RE_EXTRACTED = "re-extracted"
# Outcomes of a document that was to be extracted and was not: left for the next run, loaded rows kept.
MISSING = "missing"
CHANGED = "changed"

progress_log = logging.getLogger("juesuan.progress")


@dataclass(frozen=True)
class Decision:
    document_id: str
    action: str  # NEW / RE_EXTRACTED / UNCHANGED / MISSING
    reason: str | None = None


@dataclass(frozen=True)
class Task:
    """One document to extract: picklable, for a worker process or a Dask worker on another machine."""

    document_id: str
    paths: tuple[str, ...]  # every file name holding the bytes
    target: str  # the regular file read (a link's target)
    landing_dir: str
    extractor_version: str
    action: str
    reason: str | None


@dataclass(frozen=True)
class Outcome:
    document_id: str
    names: str
    action: str  # NEW / RE_EXTRACTED, or CHANGED when the bytes were not the ones hashed
    status: str | None = None  # loaded / quarantined
    reason: str | None = None  # why quarantined, or why not extracted
    rows: dict[str, int] = field(default_factory=dict)
    worker: str | None = None  # host:pid that extracted it
    department_name: str | None = None
    fiscal_year: int | None = None


def _names(entries: list[RawEntry]) -> list[str]:
    return sorted(e.name for e in entries)


def plan(keys: list[str], entries_by_id: dict[str, list[RawEntry]], manifests: dict[str, dict],
         version: str) -> list[Decision]:
    """Per document key: extract it (new, or again with the reason) or not (unchanged, or its file is gone)."""
    decisions = []
    for key in keys:
        entries, manifest = entries_by_id.get(key), manifests.get(key)
        if not entries:
            decisions.append(Decision(key, MISSING, "no longer in the landing folder with these bytes"))
        elif manifest is None:
            decisions.append(Decision(key, NEW))
        elif manifest.get("extractor_version") != version:
            decisions.append(Decision(key, RE_EXTRACTED, f"extractor version changed "
                                                         f"({manifest.get('extractor_version')} → {version})"))
        elif manifest.get("source_files") != _names(entries):
            decisions.append(Decision(key, RE_EXTRACTED, "file names changed: " + "; ".join(_names(entries))))
        else:
            decisions.append(Decision(key, UNCHANGED))
    return decisions


def tasks_for(decisions: list[Decision], entries_by_id: dict[str, list[RawEntry]], landing_dir: Path,
              version: str) -> list[Task]:
    return [Task(d.document_id, tuple(str(e.path) for e in entries_by_id[d.document_id]),
                 str(entries_by_id[d.document_id][0].target), str(landing_dir), version, d.action, d.reason)
            for d in decisions if d.action in (NEW, RE_EXTRACTED)]


def extract_one(task: Task) -> Outcome:
    """Read, extract and land one document (runs in a worker). The bytes read must hash to the document's
    id: a file rewritten since it was hashed is left for the next run, never read half-old."""
    import os
    import socket

    from pipelines.documents.identify import document_id
    from pipelines.ingest import RECORD_TYPES, DocumentRecord, ingest_file, quarantine_after_failure
    from pipelines.names import printable_name
    from pipelines.warehouse.landing_files import write_document

    paths = [Path(p) for p in task.paths]
    names = sorted(printable_name(p.name) for p in paths)
    shown = ", ".join(names)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        data, _ = read_file(Path(task.target))
    except (FileChanged, OSError) as exc:
        return Outcome(task.document_id, shown, CHANGED, reason=f"{exc}; left for the next run", worker=worker)
    if document_id(data) != task.document_id:
        return Outcome(task.document_id, shown, CHANGED, worker=worker, reason=(
            "changed since this run listed the folder: its new version is extracted by the next run; "
            "the version already loaded stays current"))
    result = ingest_file(paths, data)
    manifest = {"extractor_version": task.extractor_version, "source_files": names, "action": task.action,
                "action_reason": task.reason}
    document = next(r for r in result.records if isinstance(r, DocumentRecord))

    def described(res):
        return {**manifest, "status": res.status, "reason": res.reason,
                "department_name": document.department_name, "fiscal_year": document.fiscal_year}

    landing = Path(task.landing_dir)
    try:
        rows = write_document(landing, task.document_id, result.records, RECORD_TYPES, described(result))
    except Exception as exc:  # e.g. a value the landing types cannot hold: this document only
        result = quarantine_after_failure(result, exc)
        rows = write_document(landing, task.document_id, result.records, RECORD_TYPES, described(result))
    return Outcome(task.document_id, shown, task.action, result.status, result.reason, rows, worker,
                   document.department_name, document.fiscal_year)


def _in_dask_worker() -> bool:
    try:
        from distributed import get_worker
    except ImportError:
        return False
    try:
        get_worker()
        return True
    except ValueError:
        return False


@contextmanager
def _completed_in_dask(tasks: list[Task]) -> Iterator[Iterator[Outcome]]:
    """Fan the documents out over the Dask cluster this step runs on. worker_client() lets this task
    wait without holding its worker's thread, so that worker extracts documents too."""
    from distributed import as_completed, worker_client

    with worker_client() as client:
        futures = [client.submit(extract_one, t, key=f"extract-{t.document_id}-{t.extractor_version}", pure=False)
                   for t in tasks]
        yield (future.result() for future in as_completed(futures))


@contextmanager
def _completed_in_pool(tasks: list[Task], workers: int) -> Iterator[Iterator[Outcome]]:
    # forkserver, not fork: the parent (Dagster) runs threads, and a forked child could inherit a held lock.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["pipelines.ingest"])  # each worker imports the extractors once
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(extract_one, t) for t in tasks]
        try:
            yield (f.result() for f in concurrent.futures.as_completed(futures))
        except BaseException:
            for f in futures:
                f.cancel()
            raise


@contextmanager
def _completed_here(tasks: list[Task]) -> Iterator[Iterator[Outcome]]:
    yield (extract_one(t) for t in tasks)


def extract_all(tasks: list[Task], workers: int, on_done: Callable[[Outcome, int, int], None] | None = None
                ) -> list[Outcome]:
    """Extract every task, in parallel where there is more than one; outcomes in the order they finish."""
    if _in_dask_worker() and tasks:
        runner = _completed_in_dask(tasks)
    elif workers > 1 and len(tasks) > 1:
        runner = _completed_in_pool(tasks, min(workers, len(tasks)))
    else:
        runner = _completed_here(tasks)
    outcomes = []
    with runner as completed:
        for done, outcome in enumerate(completed, start=1):
            outcomes.append(outcome)
            progress_log.info("%s: %s", outcome.names, outcome.status or outcome.action,
                              extra={"done": done, "total": len(tasks), "document": outcome.names})
            if on_done:
                on_done(outcome, done, len(tasks))
    return outcomes

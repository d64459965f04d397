"""One raw file in, landing records out: identify, read, classify, extract — or quarantine with a reason.

Pure with respect to orchestration: Dagster calls ``ingest_file`` per document; tests call it directly.
"""
import dataclasses
import traceback
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

from pipelines.documents import classify
from pipelines.documents.identify import document_id, sniff_format
from pipelines.documents.model import Document, Paragraph
from pipelines.documents.readers import read_document
from pipelines.documents.repetition import read_once
from pipelines.extract.context import ExtractionContext
from pipelines.extract.detect import detect_layout
from pipelines.names import printable_name
from pipelines.extract.records import ExtractionIssue, Figure
from pipelines.extract.registry import EXTRACTORS, FACT_RECORD_TYPES
from pipelines.extract.statements import StatementCell

LOADED = "loaded"
QUARANTINED = "quarantined"


@dataclass(frozen=True)
class DocumentRecord:
    """One row per ingested document (a file's bytes), loaded or quarantined."""

    table: ClassVar[str] = "documents"

    source_file: str
    file_format: str | None
    doc_kind: str
    department_name: str | None
    fiscal_year: int | None
    region: str | None
    admin_level: str | None
    status: str
    quarantine_reason: str | None
    byte_size: int
    ingested_at: str
    layout_profile: str | None = None  # the layout profile the document was read with
    layout_detection: str | None = None  # why that profile (its markers that held)


@dataclass(frozen=True)
class SourceFile:
    """Every file name under which a document was found (one document may arrive twice)."""

    table: ClassVar[str] = "document_files"

    source_file: str


@dataclass(frozen=True)
class SourceText:
    """Every paragraph and table cell of a loaded document, so any figure can be traced to its text."""

    table: ClassVar[str] = "source_text"

    block_seq: int
    row_seq: int | None
    col_seq: int | None
    kind: str  # paragraph / cell
    source_location: str
    text: str


RECORD_TYPES: list[type] = [DocumentRecord, SourceFile, SourceText, *FACT_RECORD_TYPES]


@dataclass
class IngestResult:
    document_id: str
    status: str
    reason: str | None
    records: list


def _source_text(document: Document) -> list[SourceText]:
    rows: list[SourceText] = []
    for block_seq, block in enumerate(document.blocks, start=1):
        if isinstance(block, Paragraph):
            rows.append(SourceText(block_seq, None, None, "paragraph", block.location, block.text))
            continue
        for row_seq, row in enumerate(block.rows, start=1):
            for col_seq, cell in enumerate(row.cells, start=1):
                rows.append(SourceText(block_seq, row_seq, col_seq, "cell", cell.location, cell.text))
    return rows


def _stamped(record, extractor: str, profile: str):
    """Provenance on every record: which extractor and which layout profile produced it."""
    changes = {}
    if getattr(record, "layout_profile", "") is None:
        changes["layout_profile"] = profile
    if hasattr(record, "extractor") and record.extractor is None:
        changes["extractor"] = extractor
    return dataclasses.replace(record, **changes) if changes else record


def run_extractors(context: ExtractionContext) -> list:
    """The extractors the document's layout profile lists; one that crashes becomes a recorded error, the
    others still run."""
    records: list = []
    for name in context.profile.extractors:
        try:
            found = EXTRACTORS[name](context)
        except Exception as exc:  # an extractor bug must not lose the other extractors' facts
            found = [ExtractionIssue(
                name, "error", f"extractor crashed: {exc!r}\n{traceback.format_exc(limit=3)}", None, None)]
        records.extend(_stamped(r, name, context.profile.id) for r in found)
    return records


def extraction_context(document: Document, prof: classify.DocumentProfile) -> ExtractionContext:
    detection = detect_layout(document)
    return ExtractionContext(document, detection.profile, prof.fiscal_year, prof.department_name,
                             detection.reason)


def ingest_file(paths: list[Path], data: bytes | None = None) -> IngestResult:
    """Ingest one document found under one or more file names (same bytes).

    ``data`` are the bytes the caller read and hashed: the document is extracted from exactly those, so a
    file rewritten meanwhile cannot mix two versions. Without them the first file is read here."""
    names = sorted(printable_name(p.name) for p in paths)  # any file name, non-UTF-8 bytes included
    if data is None:
        data = sorted(paths, key=lambda p: printable_name(p.name))[0].read_bytes()
    doc_id = document_id(data)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    files = [SourceFile(name) for name in names]

    def quarantine(reason: str, file_format=None, kind=classify.UNKNOWN, prof=None) -> IngestResult:
        record = DocumentRecord(
            names[0], file_format, kind,
            prof.department_name if prof else None, prof.fiscal_year if prof else None,
            prof.region if prof else None, prof.admin_level if prof else None,
            QUARANTINED, reason, len(data), now)
        return IngestResult(doc_id, QUARANTINED, reason, [record, *files])

    sniffed = sniff_format(data, names[0])
    if sniffed.problem:
        return quarantine(sniffed.problem)
    try:
        printed = read_document(doc_id, names[0], sniffed.file_format, data)
    except Exception as exc:  # a reader failure is a property of the file, reported as such
        return quarantine(f"unreadable {sniffed.file_format}: {exc}", sniffed.file_format)
    # A report printed twice in one file is read once; its source text keeps every copy.
    document, repeats = read_once(printed)
    try:
        prof = classify.profile(document)
    except Exception as exc:  # a classifier bug on one document must not stop the others
        return quarantine(f"could not classify the document: {exc!r}", sniffed.file_format)
    if prof.problem:
        return quarantine(prof.problem, sniffed.file_format, prof.doc_kind, prof)
    context = extraction_context(document, prof)
    facts = run_extractors(context)
    if not any(isinstance(r, (Figure, StatementCell)) for r in facts):
        return quarantine(f"unknown layout: final-accounts headings found but no statement recognised "
                          f"(read as {context.detection})", sniffed.file_format, prof.doc_kind, prof)
    findings = [ExtractionIssue("repetition", "warning", note, location, None, layout_profile=context.profile.id)
                for location, note in repeats]
    record = DocumentRecord(
        names[0], sniffed.file_format, prof.doc_kind, prof.department_name, prof.fiscal_year,
        prof.region, prof.admin_level, LOADED, None, len(data), now,
        layout_profile=context.profile.id, layout_detection=context.detection)
    return IngestResult(doc_id, LOADED, None, [record, *files, *_source_text(printed), *findings, *facts])


def quarantine_after_failure(result: IngestResult, error: Exception) -> IngestResult:
    """The records of a document could not be written: keep only its document row, quarantined."""
    document = next(r for r in result.records if isinstance(r, DocumentRecord))
    reason = f"could not be loaded: {error!r}"[:1000]
    files = [r for r in result.records if isinstance(r, SourceFile)]
    record = DocumentRecord(**{**document.__dict__, "status": QUARANTINED, "quarantine_reason": reason})
    return IngestResult(result.document_id, QUARANTINED, reason, [record, *files])

"""What a person reads at the end of a run (and with `juesuan status` / `juesuan findings`): the documents and
what happened to them, how many facts are in the warehouse, the findings by severity with the worst few, where
the warehouse is and one query to start from.

Everything is read from the published warehouse (read-only), so the summary shows what BI users see. The
run's own counts (documents new / unchanged in this run) come from the caller.
"""
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from pipelines.reports.numbers import Measure, format_amount, is_money_unit

SEVERITIES = ("error", "warning", "info")
# Worst first: the severity, then the difference relative to the numbers compared (0 against 2,995.39 before
# 4,335 against 4,989).
_WORST_VIOLATIONS = """
    select d.source_file, c.rule_id, c.subject, c.lhs, c.rhs, c.difference, c.tolerance, c.unit, c.severity,
           c.source_location, c.related_location
    from marts.fct_identity_check as c join marts.dim_document as d using (document_id)
    where c.status = 'violation' {document_filter}
    order by case c.severity when 'error' then 0 when 'warning' then 1 else 2 end,
             abs(c.difference) / greatest(abs(c.lhs), abs(c.rhs), c.tolerance, 0.01) desc nulls last,
             d.source_file, c.rule_id, c.subject
    limit ?"""
START_QUERY = ("select d.source_file, c.rule_id, c.subject, c.lhs, c.rhs, c.difference, c.source_location\n"
               "  from marts.fct_identity_check c join marts.dim_document d using (document_id)\n"
               "  where c.status = 'violation' order by c.severity, d.source_file;")


@dataclass(frozen=True)
class Violation:
    source_file: str
    rule_id: str
    subject: str | None
    lhs: Decimal | None
    rhs: Decimal | None
    difference: Decimal | None
    tolerance: Decimal | None
    unit: str | None
    severity: str
    source_location: str | None
    related_location: str | None


@dataclass
class WarehouseSummary:
    path: Path
    documents_by_status: dict[str, int] = field(default_factory=dict)
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    withdrawn: list[str] = field(default_factory=list)
    statement_cells: int = 0
    text_figures: int = 0
    unparsed_figures: int = 0
    violations_by_severity: dict[str, int] = field(default_factory=dict)
    issues_by_severity: dict[str, int] = field(default_factory=dict)
    worst: list[Violation] = field(default_factory=list)
    reading_errors: list[tuple[str, str, str, str | None]] = field(default_factory=list)  # file, extractor, message, location


def collect(con: duckdb.DuckDBPyConnection, path: Path, worst: int = 5, document: str | None = None) -> WarehouseSummary:
    """The summary of a published warehouse; ``document`` (id prefix or file name) narrows it to one."""
    doc_filter, params = _document_filter(document)
    summary = WarehouseSummary(path)
    summary.documents_by_status = dict(con.execute(
        f"select status, count(*) from marts.dim_document d where true {doc_filter} group by 1", params).fetchall())
    summary.quarantined = con.execute(
        f"select source_file, quarantine_reason from marts.dim_document d where status = 'quarantined' {doc_filter} "
        "order by source_file", params).fetchall()
    summary.withdrawn = [name for (name,) in con.execute(
        f"select source_file from marts.dim_document d where status = 'withdrawn' {doc_filter} order by 1",
        params).fetchall()]
    summary.statement_cells = _count(con, "marts.fct_statement_cell", doc_filter, params)
    summary.text_figures = _count(con, "marts.fct_figure", doc_filter + " and f.statement = 'text'", params)
    summary.unparsed_figures = _count(con, "marts.fct_figure", doc_filter + " and f.parse_error is not null", params)
    summary.violations_by_severity = dict(con.execute(
        f"select severity, count(*) from marts.fct_identity_check f join marts.dim_document d using (document_id) "
        f"where f.status = 'violation' {doc_filter} group by 1", params).fetchall())
    summary.issues_by_severity = dict(con.execute(
        f"select severity, count(*) from marts.fct_extraction_issue f join marts.dim_document d using (document_id) "
        f"where true {doc_filter} group by 1", params).fetchall())
    summary.reading_errors = con.execute(
        f"select d.source_file, f.extractor, f.message, f.source_location from marts.fct_extraction_issue f "
        f"join marts.dim_document d using (document_id) where f.severity = 'error' {doc_filter} "
        f"order by d.source_file, f.source_location nulls first limit ?", [*params, worst]).fetchall()
    summary.worst = [Violation(*row) for row in con.execute(
        _WORST_VIOLATIONS.format(document_filter=doc_filter), [*params, worst]).fetchall()]
    return summary


def _document_filter(document: str | None) -> tuple[str, list]:
    if not document:
        return "", []
    return (" and (d.document_id like ? || '%' or list_contains(string_split(d.source_files, '; '), ?))",
            [document, document])


def _count(con, table: str, doc_filter: str, params: list) -> int:
    return con.execute(f"select count(*) from {table} f join marts.dim_document d using (document_id) "
                       f"where d.status = 'loaded' {doc_filter}", params).fetchone()[0]


def _counts(by_severity: dict[str, int]) -> str:
    return ", ".join(f"{by_severity.get(s, 0)} {s}" for s in SEVERITIES)


def in_printed_unit(value: Decimal | None, unit: str | None) -> str:
    """In the unit the report printed (money is stored in yuan): '2,995.39 万元', '71.73%', '5 辆'."""
    measure = Measure(unit, 2) if is_money_unit(unit) else Measure(unit or "", 0)
    return format_amount(value, measure)


def render(summary: WarehouseSummary, run_counts: dict[str, int] | None = None,
           findings_report: Path | None = None) -> str:
    """The summary as lines for a terminal (plain text, Chinese names as printed)."""
    lines: list[str] = []
    if run_counts:
        lines.append("this run: " + ", ".join(f"{n} {what}" for what, n in run_counts.items()))
    status = summary.documents_by_status
    lines.append(f"documents: {status.get('loaded', 0)} loaded, {status.get('quarantined', 0)} quarantined, "
                 f"{status.get('withdrawn', 0)} withdrawn")
    for name, reason in summary.quarantined:
        lines.append(f"  quarantined {name}: {reason}")
    for name in summary.withdrawn:
        lines.append(f"  withdrawn {name} (its file left the folder)")
    lines.append(f"facts: {summary.statement_cells:,} statement cells, {summary.text_figures:,} figures of the text"
                 + (f" ({summary.unparsed_figures} could not be parsed, kept with the reason)"
                    if summary.unparsed_figures else ""))
    lines.append(f"findings: {sum(summary.violations_by_severity.values())} checks violated "
                 f"({_counts(summary.violations_by_severity)}); "
                 f"{sum(summary.issues_by_severity.values())} extraction issues ({_counts(summary.issues_by_severity)})")
    if summary.reading_errors:
        lines.append("errors found while reading:")
    for name, extractor, message, location in summary.reading_errors:
        lines.append(f"  [error] {name} · {extractor}: {message}" + (f" at {location}" if location else ""))
    if summary.worst:
        lines.append("worst findings:")
    for v in summary.worst:
        where = v.source_location or "?"
        if v.related_location:
            where += f" / {v.related_location}"
        lines.append(f"  [{v.severity}] {v.source_file} · {v.rule_id} · {v.subject or ''}: "
                     f"{in_printed_unit(v.lhs, v.unit)} vs {in_printed_unit(v.rhs, v.unit)} (difference {in_printed_unit(v.difference, v.unit)}, "
                     f"tolerance {in_printed_unit(v.tolerance, v.unit)}) at {where}")
    lines.append(f"warehouse: {summary.path} (open it read-only from any DuckDB client)")
    if findings_report is not None:
        lines.append(f"findings report: {findings_report}")
    lines.append("start with:\n  " + START_QUERY)
    return "\n".join(lines)


def read(path: Path, worst: int = 5, document: str | None = None) -> WarehouseSummary:
    with duckdb.connect(str(path), read_only=True) as con:
        return collect(con, path, worst, document)


# What the check shows in the Dagster UI: the violations per document as a table a person reads (numbers in
# the unit the report printed), not the expectation settings.
VIOLATIONS_BY_DOCUMENT = """
    select d.source_file, c.severity, c.rule_id, c.subject, c.lhs, c.rhs, c.difference, c.unit, c.source_location
    from marts.fct_identity_check c join marts.dim_document d using (document_id)
    where c.status = 'violation'
    order by d.source_file, case c.severity when 'error' then 0 when 'warning' then 1 else 2 end, c.rule_id, c.subject"""
_SHOWN_PER_DOCUMENT = 100


def violations_markdown(rows: list[tuple]) -> str:
    """One section per document, one table row per violation (at most 100 per document, the rest counted)."""
    if not rows:
        return "No violation."
    by_document: dict[str, list[tuple]] = {}
    for row in rows:
        by_document.setdefault(row[0], []).append(row[1:])
    out: list[str] = []
    for document, violations in by_document.items():
        out += [f"### {document} — {len(violations)} violation(s)", "",
                "| severity | rule | subject | lhs | rhs | difference | location |", "|---|---|---|---|---|---|---|"]
        for severity, rule, subject, lhs, rhs, difference, unit, location in violations[:_SHOWN_PER_DOCUMENT]:
            cells = [severity, rule, subject, *(in_printed_unit(v, unit) for v in (lhs, rhs, difference)), location]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        if len(violations) > _SHOWN_PER_DOCUMENT:
            out.append(f"\n… and {len(violations) - _SHOWN_PER_DOCUMENT} more (marts.fct_identity_check)")
        out.append("")
    return "\n".join(out)


def _cell(value) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")

"""What the findings report reads from a built warehouse (marts, and the landing table of source texts).

Every query names its columns; a table or column the warehouse lacks (an empty warehouse, a warehouse of
an older build) reads as no rows / NULL, so the report can always be written."""
from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import Decimal

import duckdb

from pipelines.identities.engine import IdentityResult
from pipelines.warehouse.digests import table_columns

from .catalogue import rule_order
from .numbers import UNKNOWN, Measure, is_money_unit

SEVERITIES = ("error", "warning", "info")


class Warehouse:
    """A read-only connection that knows which tables and columns exist."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.columns: dict[str, set[str]] = table_columns(con)

    def has(self, table: str, *columns: str) -> bool:
        return table in self.columns and all(c in self.columns[table] for c in columns)

    def rows(self, table: str, columns: list[str], where: str = "", params: list | None = None,
             order: str = "") -> list[dict]:
        """``select columns from table [where] [order by]`` as dicts; a missing column is NULL, a missing
        table no rows. ``where`` and ``order`` may only name columns that exist (callers check with has)."""
        if table not in self.columns:
            return []
        present = self.columns[table]
        select = ", ".join(f'"{c}"' if c in present else f'null as "{c}"' for c in columns)
        sql = f"select {select} from {table}"
        if where:
            sql += f" where {where}"
        if order:
            sql += f" order by {order}"
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values)) for values in cursor.fetchall()]


@dataclass(frozen=True)
class DocumentRow:
    document_id: str
    source_files: list[str]
    department: str | None
    fiscal_year: int | None
    file_format: str | None
    doc_kind: str | None
    status: str
    quarantine_reason: str | None
    layout_profile: str | None


@dataclass
class Counts:
    """Findings of one document by severity, and how many identities were evaluated."""

    violations: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    insufficient: int = 0
    issues: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    evaluated: int = 0
    exact: int = 0
    within_rounding: int = 0


_DOCUMENT_COLUMNS = ["document_id", "source_file", "source_files", "file_format", "doc_kind", "department_name",
                     "fiscal_year", "status", "quarantine_reason", "layout_profile", "ingested_at"]
_STATUS_ORDER = {"loaded": 0, "quarantined": 1, "withdrawn": 2}


def _source_files(row: dict) -> list[str]:
    names = [n.strip() for n in (row["source_files"] or "").split(";") if n.strip()]
    return names or [row["source_file"] or row["document_id"]]


def documents(wh: Warehouse) -> list[DocumentRow]:
    rows = wh.rows("marts.dim_document", _DOCUMENT_COLUMNS)
    found = [DocumentRow(
        document_id=r["document_id"], source_files=_source_files(r), department=r["department_name"],
        fiscal_year=r["fiscal_year"], file_format=r["file_format"], doc_kind=r["doc_kind"],
        status=r["status"] or "unknown", quarantine_reason=r["quarantine_reason"], layout_profile=r["layout_profile"],
    ) for r in rows]
    return sorted(found, key=lambda d: (_STATUS_ORDER.get(d.status, 3), d.department or "\uffff",
                                        d.fiscal_year or 0, d.source_files[0], d.document_id))


def data_as_of(wh: Warehouse):
    """The latest ingestion time (not the time the report was written: re-running gives the same pages)."""
    if not wh.has("marts.dim_document", "ingested_at"):
        return None
    return wh.con.execute("select max(ingested_at) from marts.dim_document").fetchone()[0]


def counts(wh: Warehouse) -> dict[str, Counts]:
    """document_id → its findings by severity."""
    by_document: dict[str, Counts] = defaultdict(Counts)
    if wh.has("marts.fct_identity_check", "document_id", "status", "severity"):
        for document_id, status, severity, n in wh.con.execute(
                "select document_id, status, severity, count(*) from marts.fct_identity_check group by all").fetchall():
            c = by_document[document_id]
            c.evaluated += n
            if status == "violation":
                c.violations[severity] = c.violations.get(severity, 0) + n
            elif status == "insufficient_data":
                c.insufficient += n
            elif status == "exact":
                c.exact += n
            elif status == "within_rounding":
                c.within_rounding += n
    if wh.has("marts.fct_extraction_issue", "document_id", "severity"):
        for document_id, severity, n in wh.con.execute(
                "select document_id, severity, count(*) from marts.fct_extraction_issue group by all").fetchall():
            issues = by_document[document_id].issues
            issues[severity] = issues.get(severity, 0) + n
    return dict(by_document)


# ---- one document -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """A printed number at a location, as a mart holds it (to name a finding's unit and mark its text)."""

    kind: str  # money (value in yuan), percent, printed (a count or score as printed, with its unit)
    value: Decimal
    unit: str | None
    decimals: int | None
    raw_text: str | None


@dataclass(frozen=True)
class Finding:
    """A row of fct_identity_check (the engine's result) with what a reader needs beside it."""

    check: IdentityResult
    source_text: str | None
    related_text: str | None
    measure: Measure
    lhs_decimals: int  # digits after the point each side was printed with (the measure's, if not matched)
    rhs_decimals: int
    marks: tuple[str, ...]  # printed texts of the figures the numbers were matched with (marked in the texts)


@dataclass(frozen=True)
class Issue:
    extractor: str | None
    severity: str
    message: str | None
    source_location: str | None
    source_text: str | None


@dataclass(frozen=True)
class StatementRow:
    seq: int | None
    statement: str | None
    title: str | None
    occurrence: int | None
    printed_unit: str | None
    is_empty: bool | None
    note: str | None
    data_rows: int | None
    printed_cells: int | None
    value_cells: int | None
    source_location: str | None


@dataclass(frozen=True)
class Unparsed:
    where: str  # what the figure was (family / subject, or statement / row / column)
    raw_text: str | None
    parse_error: str | None
    source_location: str | None
    source_text: str | None


@dataclass
class DocumentFindings:
    violations: list[Finding]
    insufficient: list[Finding]
    issues: list[Issue]
    statements: list[StatementRow]
    missing_statements: list[Issue]
    unparsed: list[Unparsed]


def location_texts(wh: Warehouse, document_id: str) -> dict[str, str]:
    """location → the text printed there: a paragraph, or the whole table row of a cell (its cells joined
    by ' | ', the way the extraction issues quote rows) — a number alone says little."""
    if not wh.has("raw.source_text", "document_id", "source_location", "text"):
        return {}
    rows = wh.rows("raw.source_text", ["block_seq", "row_seq", "col_seq", "kind", "source_location", "text"],
                   "document_id = ?", [document_id])
    table_rows: dict[tuple, list[tuple]] = defaultdict(list)
    for r in rows:
        if r["kind"] == "cell" and r["row_seq"] is not None:
            table_rows[(r["block_seq"], r["row_seq"])].append((r["col_seq"] or 0, r["text"] or ""))
    texts: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["kind"] == "cell" and r["row_seq"] is not None:
            text = " | ".join(t for _, t in sorted(table_rows[(r["block_seq"], r["row_seq"])]))
        else:
            text = r["text"] or ""
        if text not in texts[r["source_location"]]:
            texts[r["source_location"]].append(text)
    return {location: "\n".join(found) for location, found in texts.items()}


def _figure_columns(wh: Warehouse, table: str) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, value column, unit column, decimals column) of a mart, by the warehouse's naming conventions:
    ``*_yuan`` is money in the row's ``printed_unit``; ``pct`` / ``*_pct`` a percentage with its
    ``*_printed_decimals``; ``printed_value`` a number as printed with its ``printed_unit``."""
    columns = wh.columns[table]
    decimals = "printed_decimals" if "printed_decimals" in columns else None
    found = []
    for column in sorted(columns):
        if column.endswith("_yuan") and "printed_unit" in columns:
            found.append(("money", column, "printed_unit", decimals))
        elif column == "pct" or column.endswith("_pct"):
            own = column.removesuffix("_pct") + "_printed_decimals"
            found.append(("percent", column, None, own if own in columns else decimals))
        elif column == "printed_value" and "printed_unit" in columns:
            found.append(("printed", column, "printed_unit", decimals))
    return found


def figures_by_location(wh: Warehouse, document_id: str) -> dict[str, list[Figure]]:
    """Every printed number of the document by location, from every mart that keeps one with its unit."""
    found: dict[str, list[Figure]] = defaultdict(list)
    marts = sorted(t for t in wh.columns if t.startswith("marts.") and wh.has(t, "document_id", "source_location"))
    for table in marts:
        raw = "raw_text" if wh.has(table, "raw_text") else None
        for kind, value, unit, decimals in _figure_columns(wh, table):
            select = ", ".join(f'"{c}"' if c else "null" for c in ("source_location", value, unit, decimals, raw))
            for location, v, u, d, text in wh.con.execute(
                    f'select {select} from {table} where document_id = ? and "{value}" is not null '
                    "and source_location is not null", [document_id]).fetchall():
                found[location].append(Figure(kind, v, u, d, text))
    return dict(found)


def _same(a: Decimal | None, b: Decimal | None) -> bool:
    # a zero matches too much (a blank count, an amount printed as 0) to tell what a number is
    return a is not None and b is not None and a != 0 and a == b


def measure_of(values: list[Decimal | None], locations: list[str | None],
               figures: dict[str, list[Figure]]) -> tuple[Measure, dict[Decimal, int], tuple[str, ...]]:
    """What a finding's numbers are — money in 万元/元, a percentage, a count of 辆 … — found by matching one
    of them (the printed side first) with a figure printed at one of the finding's locations. A finding
    keeps no unit of its own; unmatched numbers are shown as stored, without a unit.

    Returns the measure (its decimals: the most any matched figure was printed with), the decimals each
    matched value was printed with (2,300 and 2,514.2 in one finding keep their own), and the printed
    texts of the matched figures."""
    marks: list[str] = []
    measure = UNKNOWN
    printed: dict[Decimal, int] = {}
    for value in values:
        for location in locations:
            for f in figures.get(location or "", []):
                if not _same(f.value, value):
                    continue
                if f.kind == "money" and is_money_unit(f.unit):
                    candidate = Measure(f.unit, f.decimals or 0)
                elif f.kind == "percent":
                    candidate = Measure("%", f.decimals or 0)
                elif f.kind == "printed" and not is_money_unit(f.unit) and f.unit != "%":
                    candidate = Measure(f.unit or "", f.decimals or 0)
                else:
                    continue
                if measure is UNKNOWN:
                    measure = candidate
                if candidate.unit != measure.unit:
                    continue
                printed.setdefault(value, candidate.decimals)
                measure = Measure(measure.unit, max(measure.decimals, candidate.decimals))
                if f.raw_text and f.raw_text not in marks:
                    marks.append(f.raw_text)
    return measure, printed, tuple(marks)


_CHECK_COLUMNS = ["rule_id", "rule_description", "family", "relation", "subject", "lhs", "rhs", "difference",
                  "tolerance", "status", "severity", "detail", "source_location", "source_text", "related_location",
                  "unit"]
_SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}


def _finding(r: dict, texts: dict[str, str], figures: dict[str, list[Figure]]) -> Finding:
    check = IdentityResult(**{f.name: r[f.name] for f in fields(IdentityResult)})
    measure, printed, marks = measure_of([check.rhs, check.lhs], [check.source_location, check.related_location],
                                         figures)
    return Finding(
        check=check, source_text=texts.get(check.source_location or "", r["source_text"]),
        related_text=texts.get(check.related_location or ""), measure=measure,
        lhs_decimals=printed.get(check.lhs, measure.decimals), rhs_decimals=printed.get(check.rhs, measure.decimals),
        marks=marks,
    )


def _order(severity: str | None) -> int:
    return _SEVERITY_ORDER.get(severity or "", len(SEVERITIES))


def document_findings(wh: Warehouse, document_id: str) -> DocumentFindings:
    texts = location_texts(wh, document_id)
    figures = figures_by_location(wh, document_id)
    checks = wh.rows("marts.fct_identity_check", _CHECK_COLUMNS,
                     "document_id = ? and status in ('violation', 'insufficient_data')", [document_id],
                     "rule_id, subject, source_location")
    findings = sorted((_finding(r, texts, figures) for r in checks),
                      key=lambda f: (_order(f.check.severity), rule_order(f.check.rule_id)))
    issues = sorted((Issue(r["extractor"], r["severity"], r["message"], r["source_location"],
                           texts.get(r["source_location"] or "", r["source_text"]))
                     for r in wh.rows("marts.fct_extraction_issue",
                                      ["extractor", "severity", "message", "source_location", "source_text"],
                                      "document_id = ?", [document_id], "extractor, source_location, message")),
                    key=lambda i: _order(i.severity))
    statements = [StatementRow(r["statement_seq"], r["statement"], r["statement_title"], r["occurrence"],
                               r["printed_unit"], r["is_empty"], r["note"], r["data_rows"], r["printed_cells"],
                               r["value_cells"], r["source_location"])
                  for r in wh.rows("marts.fct_statement",
                                   ["statement_seq", "statement", "statement_title", "occurrence", "printed_unit",
                                    "is_empty", "note", "data_rows", "printed_cells", "value_cells", "source_location"],
                                   "document_id = ?", [document_id],
                                   "statement_seq" if wh.has("marts.fct_statement", "statement_seq") else "")]
    return DocumentFindings(
        violations=[f for f in findings if f.check.status == "violation"],
        insufficient=[f for f in findings if f.check.status == "insufficient_data"],
        issues=[i for i in issues if not _is_missing_statement(i)],
        statements=statements,
        missing_statements=[i for i in issues if _is_missing_statement(i)],
        unparsed=_unparsed(wh, document_id, texts),
    )


def _is_missing_statement(issue: Issue) -> bool:
    # pipelines/extract/statements: "required statement <name> (<code>) not found"
    return (issue.message or "").startswith("required statement ")


def _unparsed(wh: Warehouse, document_id: str, texts: dict[str, str]) -> list[Unparsed]:
    found: list[Unparsed] = []
    if wh.has("marts.fct_figure", "parse_error"):
        for r in wh.rows("marts.fct_figure", ["family", "subject", "subject_zh", "measure", "raw_text", "parse_error",
                                              "source_location", "source_text"],
                         "document_id = ? and parse_error is not null", [document_id], "source_location, family"):
            where = " / ".join(str(p) for p in (r["family"], r["subject_zh"] or r["subject"], r["measure"]) if p)
            found.append(Unparsed(where, r["raw_text"], r["parse_error"], r["source_location"],
                                  texts.get(r["source_location"] or "", r["source_text"])))
    if wh.has("marts.fct_statement_cell", "parse_error"):
        for r in wh.rows("marts.fct_statement_cell",
                         ["statement", "statement_title", "row_label", "column_label", "raw_text", "parse_error",
                          "source_location", "source_text"],
                         "document_id = ? and parse_error is not null", [document_id], "source_location"):
            where = " / ".join(str(p) for p in (r["statement_title"] or r["statement"], r["row_label"],
                                                r["column_label"]) if p)
            found.append(Unparsed(where, r["raw_text"], r["parse_error"], r["source_location"],
                                  texts.get(r["source_location"] or "", r["source_text"])))
    return found

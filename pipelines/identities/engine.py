"""Evaluate every registered identity against the marts and return one result per rule × subject."""
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Iterator

import duckdb

from . import tolerance as tol
from .registry import SEVERITIES, Rule

_UNIT_SCALE = {"万元": Decimal(10000), "亿元": Decimal(100000000), "元": Decimal(1)}


@dataclass(frozen=True)
class IdentityResult:
    """One evaluated identity: the rule, both sides, the difference, the tolerance and where it was printed."""

    table: ClassVar[str] = "identity_evaluations"  # kept by the engine; dbt copies it to identity_results

    rule_id: str
    rule_description: str
    family: str
    relation: str
    subject: str
    lhs: Decimal | None
    rhs: Decimal | None
    difference: Decimal | None
    tolerance: Decimal | None
    status: str
    severity: str
    source_location: str | None
    related_location: str | None  # where the other side was printed, for cross-section comparisons
    detail: str | None
    unit: str | None = None  # the printed unit of the compared figures (万元, %, 个 …); lhs/rhs are in yuan for money


def to_printed(struct: dict | None) -> tol.Printed | None:
    """A {v, d, u} struct from a rule query → Printed (None when the struct itself is missing)."""
    if struct is None:
        return None
    value = struct.get("v")
    unit = struct.get("u") or ""
    decimals = struct.get("d")
    if value is not None and value == 0 and decimals == 0 and unit in _UNIT_SCALE:
        # A money amount printed as a bare "0" (上缴上级支出0万元) is an exact zero, not 0 ± 0.5万元.
        decimals = None
    return tol.Printed(
        value=Decimal(value) if value is not None else None,
        decimals=decimals,
        scale=_UNIT_SCALE.get(unit, Decimal(1)),
    )


def evaluate_row(rule: Rule, row: dict) -> tol.Outcome:
    if rule.relation == "sum":
        return tol.check_sum([to_printed(t) for t in row["terms"] or []], to_printed(row["total"]), rule.tolerance)
    if rule.relation == "le":
        return tol.check_le([to_printed(t) for t in row["terms"] or []], to_printed(row["total"]), rule.tolerance)
    return tol.check_ratio([to_printed(t) for t in row["numerator"] or []],
                           [to_printed(t) for t in row["denominator"] or []], to_printed(row["printed"]))


def unit_of(rule: Rule, row: dict) -> str | None:
    """The unit the two sides were printed in: the total's (a sum), the printed rate's (a ratio)."""
    side = row.get("printed") if rule.relation == "ratio" else row.get("total")
    return (side or {}).get("u") if isinstance(side, dict) else None


def severity_of(rule: Rule, status: str, override: str | None = None) -> str:
    """A violation carries the rule's severity; missing inputs are a completeness warning; passes are info.
    A rule query may name a row's severity (``severity`` column) for a violation or missing data it knows to
    be benign — a rounding artefact, a growth rate over a prior year of 0 — never for a pass."""
    if status in (tol.VIOLATION, tol.INSUFFICIENT_DATA) and override in SEVERITIES:
        return override
    if status == tol.VIOLATION:
        return rule.severity
    if status == tol.INSUFFICIENT_DATA:
        return "warning"
    return "info"


RULE_FAILED = "(rule failed)"


def _failed_rule(con: duckdb.DuckDBPyConnection, rule: Rule, error: Exception,
                 skip: frozenset[str] = frozenset()) -> dict[str, IdentityResult]:
    """A rule whose query fails is a pipeline fault: one error row per loaded document, so it is seen
    (and checked) instead of silently taking the other rules' results down with it."""
    detail = f"rule query failed: {str(error).splitlines()[0][:500]}"
    documents = [d for (d,) in con.execute(
        "select document_id from marts.dim_document where status = 'loaded'").fetchall() if d not in skip]
    return {document: IdentityResult(
        rule_id=rule.id, rule_description=rule.description, family=rule.family, relation=rule.relation,
        subject=RULE_FAILED, lhs=None, rhs=None, difference=None, tolerance=None,
        status=tol.INSUFFICIENT_DATA, severity="error", source_location=None, related_location=None, detail=detail,
    ) for document in documents}


def skipped_rules(con: duckdb.DuckDBPyConnection) -> dict[str, frozenset[str]]:
    """document_id → the rules its layout profile says do not apply (``skip_rules`` in the profile data)."""
    from pipelines.layouts import load_profiles

    skips = {p.id: frozenset((p.settings or {}).get("skip_rules", ())) for p in load_profiles()}
    try:
        rows = con.execute("select document_id, layout_profile from marts.dim_document").fetchall()
    except duckdb.Error:  # a warehouse without the column (fixture marts): no rule is skipped
        return {}
    return {document: skips.get(profile, frozenset()) for document, profile in rows}


def evaluate(con: duckdb.DuckDBPyConnection, rules: list[Rule]) -> dict[str, list[IdentityResult]]:
    """Run every rule; results grouped by document_id (the pipeline writes rule by rule: evaluate_by_rule)."""
    by_document: dict[str, list[IdentityResult]] = {}
    for results in evaluate_by_rule(con, rules):
        for document, rows in results.items():
            by_document.setdefault(document, []).extend(rows)
    return by_document


def evaluate_by_rule(con: duckdb.DuckDBPyConnection, rules: list[Rule],
                     skip: frozenset[str] = frozenset()) -> Iterator[dict[str, list[IdentityResult]]]:
    """Each rule's results grouped by document_id, one rule at a time: a caller that writes them as they come
    never holds the results of hundreds of documents at once."""
    skipped = skipped_rules(con)
    for rule in rules:
        by_document: dict[str, list[IdentityResult]] = {}
        try:
            if skip:
                cursor = con.execute(f"select * from ({rule.query}) where coalesce(not list_contains(?, document_id), true)",
                                     [sorted(skip)])
            else:
                cursor = con.execute(rule.query)
        except duckdb.Error as error:
            for document, failure in _failed_rule(con, rule, error, skip).items():
                by_document.setdefault(document, []).append(failure)
            yield by_document
            continue
        names = [d[0] for d in cursor.description]
        for values in cursor.fetchall():
            row = dict(zip(names, values))
            if rule.id in skipped.get(row["document_id"], ()):
                continue
            outcome = evaluate_row(rule, row)
            detail = "; ".join(d for d in (outcome.detail, row.get("detail")) if d) or None
            by_document.setdefault(row["document_id"], []).append(IdentityResult(
                rule_id=rule.id, rule_description=rule.description, family=rule.family,
                relation=rule.relation, subject=str(row["subject"]),
                lhs=outcome.lhs, rhs=outcome.rhs, difference=outcome.difference, tolerance=outcome.tolerance,
                status=outcome.status, severity=severity_of(rule, outcome.status, row.get("severity")),
                source_location=row.get("source_location"), related_location=row.get("related_location"),
                detail=detail, unit=unit_of(rule, row),
            ))
        yield by_document

"""Great Expectations suites as Dagster asset checks.

ERROR (blocking) where only the pipeline can be at fault — duplicate or NULL keys, a mart that
contradicts its landing data. WARN (never blocking) where the document is inconsistent: a report
that does not add up is loaded and reported, not rejected.
"""
import dagster as dg
from dagster_dbt import get_asset_key_for_model
from dagster_duckdb import DuckDBResource

from expectations.suites import breakdowns, dim_document, fct_totals
from expectations.suites.reconciliation import RECONCILIATIONS
from pipelines.identities.engine import RULE_FAILED
from pipelines.identities.in_build import LAST_REFRESH, SCHEMA as AUDIT_SCHEMA
from pipelines.summary import VIOLATIONS_BY_DOCUMENT, violations_markdown

from .dbt import warehouse_models


def _run_suite(warehouse: DuckDBResource, name: str, query: str, build_suite):
    from expectations.gx_runner import validate  # GX imports in ~5 s: only when a check runs

    with warehouse.get_connection() as con:
        frame = con.execute(query).df()
    return validate({name: (frame, build_suite)})[0], frame


def integrity_check(model: str, query: str, build_suite, name: str | None = None) -> dg.AssetChecksDefinition:
    asset_key = get_asset_key_for_model([warehouse_models], model)

    @dg.asset_check(asset=asset_key, name=name or f"{model}_integrity", blocking=True,
                    description=f"GX suite {model}: keys, vocabularies, agreement with landing data (pipeline faults).")
    def _check(warehouse: DuckDBResource) -> dg.AssetCheckResult:
        outcome, frame = _run_suite(warehouse, model, query, build_suite)
        return dg.AssetCheckResult(
            passed=outcome.success, severity=dg.AssetCheckSeverity.ERROR,
            metadata={"rows": len(frame), "expectations": outcome.evaluated, "failed": "\n".join(outcome.failed) or "none"})

    return _check


@dg.asset_check(asset=get_asset_key_for_model([warehouse_models], "fct_identity_check"), name="identities_hold",
                description="GX suite generated from expectations/identities/*.yml: no rule is violated.")
def identities_hold(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    from expectations import identity_suite

    outcome, held = _run_suite(warehouse, "fct_identity_check", identity_suite.QUERY, identity_suite.build_suite)
    with warehouse.get_connection() as con:
        counts = dict(con.execute(f"select status, count(*) from {identity_suite.TABLE} group by status").fetchall())
        violations = con.execute(VIOLATIONS_BY_DOCUMENT).fetchall()
        # what the engine did in this build (it runs inside dbt, which cannot report to Dagster)
        cursor = con.execute(f"select rules, documents_evaluated, documents_kept, results_written "
                             f"from {AUDIT_SCHEMA}.{LAST_REFRESH}")
        engine = dict(zip([column[0] for column in cursor.description], cursor.fetchone()))
    return dg.AssetCheckResult(
        passed=outcome.success, severity=dg.AssetCheckSeverity.WARN,
        metadata={**engine,
                  "identity_rows": sum(counts.values()), "violations_validated": len(held),
                  **{f"status_{k}": v for k, v in sorted(counts.items())},
                  "violations": dg.MetadataValue.md(violations_markdown(violations)),
                  "failed_rules": "\n".join(identity_suite.violated_rules(held)) or "none"})


@dg.asset_check(asset=get_asset_key_for_model([warehouse_models], "fct_identity_check"), name="identity_rules_ran",
                blocking=True,
                description="Every identity rule's query ran (a failing rule is a pipeline fault, not a finding).")
def identity_rules_ran(warehouse: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse.get_connection() as con:
        failed = con.execute(
            f"select distinct rule_id, detail from marts.fct_identity_check where subject = '{RULE_FAILED}'").fetchall()
    return dg.AssetCheckResult(passed=not failed, severity=dg.AssetCheckSeverity.ERROR,
                               metadata={"failed_rules": "\n".join(f"{r}: {d}" for r, d in failed) or "none"})


asset_checks = [
    integrity_check("dim_document", dim_document.QUERY, dim_document.build_suite),
    integrity_check("fct_totals", fct_totals.QUERY, fct_totals.build_suite),
    integrity_check("fct_income_by_source", breakdowns.INCOME_QUERY, breakdowns.build_income_suite),
    integrity_check("fct_expenditure_by_type", breakdowns.EXPENDITURE_QUERY, breakdowns.build_expenditure_suite),
    *[integrity_check(r.mart, r.query, r.build_suite, name=f"{r.mart}_reconciles_with_landing")
      for r in RECONCILIATIONS],
    identities_hold,
    identity_rules_ran,
]

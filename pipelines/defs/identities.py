"""The identity engine as an asset: reads the marts, writes audit.identity_results."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.identities import reuse
from pipelines.identities.engine import IdentityResult
from pipelines.identities.registry import load_rules
from pipelines.warehouse.isolation import pipeline_fingerprint

from .dbt import warehouse_models
from .partitions import WAREHOUSE_WRITER_POOL

AUDIT_SCHEMA = "audit"


@dg.asset(
    key_prefix=AUDIT_SCHEMA,
    deps=[key for key in warehouse_models.keys if key.path[0] == "marts"],
    pool=WAREHOUSE_WRITER_POOL,
    group_name="audit",
    kinds={"python", "duckdb"},
)
def identity_results(context: dg.AssetExecutionContext, warehouse: DuckDBResource) -> dg.MaterializeResult:
    """Every rule of expectations/identities/*.yml evaluated on every loaded document (exact Decimal); a
    document whose rows the rules read are unchanged since the last build keeps its results
    (pipelines/identities/reuse.py)."""
    rules = load_rules()
    with warehouse.get_connection() as con:
        done = reuse.refresh(con, AUDIT_SCHEMA, rules, pipeline_fingerprint())
        total = con.execute(f"select count(*) from {AUDIT_SCHEMA}.{IdentityResult.table}").fetchone()[0]
    context.log.info(f"identities: {done.evaluated} document(s) evaluated, "
                     f"{done.kept} unchanged since the last build kept their results")
    return dg.MaterializeResult(metadata={
        "rules": len(rules), "results": total, "results_written": done.written,
        "documents_evaluated": done.evaluated, "documents_kept": done.kept,
        **{f"status_{k}": v for k, v in sorted(done.statuses.items())}})

"""The identity engine as an asset: reads the marts, writes audit.identity_results."""
import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.identities.engine import IdentityResult, evaluate
from pipelines.identities.registry import load_rules
from pipelines.warehouse.landing import replace_all

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
    """Every rule of expectations/identities/*.yml evaluated on every loaded document (exact Decimal)."""
    rules = load_rules()
    with warehouse.get_connection() as con:
        by_document = evaluate(con, rules)
        written = replace_all(con, AUDIT_SCHEMA, IdentityResult, by_document)
    statuses: dict[str, int] = {}
    for results in by_document.values():
        for r in results:
            statuses[r.status] = statuses.get(r.status, 0) + 1
    return dg.MaterializeResult(metadata={"rules": len(rules), "results": written,
                                          **{f"status_{k}": v for k, v in sorted(statuses.items())}})

"""The identity engine called from the dbt build (dbt_project/models/audit/identity_results.py).

dbt hands a Python model its own cursor, inside the transaction of the model being built. The engine writes
with transactions of its own (a document's results are replaced atomically), so it runs on a separate cursor
of the same database: what it commits is there whatever becomes of the model, like any run of the engine.
The model's table is then a copy of the results the engine keeps (audit.identity_evaluations).
"""
import duckdb
import pyarrow as pa

from pipelines.warehouse.isolation import pipeline_fingerprint

from .engine import IdentityResult
from .registry import load_rules
from .reuse import refresh, rule_tables

SCHEMA = "audit"
LAST_REFRESH = "identity_last_refresh"  # what the last build's engine did, for the identities_hold check


class UnorderedRead(RuntimeError):
    """A rule reads a relation the dbt model does not ref: dbt could run the engine before it is rebuilt."""


def refresh_in_build(session: duckdb.DuckDBPyConnection, reads: dict[str, object]) -> pa.Table:
    """Evaluate what changed, keep the rest (reuse.refresh); every result row, for dbt to materialize.
    ``reads``: the relations the model refs, by schema-qualified name."""
    rules = load_rules()
    unordered = sorted(rule_tables(rules) - set(reads))
    if unordered:
        raise UnorderedRead(f"identity rules read {', '.join(unordered)}, which dbt_project/models/audit/"
                            "identity_results.py does not ref: add a dbt.ref line for each")
    engine = session.cursor()
    try:
        done = refresh(engine, SCHEMA, rules, pipeline_fingerprint())
        engine.execute(f"create or replace table {SCHEMA}.{LAST_REFRESH} as select ? as rules, ? as documents_evaluated, "
                       "? as documents_kept, ? as results_written",
                       [len(rules), done.evaluated, done.kept, done.written])
        return engine.sql(f"select * from {SCHEMA}.{IdentityResult.table}").to_arrow_table()
    finally:
        engine.close()

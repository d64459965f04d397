"""The identity engine called from the dbt build (dbt_project/models/audit/identity_results.py).

dbt hands a Python model the cursor it builds the model with. The engine writes with transactions of its own
(a document's results are replaced atomically), so it runs on a separate cursor of the same database: what it
commits is there whatever becomes of the model, like any run of the engine. The model's table is then a copy
of the results the engine keeps (audit.identity_evaluations), made by DuckDB from a relation on dbt's cursor:
no row passes through Python (an Arrow copy cost 135 MB at 200 reports). That cursor must see what the
engine just committed — it does when dbt has no transaction open on it — which a token written with the
results and read back through it proves; otherwise the model fails rather than copy older results.
"""
import uuid

import duckdb

from pipelines.warehouse.isolation import pipeline_fingerprint

from .engine import IdentityResult
from .registry import load_rules
from .reuse import refresh, rule_tables

SCHEMA = "audit"
LAST_REFRESH = "identity_last_refresh"  # what the last build's engine did, for the identities_hold check


class UnorderedRead(RuntimeError):
    """A rule reads a relation the dbt model does not ref: dbt could run the engine before it is rebuilt."""


class StaleSnapshot(RuntimeError):
    """dbt's cursor does not see what the engine committed (a transaction of dbt's began before)."""


def refresh_in_build(session: duckdb.DuckDBPyConnection, reads: dict[str, object]) -> duckdb.DuckDBPyRelation:
    """Evaluate what changed, keep the rest (reuse.refresh); every result row, for dbt to materialize.
    ``reads``: the relations the model refs, by schema-qualified name."""
    rules = load_rules()
    unordered = sorted(rule_tables(rules) - set(reads))
    if unordered:
        raise UnorderedRead(f"identity rules read {', '.join(unordered)}, which dbt_project/models/audit/"
                            "identity_results.py does not ref: add a dbt.ref line for each")
    token = uuid.uuid4().hex
    engine = session.cursor()
    try:
        done = refresh(engine, SCHEMA, rules, pipeline_fingerprint())
        engine.execute(f"create or replace table {SCHEMA}.{LAST_REFRESH} as select ? as refresh_token, ? as rules, "
                       "? as documents_evaluated, ? as documents_kept, ? as results_written",
                       [token, len(rules), done.evaluated, done.kept, done.written])
    finally:
        engine.close()
    try:
        seen = session.execute(f"select refresh_token from {SCHEMA}.{LAST_REFRESH}").fetchall()
    except duckdb.CatalogException:  # the table is newer than the cursor's snapshot
        seen = None
    if seen != [(token,)]:
        raise StaleSnapshot("dbt's cursor does not see the identity results just committed: its transaction began "
                            "before the engine ran (a change in dbt-duckdb?); nothing of this build is published")
    return session.sql(f"select * from {SCHEMA}.{IdentityResult.table}")

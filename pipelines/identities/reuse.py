"""A document's identity results are kept from one build to the next while the rows the rules read are
unchanged (pipelines/warehouse/digests.py): one new report among hundreds is evaluated alone.

``audit.identity_inputs`` holds the digest each document's results were computed from. It is cleared for
every document about to be evaluated before its results are written and filled after, so a run that dies in
between leaves those documents to be evaluated again, never stale results marked current.
"""
from dataclasses import dataclass

import duckdb

from pipelines.warehouse.digests import document_digests, tables_named
from pipelines.warehouse.landing import replace_documents

from .engine import IdentityResult, evaluate_by_rule
from .registry import Rule

INPUTS_TABLE = "identity_inputs"


def rule_tables(rules: list[Rule]) -> set[str]:
    """What the engine reads: every table a rule query names, and the documents (their layout profiles)."""
    return tables_named(rule.query for rule in rules) | {"marts.dim_document"}


def current_digests(con: duckdb.DuckDBPyConnection, rules: list[Rule], code: str) -> dict[str, str]:
    """document_id → digest of what its identity results depend on (``code``: the pipeline's fingerprint)."""
    documents = [d for (d,) in con.execute("select document_id from marts.dim_document").fetchall()]
    return document_digests(con, rule_tables(rules), code, documents)


def still_valid(con: duckdb.DuckDBPyConnection, schema: str, results_table: str,
                digests: dict[str, str]) -> frozenset[str]:
    """Documents whose stored results were computed from the digest they have now."""
    present = {t for (t,) in con.execute(
        "select table_name from information_schema.tables where table_schema = ?", [schema]).fetchall()}
    if INPUTS_TABLE not in present or results_table not in present:
        return frozenset()
    stored = dict(con.execute(f"select document_id, digest from {schema}.{INPUTS_TABLE}").fetchall())
    return frozenset(d for d, digest in digests.items() if stored.get(d) == digest)


def forget_all_but(con: duckdb.DuckDBPyConnection, schema: str, keep: frozenset[str]) -> None:
    con.execute(f"create schema if not exists {schema}")
    con.execute(f"create table if not exists {schema}.{INPUTS_TABLE} (document_id varchar, digest varchar)")
    con.execute(f"delete from {schema}.{INPUTS_TABLE} where not list_contains(?, document_id)", [sorted(keep)])


def remember(con: duckdb.DuckDBPyConnection, schema: str, digests: dict[str, str], keep: frozenset[str]) -> None:
    """Record the digests of the documents just evaluated (those kept are recorded already)."""
    fresh = [[d, digest] for d, digest in sorted(digests.items()) if d not in keep]
    if fresh:
        con.executemany(f"insert into {schema}.{INPUTS_TABLE} values (?, ?)", fresh)


@dataclass(frozen=True)
class Refreshed:
    evaluated: int  # documents whose rules ran now
    kept: int  # documents whose results of an earlier build still hold
    written: int  # result rows written now


def refresh(con: duckdb.DuckDBPyConnection, schema: str, rules: list[Rule], code: str) -> Refreshed:
    """Bring the engine's results (``schema``.identity_evaluations) up to date: the documents whose digest
    changed (or that are new) are evaluated, the others keep their rows, the rows of documents gone are dropped."""
    digests = current_digests(con, rules, code)
    keep = still_valid(con, schema, IdentityResult.table, digests)
    forget_all_but(con, schema, keep)
    written = replace_documents(con, schema, IdentityResult, evaluate_by_rule(con, rules, skip=keep), keep)
    remember(con, schema, digests, keep)
    return Refreshed(len(digests) - len(keep), len(keep), written)

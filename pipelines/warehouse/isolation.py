"""One document's content can stop that document, never the build of the others.

dbt reads the landing rows through views in schema ``build_input``: every document's record, and the
landing rows of *loaded* documents only — a quarantined or withdrawn document's rows are kept in schema
``raw`` but no model or test sees them, so removing a poison file from raw/ is enough to unblock a build.

When a dbt data test fails, its failing rows are read back (the project's generic tests return whole
rows, so each names its ``document_id``; see dbt_project/macros/isolating_tests.sql). A failure whose
rows all come from some documents is those documents' fault: they alone are quarantined with the
reason (which test, how many rows, an example) in ``runs.build_quarantine``, and the build is run again
without them. A failure that names no document, a model that does not build, or a test failing for most
documents at once is a pipeline fault: the build stops with a message naming the test.

A document stays quarantined while the pipeline's code is the same (same bytes, same code: same
failure); any change of the code or of the dbt project retries it (``pipeline_fingerprint``).
"""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from pipelines import settings

from .folder import RUNS_SCHEMA
from .record_columns import LANDING_SCHEMA
from .landing_files import source_digest
from .publish import sql_identifier

INPUT_SCHEMA = "build_input"
QUARANTINE_TABLE = f"{RUNS_SCHEMA}.build_quarantine"
# Landing tables dbt reads for every document, whatever its status: which documents exist and their names.
DOCUMENT_TABLES = ("documents", "document_files")
SAMPLE_ROWS = 3

# What the pipeline's behaviour depends on: its code, the dbt project and the checks (not the run folders).
_FINGERPRINTED = ("pipelines", "dbt_project/models", "dbt_project/macros", "dbt_project/tests", "dbt_project/seeds",
                  "dbt_project/dbt_project.yml", "expectations")
_FINGERPRINT_SUFFIXES = {".py", ".sql", ".yml", ".yaml", ".csv", ".json"}


def pipeline_fingerprint(root: Path = settings.REPO_ROOT) -> str:
    """A hash of every file the pipeline's results depend on: a build quarantine holds while it is unchanged."""
    return source_digest(root, _FINGERPRINTED, _FINGERPRINT_SUFFIXES)


def ensure_quarantine_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"create schema if not exists {RUNS_SCHEMA}")
    con.execute(f"""create table if not exists {QUARANTINE_TABLE} (
        document_id varchar primary key, reason varchar, tests varchar, failing_rows bigint,
        fingerprint varchar, quarantined_at varchar)""")


def forget_stale_quarantines(con: duckdb.DuckDBPyConnection, fingerprint: str) -> int:
    """Quarantines decided by another version of the pipeline are retried: returns how many."""
    ensure_quarantine_table(con)
    stale = con.execute(f"select count(*) from {QUARANTINE_TABLE} where fingerprint <> ?", [fingerprint]).fetchone()[0]
    con.execute(f"delete from {QUARANTINE_TABLE} where fingerprint <> ?", [fingerprint])
    return stale


def refresh_build_input(con: duckdb.DuckDBPyConnection, tables: list[str]) -> None:
    """(Re)create the views dbt reads: documents with the build's quarantines applied, and the landing rows
    of loaded documents only."""
    ensure_quarantine_table(con)
    con.execute(f"create schema if not exists {INPUT_SCHEMA}")
    quarantined = f"q.document_id is not null and d.status = 'loaded'"
    con.execute(f"""create or replace view {INPUT_SCHEMA}.documents as
        select d.* replace (
            case when {quarantined} then 'quarantined' else d.status end as status,
            case when {quarantined} then q.reason else d.quarantine_reason end as quarantine_reason)
        from {LANDING_SCHEMA}.documents as d
        left join {QUARANTINE_TABLE} as q on q.document_id = d.document_id""")
    for table in tables:
        if table == "documents":
            continue
        where = "" if table in DOCUMENT_TABLES else (
            f" where document_id in (select document_id from {INPUT_SCHEMA}.documents where status = 'loaded')")
        con.execute(f"create or replace view {INPUT_SCHEMA}.{sql_identifier(table)} as "
                    f"select * from {LANDING_SCHEMA}.{sql_identifier(table)}{where}")


def loaded_documents(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """document_id → file name of every document the build reads."""
    return dict(con.execute(f"select document_id, source_file from {INPUT_SCHEMA}.documents "
                            "where status = 'loaded'").fetchall())


@dataclass(frozen=True)
class FailedTest:
    """A failed dbt data test and the documents its failing rows came from."""

    name: str
    rows: int
    rows_by_document: dict[str | None, int] = field(default_factory=dict)  # None: rows without a document_id
    sample: str = ""
    problem: str | None = None  # the test's rows could not be read back


@dataclass(frozen=True)
class Verdict:
    quarantine: dict[str, str]  # document_id → reason
    fault: str | None  # set when the build must stop: a pipeline fault


def _node_name(unique_id: str) -> str:
    parts = unique_id.split(".")
    return parts[2] if len(parts) > 2 else unique_id


def failed_nodes(run_results: dict) -> tuple[list[dict], list[dict]]:
    """(data tests that failed, other nodes that ended in error) of a dbt run_results.json."""
    tests, errors = [], []
    for result in run_results.get("results", []):
        is_test = result.get("unique_id", "").startswith("test.")
        if is_test and result.get("status") in ("fail", "error"):
            tests.append(result)
        elif not is_test and result.get("status") == "error":
            errors.append(result)
    return tests, errors


def _short(value, width: int = 40) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= width else text[:width - 1] + "…"


def read_back(con: duckdb.DuckDBPyConnection, result: dict) -> FailedTest:
    """Run a failed test's compiled query again and group its failing rows by document."""
    name = _node_name(result.get("unique_id", ""))
    sql = (result.get("compiled_code") or "").strip().rstrip(";")
    if result.get("status") == "error" or not sql:
        return FailedTest(name, 0, problem=f"the test did not run: {_short(result.get('message'), 300)}")
    try:
        cursor = con.execute(f"select * from ({sql}) as failing limit {SAMPLE_ROWS}")
        columns = [c[0] for c in cursor.description]
        sample_rows = cursor.fetchall()
        if "document_id" in columns:
            counts = dict(con.execute(f"select document_id, count(*) from ({sql}) as failing group by 1").fetchall())
        else:
            counts = {None: con.execute(f"select count(*) from ({sql}) as failing").fetchone()[0]}
    except duckdb.Error as exc:
        return FailedTest(name, 0, problem=f"its failing rows could not be read back: {_short(exc, 300)}")
    shown = [c for c in columns if c not in ("document_id", "source_text")][:8]
    sample = "; ".join(", ".join(f"{c}={_short(row[columns.index(c)])}" for c in shown) for row in sample_rows)
    return FailedTest(name, sum(counts.values()), counts, sample)


def decide(failures: list[FailedTest], model_errors: list[str], loaded: dict[str, str],
           max_share: float) -> Verdict:
    """Which documents to quarantine, or why the build must stop (pure)."""
    if model_errors:
        return Verdict({}, "dbt could not build " + "; ".join(model_errors) + " — a pipeline fault, nothing published")
    unattributed = [f for f in failures if f.problem or not f.rows_by_document or None in f.rows_by_document]
    if unattributed:
        return Verdict({}, "; ".join(
            f"dbt test {f.name} failed: {f.problem}" if f.problem else
            f"dbt test {f.name} failed on {f.rows} row(s) that name no document (e.g. {f.sample})"
            for f in unattributed) + " — a pipeline fault, nothing published")
    # One test failing for most documents is the pipeline's fault (a broken model or test), not theirs;
    # different tests each failing on another document are those documents' own faults.
    widespread = [f for f in failures if len(loaded) >= 2 and len(f.rows_by_document) > max_share * len(loaded)]
    if widespread:
        return Verdict({}, "; ".join(f"dbt test {f.name} fails for {len(f.rows_by_document)} of {len(loaded)} documents"
                                     for f in widespread)
                       + f" — more than {max_share:.0%}: taken for a pipeline fault, not the documents' (nothing published)")
    culprits: dict[str, list[FailedTest]] = {}
    for failure in failures:
        for document_id in failure.rows_by_document:
            culprits.setdefault(document_id, []).append(failure)
    reasons = {}
    for document_id, tests in culprits.items():
        reasons[document_id] = "; ".join(
            f"dbt test {t.name} failed on {t.rows_by_document[document_id]} row(s) of this document (e.g. {t.sample})"
            for t in tests)[:2000] + " — quarantined so that the other documents publish"
    return Verdict(reasons, None)


def quarantine(con: duckdb.DuckDBPyConnection, reasons: dict[str, str], failures: list[FailedTest],
               fingerprint: str) -> None:
    ensure_quarantine_table(con)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for document_id, reason in reasons.items():
        tests = [f for f in failures if document_id in f.rows_by_document]
        con.execute(f"insert or replace into {QUARANTINE_TABLE} values (?, ?, ?, ?, ?, ?)", [
            document_id, reason, ", ".join(t.name for t in tests),
            sum(t.rows_by_document[document_id] for t in tests), fingerprint, now])

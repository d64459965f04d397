"""Shared fixtures. The warehouse is built ONCE per session with the real `make run` path
(python -m pipelines.cli run: Dagster in-process, dbt, identity engine, GX checks) and shared by
every end-to-end test; unit tests never touch it."""
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
REFERENCE_TXT = FIXTURES / "luzhou_hrss_2023.txt"


@pytest.fixture(scope="session")
def golden() -> dict:
    return json.loads((FIXTURES / "golden" / "golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def expected_violations() -> list[dict]:
    return json.loads((FIXTURES / "golden" / "expected_violations.json").read_text(encoding="utf-8"))


@dataclass
class BuiltWarehouse:
    path: Path
    raw_dir: Path
    first_run_counts: dict[str, int]
    second_run_counts: dict[str, int]
    first_run_contents: dict[str, str]
    second_run_contents: dict[str, str]
    run_output: str


def _table_counts(path: Path) -> dict[str, int]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' order by 1").fetchall()
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for (t,) in tables}


def _mart_contents(path: Path) -> dict[str, str]:
    """A digest of every mart's rows (order-independent), timestamps of ingestion excluded."""
    import hashlib

    import duckdb

    digests = {}
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute("select table_name from information_schema.tables "
                             "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1").fetchall()
        for (table,) in tables:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' "
                "and table_name = ? and column_name <> 'ingested_at' order by ordinal_position", [table]).fetchall()]
            rows = sorted(repr(r) for r in con.execute(
                f"select {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} from marts.{table}").fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _run_pipeline(env: dict) -> str:
    result = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise AssertionError(f"pipeline run failed ({result.returncode}):\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return result.stdout + result.stderr


def populate_raw_dir(raw: Path) -> None:
    """The reference report, the same bytes under a second name, and files that must be quarantined."""
    raw.mkdir(parents=True)
    shutil.copy(REFERENCE_TXT, raw / "luzhou_hrss_2023.txt")
    shutil.copy(REFERENCE_TXT, raw / "copy_of_the_same_report.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.bin").write_bytes(bytes(range(256)) * 8)
    shutil.copy(FIXTURES / "quarantine" / "budget_2024.txt", raw / "budget_2024.txt")
    (raw / "truncated.pdf").write_bytes((FIXTURES / "luzhou_hrss_2023.pdf").read_bytes()[:20000])


def pipeline_env(root: Path, raw: Path) -> tuple[dict, Path]:
    """Environment of an isolated `make run`: its own raw dir, warehouse, reports and Dagster home."""
    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    warehouse = root / "warehouse" / "juesuan.duckdb"
    env = {**os.environ, "JUESUAN_RAW_DIR": str(raw), "JUESUAN_WAREHOUSE": str(warehouse),
           "JUESUAN_REPORTS_DIR": str(root / "reports"), "DAGSTER_HOME": str(home),
           "PYTHONPATH": str(REPO)}
    return env, warehouse


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> BuiltWarehouse:
    root = tmp_path_factory.mktemp("pipeline")
    raw = root / "raw"
    populate_raw_dir(raw)
    env, warehouse = pipeline_env(root, raw)
    output = _run_pipeline(env)
    first, first_contents = _table_counts(warehouse), _mart_contents(warehouse)
    # Re-running must change nothing — and must not be blocked by a BI tool reading the warehouse.
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as reader:
        output += _run_pipeline(env)
        assert reader.execute("select count(*) from marts.dim_document").fetchone()[0] > 0  # its snapshot still reads
    second, second_contents = _table_counts(warehouse), _mart_contents(warehouse)
    return BuiltWarehouse(warehouse, raw, first, second, first_contents, second_contents, output)


@pytest.fixture(scope="session")
def marts(built_warehouse):
    """A read-only connection to the built warehouse."""
    import duckdb

    con = duckdb.connect(str(built_warehouse.path), read_only=True)
    yield con
    con.close()


def year_shifted_reference() -> str:
    """The reference report moved one year later (2023 → 2024, 2022 → 2023): the same department's
    next report, with the same projects and the same printed figures."""
    text = REFERENCE_TXT.read_text(encoding="utf-8")
    return text.replace("2023", "\x00").replace("2022", "2023").replace("\x00", "2024")


@pytest.fixture(scope="session")
def other_formats_warehouse(tmp_path_factory) -> Path:
    """The same report as DOCX and PDF, its next year's report, a report of another department and year,
    three real Shanghai reports in the national nine-table template, the blank template, six budgets and a
    statement printing a code outside the seed — every shared sample — built by the same pipeline into a
    second warehouse."""
    root = tmp_path_factory.mktemp("formats")
    raw = root / "raw"
    raw.mkdir()
    for suffix in ("docx", "pdf"):
        shutil.copy(FIXTURES / f"luzhou_hrss_2023.{suffix}", raw / f"luzhou_hrss_2023.{suffix}")
    shutil.copy(FIXTURES / "variant_department.txt", raw / "variant_department.txt")
    (raw / "luzhou_hrss_2024_year_shifted.txt").write_text(year_shifted_reference(), encoding="utf-8")
    for peer in (FIXTURES / "peer").glob("*.pdf"):  # real reports of other departments, another template
        shutil.copy(peer, raw / peer.name)
    # every other shared sample: the blank national template and six budgets (all quarantined with a reason)
    for other in (FIXTURES / "peer" / "other").glob("*.pdf"):
        shutil.copy(other, raw / other.name)
    # a statement printing a functional code the reference seed lacks: a warning, never a failed build
    shutil.copy(FIXTURES / "national_tables" / "printed_code_outside_seed.txt", raw / "printed_code_outside_seed.txt")
    env, warehouse = pipeline_env(root, raw)
    _run_pipeline(env)
    return warehouse

"""The warehouse documents itself and keeps its types: every mart and every mart column carries a comment
(Chinese, then English) in the PUBLISHED file, a column name has one type across the marts, and an enforced dbt contract fails the build when a model's SQL changes a column's type."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
# The convention of docs/WAREHOUSE.md, by column name.
TYPE_RULES = [
    (re.compile(r"(^|_)printed_decimals$"), "SMALLINT"),
    (re.compile(r"_yuan$"), "DECIMAL(20,2)"),
    (re.compile(r"_pct$"), "DECIMAL(9,4)"),
    (re.compile(r"(^|_)year$"), "INTEGER"),
    (re.compile(r"^(authorized|in_service|retired|groups|persons|batches|vehicles|item_count|documents|"
                r"document_count|kpi_count|kpi_score_count|blank_score_cells)$"), "INTEGER"),
    (re.compile(r"(^|_)(score|weight)$"), "DECIMAL(9,4)"),
    (re.compile(r"(_id|_code|^status|^basis|^statement|^measure|^component|^category|^fund|^source)$"), "VARCHAR"),
]


def test_every_mart_column_has_a_comment_in_the_published_warehouse(marts):
    assert marts.execute("select count(*) from duckdb_columns() where schema_name = 'marts' "
                         "and coalesce(comment, '') = ''").fetchone() == (0,)
    assert marts.execute("select count(*) from duckdb_columns() where schema_name = 'marts'").fetchone()[0] > 600


def test_every_mart_has_a_table_comment(marts):
    tables = dict(marts.execute("select table_name, comment from duckdb_tables() where schema_name = 'marts'").fetchall())
    assert len(tables) >= 36
    assert [t for t, comment in tables.items() if not comment] == []


def test_comments_are_chinese_first_then_english(marts):
    comments = marts.execute("select table_name, column_name, comment from duckdb_columns() where schema_name = 'marts' "
                             "union all select table_name, '', comment from duckdb_tables() "
                             "where schema_name = 'marts'").fetchall()
    wrong = [(t, c) for t, c, text in comments
             if not CJK.search(text) or "/" not in text
             or (LATIN.search(text) and LATIN.search(text).start() < CJK.search(text).start())]
    assert wrong == []


def test_a_column_name_has_one_type_across_the_marts(marts):
    drifting = marts.execute(
        "select column_name, list(distinct data_type order by data_type) from duckdb_columns() "
        "where schema_name = 'marts' group by column_name having count(distinct data_type) > 1").fetchall()
    assert drifting == []


def test_types_follow_the_warehouse_conventions(marts):
    columns = marts.execute("select table_name, column_name, data_type from duckdb_columns() "
                            "where schema_name = 'marts'").fetchall()
    wrong = []
    for table, column, data_type in columns:
        expected = next((t for pattern, t in TYPE_RULES if pattern.search(column)), None)
        if expected and data_type != expected:
            wrong.append((table, column, data_type, expected))
    assert wrong == []
    assert marts.execute("select data_type from duckdb_columns() where table_name = 'fct_staffing' "
                         "and column_name = 'authorized'").fetchone() == ("INTEGER",)


def test_labels_read_as_the_report_prints_them(marts):
    assert marts.execute("select distinct measure_zh from marts.fct_totals where measure = 'income_total'").fetchall() \
        == [("本年收入合计",)]
    assert marts.execute("select distinct component_zh from marts.fct_three_public "
                         "where component = 'official_reception'").fetchall() == [("公务接待费",)]


def _dbt(project: Path, warehouse: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "JUESUAN_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    dbt = Path(sys.executable).parent / "dbt"
    return subprocess.run([str(dbt), *args, "--project-dir", str(project), "--profiles-dir", str(project)],
                          env=env, capture_output=True, text=True, timeout=600)


def test_a_model_that_changes_a_contract_type_fails_the_build(built_warehouse, tmp_path):
    """fct_staffing's headcounts used to be DECIMAL(28,8). A copy of the dbt project whose fct_staffing SQL
    yields that type again fails to build on a copy of the warehouse, naming the column and both types;
    without the enforced contract it would build."""
    project = tmp_path / "dbt_project"
    shutil.copytree(REPO / "dbt_project", project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    sql = project / "models" / "marts" / "fct_staffing.sql"
    counted = "max({{ to_count('count_value') }}) filter (where kind = 'authorized') as authorized"
    assert counted in sql.read_text(encoding="utf-8")
    sql.write_text(sql.read_text(encoding="utf-8").replace(
        counted, "max(count_value) filter (where kind = 'authorized') as authorized"), encoding="utf-8")
    warehouse = tmp_path / "j.duckdb"
    shutil.copy(Path(f"{built_warehouse.path}.build"), Path(f"{warehouse}.build"))  # profiles.yml adds .build

    result = _dbt(project, warehouse, "run", "--select", "fct_staffing")

    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "enforced contract" in output
    assert re.search(r"authorized\s*\|\s*DECIMAL\(28,8\)\s*\|\s*INTEGER\s*\|\s*data type mismatch", output), output[-3000:]

"""Before every build the schemas dbt makes are dropped: the build makes each from the current project."""
import duckdb

from pipelines.warehouse.build_inputs import reset_derived_schemas


def test_a_seed_table_of_an_older_version_is_dropped_with_the_model_schemas():
    """The classification seed gained a column (verified_by); dbt loads a seed into an existing table with
    that table's columns, so a warehouse built before the upgrade failed every later build."""
    con = duckdb.connect()
    con.execute("create schema reference; create table reference.function_classification "
                "(function_code varchar, level varchar, name varchar, parent_code varchar, edition varchar)")
    for schema in ("staging", "intermediate", "marts"):
        con.execute(f"create schema {schema}; create view {schema}.stale as select 1 as x")
    con.execute("create schema raw; create table raw.documents (document_id varchar)")
    reset_derived_schemas(con)
    schemas = {s for (s,) in con.execute("select schema_name from duckdb_schemas() where not internal").fetchall()}
    assert schemas & {"reference", "staging", "intermediate", "marts"} == set()
    assert con.execute("select count(*) from raw.documents").fetchone() == (0,)  # the landing rows are not dbt's

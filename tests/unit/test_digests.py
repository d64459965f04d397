"""Per-document digests: what decides that a document's identity results or report page are kept."""
import duckdb
import pytest

from pipelines.warehouse.digests import document_digests, tables_named

TABLES = ["marts.figures", "marts.classes"]


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("""
        create schema marts;
        create table marts.figures (document_id varchar, subject varchar, v decimal(20,2));
        insert into marts.figures values ('a', 'x', 1.00), ('a', 'y', 2.00), ('b', 'x', 1.00);
        create table marts.classes (code varchar, name varchar);
        insert into marts.classes values ('201', '一般公共服务支出');
    """)
    return con


def test_a_document_changes_its_own_digest_only(con):
    before = document_digests(con, TABLES, "code-1", ["a", "b"])
    con.execute("update marts.figures set v = 2.01 where document_id = 'a' and subject = 'y'")
    after = document_digests(con, TABLES, "code-1", ["a", "b"])
    assert after["a"] != before["a"] and after["b"] == before["b"]


def test_a_duplicated_row_changes_the_digest(con):
    before = document_digests(con, TABLES, "code-1", ["b"])
    con.execute("insert into marts.figures values ('b', 'x', 1.00)")
    assert document_digests(con, TABLES, "code-1", ["b"]) != before


def test_row_order_does_not_matter(con):
    before = document_digests(con, TABLES, "code-1", ["a", "b"])
    con.execute("create or replace table marts.figures as select * from marts.figures order by v desc, subject desc")
    assert document_digests(con, TABLES, "code-1", ["a", "b"]) == before


def test_a_shared_table_the_code_or_a_new_table_changes_every_digest(con):
    before = document_digests(con, TABLES, "code-1", ["a", "b"])
    assert all(document_digests(con, TABLES, "code-2", ["a", "b"])[d] != before[d] for d in "ab")
    con.execute("insert into marts.classes values ('205', '教育支出')")
    assert all(document_digests(con, TABLES, "code-1", ["a", "b"])[d] != before[d] for d in "ab")
    now = document_digests(con, TABLES, "code-1", ["a", "b"])
    tables = [*TABLES, "marts.later"]
    absent = document_digests(con, tables, "code-1", ["a", "b"])
    con.execute("create table marts.later (document_id varchar, v int)")
    con.execute("insert into marts.later values ('a', 1)")
    created = document_digests(con, tables, "code-1", ["a", "b"])
    assert absent != now and created["a"] != absent["a"] and created["b"] != absent["b"]


def test_a_document_without_rows_has_a_digest(con):
    digests = document_digests(con, TABLES, "code-1", ["a", "none"])
    assert set(digests) == {"a", "none"} and digests["none"] != digests["a"]


def test_tables_are_read_off_the_sql():
    sql = "select * from marts.fct_figure f join intermediate.int_loaded_figures l using (document_id) " \
          "left join staging.stg_units u on true -- not main.x"
    assert tables_named([sql]) == {"marts.fct_figure", "intermediate.int_loaded_figures", "staging.stg_units"}

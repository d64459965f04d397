"""Publishing: a fresh file atomically replaces the published one; an open reader keeps its snapshot."""
import duckdb

from pipelines.warehouse.publish import create_working_database, publish, storage_version


def test_publish_replaces_atomically_while_a_reader_is_open(tmp_path):
    build = tmp_path / "w.duckdb.build"
    published = tmp_path / "w.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute("create schema marts; create table marts.t as select 1 as x")
    assert publish(build, published) == {"marts": 1}
    reader = duckdb.connect(str(published), read_only=True)
    with duckdb.connect(str(build)) as con:
        con.execute("insert into marts.t values (2)")
    publish(build, published)  # not blocked by the open reader
    assert reader.execute("select count(*) from marts.t").fetchone() == (1,)  # the reader's snapshot
    reader.close()
    with duckdb.connect(str(published), read_only=True) as fresh:
        assert fresh.execute("select count(*) from marts.t").fetchone() == (2,)
    assert not (tmp_path / "w.duckdb.publishing").exists()


def test_publish_keeps_the_table_and_column_comments(tmp_path):
    """The dbt descriptions reach BI tools as DuckDB comments (persist_docs): they must survive the copy into
    the published file, which is written in an older storage format."""
    build = tmp_path / "w.duckdb.build"
    published = tmp_path / "w.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute("create schema marts; create table marts.t (amount_yuan decimal(20, 2), code varchar)")
        con.execute("comment on table marts.t is '总量 / Totals'")
        con.execute("comment on column marts.t.amount_yuan is '金额（元）/ Amount in yuan'")
        con.execute("create view marts.v as select code from marts.t")
        con.execute("comment on view marts.v is '视图 / A view'")
        con.execute("comment on column marts.v.code is '代码 / Code'")
    publish(build, published)
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select comment from duckdb_tables() where table_name = 't'").fetchall() == [("总量 / Totals",)]
        assert con.execute("select comment from duckdb_views() where view_name = 'v'").fetchall() == [("视图 / A view",)]
        assert dict(con.execute("select table_name || '.' || column_name, comment from duckdb_columns() "
                                "where schema_name = 'marts'").fetchall()) == {
            "t.amount_yuan": "金额（元）/ Amount in yuan", "t.code": None, "v.code": "代码 / Code"}


def test_a_working_database_in_the_published_format_is_published_as_a_copy_of_its_file(tmp_path):
    build = tmp_path / "w.duckdb.build"
    published = tmp_path / "w.duckdb"
    create_working_database(build)
    with duckdb.connect(str(build)) as con:
        con.execute("create schema marts; create table marts.t as select range as x from range(1000)")
        con.execute("create view marts.v as select x from marts.t where x > 10")
    assert publish(build, published) == {"marts": 2}
    assert published.read_bytes() == build.read_bytes()  # the file itself, not a rewrite by DuckDB
    with duckdb.connect(str(published), read_only=True) as con:
        assert storage_version(con).startswith("v1.4")
        assert con.execute("select count(*) from marts.v").fetchone() == (989,)


def test_a_working_database_in_another_format_is_published_by_duckdb_then_adopts_the_published_format(tmp_path):
    """A working copy made before it was created in the published format: the first publish rewrites it
    (readable by older DuckDB), and the working copy becomes that file, so the next publish copies it."""
    build = tmp_path / "w.duckdb.build"
    published = tmp_path / "w.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute("create schema marts; create table marts.t as select 1 as x")
        con.execute("comment on table marts.t is '总量'")
        assert not storage_version(con).startswith("v1.4")
    assert publish(build, published) == {"marts": 1}
    for path in (published, build):
        with duckdb.connect(str(path), read_only=True) as con:
            assert storage_version(con).startswith("v1.4")
            assert con.execute("select x from marts.t").fetchall() == [(1,)]
            assert con.execute("select comment from duckdb_tables()").fetchall() == [("总量",)]
    with duckdb.connect(str(build)) as con:
        con.execute("insert into marts.t values (2)")
    publish(build, published)
    assert published.read_bytes() == build.read_bytes()
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from marts.t").fetchone() == (2,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.build"]

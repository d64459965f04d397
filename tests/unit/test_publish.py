"""Publishing: a fresh file atomically replaces the published one; an open reader keeps its snapshot."""
import duckdb

from pipelines.warehouse.publish import publish


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

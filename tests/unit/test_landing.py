"""Landing tables derive from the record dataclasses; a document's rows are replaced atomically — written as its
landing folder by extraction, loaded into schema raw by the build (pipelines/warehouse/landing_files.py)."""
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

import duckdb
import pytest

from pipelines.warehouse.landing import replace_all
from pipelines.warehouse.record_columns import columns_of
from pipelines.warehouse.landing_files import changed_since_load, load_documents, read_manifests, write_document


@dataclass(frozen=True)
class Thing:
    table: ClassVar[str] = "things"
    name: str
    amount: Decimal | None
    count: int | None
    flag: bool | None


@dataclass(frozen=True)
class Other:
    table: ClassVar[str] = "others"
    note: str


def test_columns_and_types():
    assert columns_of(Thing) == [("name", str), ("amount", Decimal), ("count", int), ("flag", bool)]


def test_float_fields_are_refused():
    @dataclass(frozen=True)
    class Bad:
        table: ClassVar[str] = "bad"
        x: float

    with pytest.raises(TypeError, match="landing fields must be"):
        columns_of(Bad)


def _land(con, landing, document_id: str, records, record_types) -> dict[str, int]:
    """What a run does with one document: extraction writes its folder, the build loads what changed."""
    counts = write_document(landing, document_id, records, record_types, {})
    load_documents(con, landing, changed_since_load(con, read_manifests(landing)), record_types)
    return counts


def test_landing_a_document_is_idempotent_and_keeps_decimals_exact(tmp_path):
    con = duckdb.connect()
    records = [Thing("a", Decimal("15157.48"), 1, True), Thing("b", None, None, None), Other("x")]
    assert _land(con, tmp_path, "doc1", records, [Thing, Other]) == {"things": 2, "others": 1}
    _land(con, tmp_path, "doc1", records, [Thing, Other])
    _land(con, tmp_path, "doc2", [Thing("c", Decimal("0.005"), 0, False)], [Thing, Other])
    assert con.execute("select count(*) from raw.things").fetchone() == (3,)
    assert con.execute("select count(*) from raw.others").fetchone() == (1,)
    got = con.execute("select name, amount, count from raw.things where document_id = 'doc1' order by name").fetchall()
    assert got == [("a", Decimal("15157.48000000"), 1), ("b", None, None)]  # NULL stays NULL, never 0


def test_unregistered_record_type_is_refused_and_nothing_is_written(tmp_path):
    con = duckdb.connect()
    _land(con, tmp_path, "doc1", [Thing("a", None, None, None)], [Thing])
    with pytest.raises(TypeError, match="not a registered landing record type"):
        _land(con, tmp_path, "doc1", [Other("x")], [Thing])
    assert con.execute("select count(*) from raw.things").fetchone() == (1,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc1"]  # the folder of the first version, alone


def test_new_fields_become_new_columns(tmp_path):
    con = duckdb.connect()
    con.execute("create schema raw; create table raw.things (document_id varchar, name varchar)")
    _land(con, tmp_path, "d", [Thing("a", Decimal(1), 2, True)], [Thing])
    assert con.execute("select amount, flag from raw.things").fetchone() == (Decimal("1.00000000"), True)


def test_replace_all():
    con = duckdb.connect()
    replace_all(con, "audit", Other, {"d1": [Other("x")], "d2": [Other("y"), Other("z")]})
    assert replace_all(con, "audit", Other, {"d1": [Other("x")]}) == 1
    assert con.execute("select document_id, note from audit.others").fetchall() == [("d1", "x")]


def test_a_document_that_cannot_be_written_is_quarantined_not_lost(tmp_path):
    """A value outside the landing types (more than 8 decimals) fails that document alone."""
    from pipelines.ingest import DocumentRecord, IngestResult, RECORD_TYPES, SourceFile, quarantine_after_failure
    from pipelines.extract.records import Figure

    con = duckdb.connect()
    doc = DocumentRecord("a.txt", "txt", "final_accounts", "某局", 2023, None, None, "loaded", None, 10, "now")
    bad = Figure("totals", "income_total", "amount", 2023, None, Decimal("1.123456789123"), "万元", 12, "x", None,
                 None, None, "line 1", "x")
    result = IngestResult("d", "loaded", None, [doc, SourceFile("a.txt"), bad])
    with pytest.raises(Exception):
        _land(con, tmp_path, "d", result.records, RECORD_TYPES)
    quarantined = quarantine_after_failure(result, ValueError("rescale"))
    _land(con, tmp_path, "d", quarantined.records, RECORD_TYPES)
    assert con.execute("select status, quarantine_reason from raw.documents").fetchall() == [
        ("quarantined", "could not be loaded: ValueError('rescale')")]
    assert con.execute("select count(*) from raw.figures").fetchone() == (0,)


def test_documents_whose_file_left_are_withdrawn_and_their_rows_kept():
    from pipelines.warehouse.landing import WITHDRAWN_REASON, mark_withdrawn

    con = duckdb.connect()
    assert mark_withdrawn(con, set()) == 0  # nothing loaded yet
    con.execute("create table raw.documents as select * from (values ('a', 'loaded', null), ('b', 'loaded', null), "
                "('c', 'quarantined', 'empty file')) t(document_id, status, quarantine_reason)")
    con.execute("create table raw.figures as select 'b' as document_id, 1 as value")
    assert mark_withdrawn(con, {"a"}) == 1
    assert con.execute("select document_id, status, quarantine_reason from raw.documents order by 1").fetchall() == [
        ("a", "loaded", None), ("b", "withdrawn", WITHDRAWN_REASON), ("c", "quarantined", "empty file")]
    assert con.execute("select count(*) from raw.figures").fetchone() == (1,)  # nothing is deleted
    assert mark_withdrawn(con, {"a"}) == 0  # idempotent

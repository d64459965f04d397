"""DOCX reader: body order, the merge rules of the text rendition, and equality with the TXT reference."""
import dataclasses
from io import BytesIO
from pathlib import Path

import docx
import pytest

from pipelines.documents.docx_reader import DocxReadError, read_docx
from pipelines.documents.model import Paragraph, Table
from pipelines.documents.text_reader import read_text
from pipelines.extract.department_kpi import extract_department_kpi
from pipelines.extract.project_records import ProjectFundingRow, ProjectKpiRow, ProjectTable
from pipelines.extract.project_tables import extract_project_tables

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _docx_bytes(document) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _merged_table_docx() -> bytes:
    """Paragraph, a 3x3 table with a horizontal merge (row 1) and a vertical merge (col 3), paragraph."""
    document = docx.Document()
    document.add_paragraph("标题段落")
    document.add_paragraph("")  # empty paragraph: dropped, but counted in locations
    table = document.add_table(rows=3, cols=3)
    texts = [["A", "B", "C"], ["D", "E", "F"], ["G", "H", "I"]]
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(0, 1))  # gridSpan=2 → one cell
    table.cell(1, 2).merge(table.cell(2, 2))  # vMerge restart + continue → empty continuation cell
    cell = table.cell(2, 0)
    cell.add_paragraph("第二段")  # two paragraphs in one cell → joined with '\n'
    document.add_paragraph("表后段落")
    return _docx_bytes(document)


def test_merge_rules_give_the_text_rendition_grid():
    document = read_docx("id", "tiny.docx", _merged_table_docx())
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    table = next(document.tables())
    grid = [row.texts for row in table.rows]
    # python-docx's merge keeps the text of both merged cells, one paragraph each
    assert grid == [["A\nB", "C"], ["D", "E", "F\nI"], ["G\n第二段", "H", ""]]
    assert [c.location for c in table.rows[2].cells] == ["table 1 row 3 col 1", "table 1 row 3 col 2",
                                                        "table 1 row 3 col 3"]


def test_paragraph_locations_count_every_body_paragraph():
    document = read_docx("id", "tiny.docx", _merged_table_docx())
    paragraphs = list(document.paragraphs())
    assert [(p.text, p.location) for p in paragraphs] == [("标题段落", "paragraph 1"), ("表后段落", "paragraph 3")]
    assert document.file_format == "docx"


def test_trailing_grid_padding_is_dropped_only_when_the_writer_marks_written_cells():
    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    table.cell(0, 0).text = "合计"
    table.cell(0, 1).text = "100"
    table.cell(0, 2).text = ""  # written but empty: an empty run → a real cell
    # cells (0, 3) and row 2 col 2-4 were never written: grid padding
    table.cell(1, 0).text = "评价结论"
    padded = read_docx("id", "padded.docx", _docx_bytes(document))
    assert [r.texts for r in next(padded.tables()).rows] == [["合计", "100", ""], ["评价结论"]]

    plain = docx.Document()
    table = plain.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "a"  # no written-empty cell anywhere: every cell is kept
    unpadded = read_docx("id", "plain.docx", _docx_bytes(plain))
    assert [r.texts for r in next(unpadded.tables()).rows] == [["a", "", ""]]


@pytest.mark.parametrize("data", [b"PK\x03\x04 truncated", b"not a zip at all", b""])
def test_unreadable_word_file_raises_a_clear_error(data):
    with pytest.raises(DocxReadError, match="unreadable Word document"):
        read_docx("id", "broken.docx", data)


# --- the reference report: DOCX == TXT ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def reference():
    txt = read_text("t", "luzhou_hrss_2023.txt", (FIXTURES / "luzhou_hrss_2023.txt").read_text("utf-8-sig"))
    word = read_docx("d", "luzhou_hrss_2023.docx", (FIXTURES / "luzhou_hrss_2023.docx").read_bytes())
    return txt, word


def _without_location(records: list) -> list:
    return [dataclasses.replace(r, source_location="") for r in records]


def test_reference_docx_has_the_paragraphs_and_rows_of_the_text_rendition(reference):
    txt, word = reference
    assert [p.text.strip() for p in word.paragraphs()] == [p.text.strip() for p in txt.paragraphs()]
    assert len(list(word.paragraphs())) == 529
    txt_rows = [[c.text.strip() for c in r.cells] for r in txt.rows()]
    word_rows = [[c.text.strip() for c in r.cells] for r in word.rows()]
    assert len(word_rows) == 1440
    assert word_rows == txt_rows


def test_reference_docx_gives_the_same_project_table_records(reference):
    txt, word = reference
    from_txt = _without_location(extract_project_tables(txt))
    from_word = _without_location(extract_project_tables(word))
    assert len(from_word) == 821
    assert sum(isinstance(r, ProjectTable) for r in from_word) == 56
    assert sum(isinstance(r, ProjectFundingRow) for r in from_word) == 56 * 5
    assert sum(isinstance(r, ProjectKpiRow) for r in from_word) == sum(isinstance(r, ProjectKpiRow) for r in from_txt)
    assert from_word == from_txt


def test_reference_docx_gives_the_same_department_kpi_records(reference):
    txt, word = reference
    assert _without_location(extract_department_kpi(word)) == _without_location(extract_department_kpi(txt))


def test_reference_docx_locations(reference):
    _, word = reference
    first_table = next(word.tables())
    assert isinstance(word.blocks[0], Paragraph) and word.blocks[0].location == "paragraph 1"
    assert isinstance(first_table, Table) and first_table.rows[0].cells[0].location == "table 1 row 1 col 1"

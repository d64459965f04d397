"""A report printed twice in one file is read once, with a finding; a report's own repeated prose or two
statements that happen to print the same numbers are left alone."""
import shutil
from pathlib import Path

from pipelines.documents.model import Cell, Document, Paragraph, Row, Table
from pipelines.documents.readers import read_document
from pipelines.documents.repetition import block_signature, find_repeats, read_once
from pipelines.extract.records import ExtractionIssue, Figure
from pipelines.ingest import LOADED, ingest_file
from tests.conftest import FIXTURES, REFERENCE_TXT

REFERENCE = REFERENCE_TXT.read_text(encoding="utf-8")


def _text_document(text: str) -> Document:
    return read_document("d", "x.txt", "txt", text.encode("utf-8"))


def _figures(result) -> list[tuple]:
    return sorted((f.family, f.subject, f.measure, f.fiscal_year, str(f.value), f.source_location)
                  for f in result.records if isinstance(f, Figure))


def test_the_reference_report_has_no_repetition_though_it_prints_its_duty_list_twice():
    document = _text_document(REFERENCE)
    assert read_once(document) == (document, [])


def test_a_report_concatenated_with_itself_is_read_once_with_a_finding(tmp_path):
    single, doubled = tmp_path / "single.txt", tmp_path / "doubled.txt"
    shutil.copy(REFERENCE_TXT, single)
    doubled.write_text(REFERENCE + "\n" + REFERENCE, encoding="utf-8")
    once, twice = ingest_file([single]), ingest_file([doubled])
    assert twice.status == LOADED
    assert _figures(twice) == _figures(once)  # the same facts at the same locations: the first copy's
    findings = [r for r in twice.records if isinstance(r, ExtractionIssue) and r.extractor == "repetition"]
    assert [(f.severity, f.source_location) for f in findings] == [("warning", "line 12547")]
    assert "line 12547 – line 25091 repeats line 1 – line 12545" in findings[0].message


def test_a_report_printed_three_times_keeps_the_first_copy():
    document = _text_document("\n".join([REFERENCE] * 3))
    once, notes = read_once(document)
    assert len(once.blocks) == len(_text_document(REFERENCE).blocks)
    assert [location for location, _ in notes] == ["line 12547", "line 25093"]


def test_an_annex_report_appended_again_is_read_once():
    lines = REFERENCE.split("\n")
    annex = lines.index("附件2")
    document = _text_document("\n".join(lines + lines[annex:]))
    once, notes = read_once(document)
    assert len(once.blocks) == len(_text_document(REFERENCE).blocks)
    assert len(notes) == 1 and notes[0][1].startswith(f"printed again: line {len(lines) + 1} ")


def _statement(title: str, page: int) -> list:
    rows = tuple(Row((Cell(code, "c"), Cell(amount, "c")), "r") for code, amount in
                 (("204", "13,641.34"), ("20404", "13,641.34"), ("2040401", "7,968.14"), ("2040402", "3,644.20"),
                  ("2040499", "2,029.00"), ("205", "1,200.50"), ("20502", "1,200.50"), ("2050201", "900.25")))
    return [Paragraph(title, f"page {page} line 1"), Paragraph("部门：某局 单位：万元", f"page {page} line 2"),
            Table(rows, f"page {page} table 1"), Paragraph(str(page), f"page {page} line 3")]


def test_two_statements_printing_the_same_numbers_under_different_titles_are_both_kept():
    # A department funded only by the general public budget prints its 财政拨款支出 and 一般公共预算支出
    # statements alike (江苏省人民检察院 2017): same unit line, same table — different titles.
    blocks = _statement("五、财政拨款支出预算表", 12) + _statement("八、一般公共预算支出预算表", 14)
    document = Document("d", "x.pdf", "pdf", blocks)
    assert read_once(document) == (document, [])


def test_the_same_statement_printed_twice_with_its_title_is_a_repetition():
    blocks = _statement("五、财政拨款支出预算表", 12) + _statement("五、财政拨款支出预算表", 12)
    repeats = find_repeats([block_signature(b) for b in blocks])
    assert [(r.original, r.copy) for r in repeats] == [(range(0, 4), range(4, 8))]


def test_a_single_paragraph_printed_twice_is_left_to_the_build_checks():
    # One sentence printed twice is too little to call a repetition; the warehouse's keys catch what it
    # duplicates, and the build quarantines that document alone (tests/e2e/test_run_isolation.py).
    poison = (FIXTURES / "poison" / "figure_printed_twice.txt").read_text(encoding="utf-8")
    document = _text_document(poison)
    assert read_once(document) == (document, [])

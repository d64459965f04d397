"""The PDF reader's output is pinned: every paragraph, table, row and cell (text, location, grid column, span)
of the reference report and of the three Shanghai reports, as the reader wrote them before it was made faster.

The snapshots in tests/fixtures/pdf_reader/ are a regression record of the previous implementation (commit
dbb71e5, whose own correctness is shown by tests/unit/test_pdf_reader.py and the format-equality e2e test
against hand-checked text renditions): the speed-up had to keep the output identical, byte for byte.
Regenerate them only for a deliberate change of the reader's output, and review the diff
(`PYTHONPATH=. python tests/unit/test_pdf_reader_snapshot.py`).
"""
import json
from pathlib import Path

import pytest

from pipelines.documents.model import Cell, Document, Paragraph, Row, Table
from pipelines.documents.pdf_reader import read_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SNAPSHOTS = FIXTURES / "pdf_reader"
PDFS = {
    "luzhou_hrss_2023": FIXTURES / "luzhou_hrss_2023.pdf",
    "S01": FIXTURES / "peer" / "S01_putuo_czj_2024_final_GOOD.pdf",
    "S03": FIXTURES / "peer" / "S03_putuo_shgzb_2024_final.pdf",
    "S04": FIXTURES / "peer" / "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf",
}


def encode_cell(cell: Cell, row_location: str) -> list:
    """[text, column, span], plus [location, line] when the location is not the row's "… col <column>"
    (a padding cell) or a line is set — so the encoding loses nothing."""
    entry = [cell.text, cell.column, cell.span]
    if cell.location != f"{row_location} col {cell.column}" or cell.line is not None:
        entry += [cell.location, cell.line]
    return entry


def encode_row(row: Row) -> list:
    return ["R", row.location, row.line, [encode_cell(c, row.location) for c in row.cells]]


def encode_document(document: Document) -> list[str]:
    """One JSON line per paragraph, table start and row, in document order (readable diffs)."""
    lines = [json.dumps(["D", document.source_file, document.file_format], ensure_ascii=False)]
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.append(json.dumps(["P", block.location, block.line, block.text], ensure_ascii=False))
            continue
        assert isinstance(block, Table)
        lines.append(json.dumps(["T", block.location, block.line, len(block.rows)], ensure_ascii=False))
        lines.extend(json.dumps(encode_row(row), ensure_ascii=False) for row in block.rows)
    return lines


def _read(key: str) -> Document:
    return read_pdf(key, PDFS[key].name, PDFS[key].read_bytes())


@pytest.mark.parametrize("key", list(PDFS))
def test_the_reader_reproduces_the_pinned_document(key):
    expected = (SNAPSHOTS / f"{key}.jsonl").read_text(encoding="utf-8").splitlines()
    actual = encode_document(_read(key))
    first_difference = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), None)
    assert first_difference is None, \
        f"line {first_difference + 1}:\n expected {expected[first_difference]}\n actual   {actual[first_difference]}"
    assert len(actual) == len(expected)


def test_the_snapshot_is_the_whole_document():
    # guards the encoding itself: a snapshot that held a few blocks only would pin nothing
    counts = {key: sum(1 for line in (SNAPSHOTS / f"{key}.jsonl").open(encoding="utf-8") if line.startswith('["R"'))
              for key in PDFS}
    assert counts["luzhou_hrss_2023"] == 1440  # the rows of the text rendition (test_pdf_reader)
    assert all(counts[key] > 100 for key in ("S01", "S03", "S04"))


if __name__ == "__main__":
    SNAPSHOTS.mkdir(exist_ok=True)
    for name in PDFS:
        (SNAPSHOTS / f"{name}.jsonl").write_text("\n".join(encode_document(_read(name))) + "\n", encoding="utf-8")

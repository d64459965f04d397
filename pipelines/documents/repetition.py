"""A report printed more than once in one file: found, and the later copies set aside before extraction.

A file that holds the same statements twice (a report concatenated with itself, a PDF whose pages were
exported twice, an annex appended again) would give every figure twice; the warehouse's keys then
reject the whole document. The copies are identical, so reading the first copy loses nothing: the later
copies are removed from what the extractors read and recorded as a finding (where each copy was
printed). The text of every copy stays in the document's source text.

Identical text is not always a repetition: a report may legitimately print its list of duties twice, or
a table of contents before the headings it lists. What makes a repetition harmful is repeated figures,
so a repeated run of blocks counts only when it carries amounts (``MIN_AMOUNTS`` numbers with a decimal
point or thousands separator, or of at least three digits). And two statements may print the same
numbers under different titles (a department funded only by the general public budget prints its
财政拨款支出 and 一般公共预算支出 tables alike): a run counts only with ``MIN_BLOCKS`` blocks, so that it
takes in the text around a table — its title — and not the table alone.

Pure: a Document in, a Document and the repeats out.
"""
import re
from dataclasses import dataclass

from .model import Block, Document, Paragraph

# A repeated run with fewer amounts than this is prose or headings printed twice, not repeated statements.
MIN_AMOUNTS = 10
MIN_BLOCKS = 3
_AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{3,}")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Repeat:
    """Blocks ``copy`` (half-open block indexes) repeat blocks ``original`` block for block."""

    original: range
    copy: range
    amounts: int


def block_signature(block: Block) -> str:
    """The printed text of a block without whitespace (line wrapping and spacing differ between renditions)."""
    if isinstance(block, Paragraph):
        return _SPACE.sub("", block.text)
    return "\n".join("\t".join(_SPACE.sub("", cell.text) for cell in row.cells) for row in block.rows)


def _amounts(signature: str) -> int:
    return len(_AMOUNT.findall(signature))


def find_repeats(signatures: list[str], min_amounts: int = MIN_AMOUNTS, min_blocks: int = MIN_BLOCKS) -> list[Repeat]:
    """Maximal runs of consecutive blocks printed again later in the same order (non-overlapping copies)."""
    positions: dict[str, list[int]] = {}
    for index, signature in enumerate(signatures):
        if signature:
            positions.setdefault(signature, []).append(index)
    amounts = [_amounts(s) for s in signatures]
    seen: set[tuple[int, int]] = set()  # pairs of blocks already walked: each diagonal is walked once
    runs: dict[tuple[int, int], int] = {}  # (first block of the original, of the copy) → length
    for index_list in positions.values():
        for n, i in enumerate(index_list):
            for j in index_list[n + 1:]:
                if (i, j) in seen:
                    continue
                first, second = i, j  # walk back to the run's first pair, then forward to its last
                while first > 0 and signatures[first - 1] == signatures[second - 1]:
                    first, second = first - 1, second - 1
                    seen.add((first, second))
                length = 0
                while second + length < len(signatures) and first + length < second \
                        and signatures[first + length] == signatures[second + length]:
                    seen.add((first + length, second + length))
                    length += 1
                runs[(first, second)] = length
    repeats = []
    for (first, second), length in runs.items():
        run_amounts = sum(amounts[first:first + length])
        printed_blocks = sum(1 for s in signatures[first:first + length] if s)
        if run_amounts >= min_amounts and printed_blocks >= min_blocks:
            repeats.append(Repeat(range(first, first + length), range(second, second + length), run_amounts))
    return sorted(repeats, key=lambda r: (r.copy.start, r.original.start))


def later_copies(repeats: list[Repeat]) -> list[Repeat]:
    """The repeats whose copy is set aside: every later copy of a first copy that is kept (of a report
    printed three times, the second and third copies repeat the first; the third also repeats the second,
    which is already set aside)."""
    applied: list[Repeat] = []
    dropped: set[int] = set()
    for repeat in sorted(repeats, key=lambda r: r.original.start):
        if repeat.original.start not in dropped:
            applied.append(repeat)
            dropped.update(repeat.copy)
    return applied


def _span(document: Document, blocks: range) -> str:
    return f"{document.blocks[blocks.start].location} – {document.blocks[blocks.stop - 1].location}"


def describe(document: Document, repeat: Repeat) -> str:
    return (f"printed again: {_span(document, repeat.copy)} repeats {_span(document, repeat.original)} "
            f"({len(repeat.copy)} blocks, {repeat.amounts} amounts); read once, from the first copy")


def read_once(document: Document) -> tuple[Document, list[tuple[str, str]]]:
    """The document without the later copies of repeated statements, and for each copy set aside where it
    starts and what it repeats."""
    repeats = find_repeats([block_signature(b) for b in document.blocks])
    if not repeats:
        return document, []
    applied = later_copies(repeats)
    dropped = {i for r in applied for i in r.copy}
    kept = [b for i, b in enumerate(document.blocks) if i not in dropped]
    notes = [(document.blocks[r.copy.start].location, describe(document, r)) for r in applied]
    return Document(document.document_id, document.source_file, document.file_format, kept), notes

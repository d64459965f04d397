"""A statement's header: which rows are header rows, which columns hold keys and which values, the printed
header path of each value column ("本年支出 / 基本支出") and its canonical key.

Two ways to place a cell on the table's grid:
* by position — the PDF, Word and spreadsheet readers give every cell its first grid column and span, so a
  header cell spanning several columns ("公务用车购置及运行费" over six) labels each of them, and the path of a
  column is the text of every header cell above it, top to bottom;
* by count — a text rendition gives only the cells of a row. A header row is split at its key words (项目,
  科目名称 …) into blocks; each block's value labels map to the block's value columns in order when the counts
  agree, and a row of exactly one label per block labels whole blocks (收入 | 支出). A header row that fits
  neither (labels spanning columns) is not used; when the keys stay incomplete and the statement's template
  has as many columns, its template order is used and the fact recorded.

Columns under key words are key columns (codes, names); a block is a run of key columns followed by a run
of value columns — a row may hold several blocks side by side (收入 | 支出; two code|name|amount blocks).
"""
import re
from dataclasses import dataclass

from pipelines.documents.model import Row
from pipelines.layouts import StatementDef, vocabulary
from pipelines.parsing.labels import compact
from pipelines.parsing.numbers import normalize

from .locate import UNIT_RE

AMOUNT_RE = re.compile(r"^[-+－]?\d[\d,]*(?:\.\d+)?$")
CODE_RE = re.compile(r"^\d{2,7}$")
_MAX_HEADER_ROWS = 8


@dataclass(frozen=True)
class Column:
    seq: int  # value column in printed order (1-based over the whole row)
    grid: int | None  # grid column (by position), None when placed by count
    block: int  # 1-based
    key: str | None
    label: str  # printed header path, " / "-joined


@dataclass(frozen=True)
class Block:
    seq: int
    key_grid: tuple[int, ...]  # grid columns of the key cells (by position)
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Header:
    rows: int  # header rows at the top of the statement
    blocks: tuple[Block, ...]
    by_position: bool
    notes: tuple[str, ...]  # what could not be understood, for extraction issues

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for b in self.blocks for c in b.columns)


def is_amount(text: str) -> bool:
    return bool(AMOUNT_RE.match(normalize(text).replace(" ", "")))


def is_code(text: str) -> bool:
    return bool(CODE_RE.match(normalize(text)))


def _key_words() -> frozenset[str]:
    return frozenset(vocabulary("header_key_words").entries)


def is_key_word(text: str) -> bool:
    return compact(text) in _key_words()


def _is_header_word(text: str, definition: StatementDef | None) -> bool:
    if not compact(text):
        return False
    if is_key_word(text):
        return True
    return definition is not None and (definition.header_slot(text) is not None or definition.is_neutral(text))


def _is_data_row(row: Row) -> bool:
    return any(is_amount(t) or is_code(t) for t in row.texts)


def header_row_count(rows: tuple[Row, ...], definition: StatementDef | None) -> int:
    """Rows up to the last row holding a header word, above the first row holding an amount or a code."""
    last = -1
    for i, row in enumerate(rows[:_MAX_HEADER_ROWS]):
        if _is_data_row(row):
            break
        if any(_is_header_word(t, definition) for t in row.texts):
            last = i
    return last + 1


def _placed(row: Row) -> bool:
    return bool(row.cells) and all(c.column is not None for c in row.cells)


def _segment(text: str) -> str | None:
    """A header cell's text as a path segment (as printed, line breaks and spaces removed); None for an empty
    cell or a unit line."""
    printed = re.sub(r"\s+", "", text)
    if not printed or UNIT_RE.search(normalize(printed)):
        return None
    return printed


def _key_of(segments: list[str], definition: StatementDef | None, notes: list[str]) -> str | None:
    if definition is None:
        return None
    filled: dict[str, str] = {}
    for segment in segments:
        slot = definition.header_slot(segment)
        if slot is not None:
            filled[slot[0]] = slot[1]  # the deepest header row wins
        elif not definition.is_neutral(segment) and not is_key_word(segment):
            notes.append(f"unknown header word {segment!r}")
    return "_".join(filled[s] for s in definition.slots if s in filled) or None


# --- by position ------------------------------------------------------------------------------------------

def _grid_paths(header: tuple[Row, ...], width: int) -> dict[int, list[str]]:
    paths: dict[int, list[str]] = {c: [] for c in range(1, width + 1)}
    for row in header:
        for cell in row.cells:
            segment = _segment(cell.text)
            if segment is None:
                continue
            for column in range(cell.column, min(cell.column + cell.span, width + 1)):
                if not paths[column] or paths[column][-1] != segment:
                    paths[column].append(segment)
    return paths


def _blocks_by_position(header: tuple[Row, ...], data: tuple[Row, ...], definition: StatementDef | None,
                        notes: list[str]) -> tuple[Block, ...]:
    width = max((c.column + c.span - 1 for r in header + data if _placed(r) for c in r.cells), default=0)
    paths = _grid_paths(header, width)
    holds_amount = {c.column for r in data if _placed(r) for c in r.cells if is_amount(c.text)}
    kinds = []
    for column in range(1, width + 1):
        path = paths[column]
        if any(is_key_word(s) for s in path):
            kinds.append("key")
        elif path and any(not (definition and definition.is_neutral(s)) for s in path):
            kinds.append("value")
        else:  # no header over it: a value column if the data print amounts there
            kinds.append("value" if column in holds_amount else "key")
    blocks: list[Block] = []
    keys: list[int] = []
    values: list[Column] = []
    seq = 0
    for column, kind in zip(range(1, width + 1), kinds):
        if kind == "key" and values:
            blocks.append(Block(len(blocks) + 1, tuple(keys), tuple(values)))
            keys, values = [], []
        if kind == "key":
            keys.append(column)
        else:
            seq += 1
            values.append(Column(seq, column, len(blocks) + 1, _key_of(paths[column], definition, notes),
                                 " / ".join(paths[column])))
    if values:
        blocks.append(Block(len(blocks) + 1, tuple(keys), tuple(values)))
    return tuple(blocks)


# --- by count ---------------------------------------------------------------------------------------------

def _split_at_key_words(texts: list[str]) -> list[tuple[int, list[str]]]:
    """(key cells, value labels) per block of a header row read by count."""
    blocks: list[tuple[int, list[str]]] = []
    for text in texts:
        if is_key_word(text):
            if not blocks or blocks[-1][1]:
                blocks.append((0, []))
            blocks[-1] = (blocks[-1][0] + 1, blocks[-1][1])
        else:
            if not blocks:
                blocks.append((0, []))
            blocks[-1][1].append(text)
    return blocks


def _blocks_by_count(header: tuple[Row, ...], data: tuple[Row, ...], definition: StatementDef | None,
                     notes: list[str]) -> tuple[Block, ...]:
    shapes = [_split_at_key_words([t for t in r.texts if compact(t)]) for r in header]
    keyed = [s for s in shapes if any(k for k, _ in s)]
    shape = max(keyed, key=len) if keyed else None
    widest = max((len(r.cells) for r in data), default=0)
    counts = [len(labels) for _, labels in shape] if shape else [widest]
    if shape is None and header:
        counts = [max(len([t for t in r.texts if compact(t)]) for r in header)] if widest == 0 else [widest]
    paths: list[list[list[str]]] = [[[] for _ in range(n)] for n in counts]
    aligned = True
    for row in header:
        texts = [t for t in row.texts if compact(t) and _segment(t)]
        split = _split_at_key_words(texts)
        labels = [lab for _, lab in split]
        if len(texts) == len(counts) and not any(is_key_word(t) for t in texts):
            for b, text in enumerate(texts):  # one label per block (收入 | 支出)
                for path in paths[b]:
                    path.append(_segment(text))
        elif [len(x) for x in labels] == counts:
            for b, block_labels in enumerate(labels):
                for path, text in zip(paths[b], block_labels):
                    path.append(_segment(text))
        elif any(labels):  # value labels that span columns: not placeable by count
            aligned = False
    blocks: list[Block] = []
    seq = 0
    for b, block_paths in enumerate(paths):
        columns = []
        for path in block_paths:
            seq += 1
            columns.append(Column(seq, None, b + 1, _key_of(path, definition, notes), " / ".join(path)))
        blocks.append(Block(b + 1, (), tuple(columns)))
    return _template_keys(tuple(blocks), definition, aligned, notes)


def _template_keys(blocks: tuple[Block, ...], definition: StatementDef | None, aligned: bool,
                   notes: list[str]) -> tuple[Block, ...]:
    columns = [c for b in blocks for c in b.columns]
    if definition is None or not definition.template_columns or len(columns) != len(definition.template_columns):
        return blocks
    unique_in_blocks = all(len({c.key for c in b.columns}) == len(b.columns) for b in blocks)
    if aligned and all(c.key for c in columns) and unique_in_blocks:
        return blocks
    notes.append("column keys taken from the template's column order (the header could not be aligned)")
    keys = iter(definition.template_columns)
    return tuple(Block(b.seq, b.key_grid, tuple(Column(c.seq, c.grid, c.block, next(keys), c.label)
                                                for c in b.columns)) for b in blocks)


def read_header(rows: tuple[Row, ...], definition: StatementDef | None) -> Header:
    count = header_row_count(rows, definition)
    header, data = rows[:count], rows[count:]
    notes: list[str] = []
    by_position = all(_placed(r) for r in rows if r.cells)
    if by_position:
        blocks = _blocks_by_position(header, data, definition, notes)
        blocks = _template_keys(blocks, definition, True, notes)
    else:
        blocks = _blocks_by_count(header, data, definition, notes)
    return Header(count, blocks, by_position, tuple(dict.fromkeys(notes)))

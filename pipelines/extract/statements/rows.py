"""A statement's data rows: each printed row split into its blocks, each block's key (code, label, level) and
its value cells.

The key of a block is its printed code — functional (支出功能分类: 3/5/7 digits → class/kuan/xiang) or
economic (经济分类: 3/5 digits → economic_class/economic_item), printed joined ("2013901") or split over
类|款|项 cells ("201" | "06" | "01") — and its label (科目名称 or line label). A row without code is a total
(合计, 本年收入合计 …), a 类 printed by name only (the expenditure lines of the summary statements) or a line.
"""
from dataclasses import dataclass

from pipelines.classification.function_codes import load_function_classification
from pipelines.documents.model import Cell, Row
from pipelines.layouts import vocabulary
from pipelines.parsing.labels import compact, label_key, printed_label
from pipelines.parsing.numbers import normalize

from .header import Block, Column, Header, is_code, is_key_word

FUNCTIONAL_LEVELS = {3: "class", 5: "kuan", 7: "xiang"}
ECONOMIC_LEVELS = {3: "economic_class", 5: "economic_item"}


@dataclass(frozen=True)
class BlockRow:
    """One block of one printed row: its key and its value cells (None where the row prints no cell)."""

    row_seq: int
    block: Block
    code: str | None
    label: str | None
    level: str
    values: tuple[tuple[Column, Cell | None], ...]
    row: Row
    problem: str | None = None  # why the row's cells could not all be placed


def _class_names() -> frozenset[str]:
    return frozenset(label_key(e.name) for e in load_function_classification() if e.level == "class")


def row_level(code: str | None, label: str | None, row_codes: str) -> str:
    if code:
        levels = ECONOMIC_LEVELS if row_codes == "economic" else FUNCTIONAL_LEVELS
        return levels.get(len(code), "line")
    key = label_key(label or "")
    if key in vocabulary("total_rows").entries:
        return "total"
    if row_codes == "none" and key in _class_names():
        return "class"
    return "line"


def block_key(cells: list[Cell], row_codes: str) -> tuple[str | None, str | None, str]:
    """(code, label, level) from a block's key cells; header words (类/款/项) printed in a data row are skipped."""
    texts = [normalize(c.text) for c in cells if compact(c.text) and not is_key_word(c.text)]
    codes = [t for t in texts if is_code(t)]
    names = [c.text for c in cells if compact(c.text) and not is_key_word(c.text) and not is_code(c.text)]
    code = "".join(codes) or None
    label = printed_label(names[-1]) if names else None
    return code, label, row_level(code, label, row_codes)


def _by_position(row: Row, header: Header) -> list[tuple[Block, list[Cell], dict[int, Cell]]]:
    value_at = {c.grid: c for c in header.columns}
    parts = {b.seq: ([], {}) for b in header.blocks}
    for cell in row.cells:
        column = value_at.get(cell.column)
        if column is not None:
            parts[column.block][1][column.seq] = cell
            continue
        block = next((b for b in header.blocks if cell.column in b.key_grid), None)
        if block is None:  # left of the first key column: the first block's key (a label spanning it)
            block = next((b for b in header.blocks if b.key_grid and cell.column < b.key_grid[0]), header.blocks[0])
        parts[block.seq][0].append(cell)
    return [(b, *parts[b.seq]) for b in header.blocks]


def _by_count(row: Row, header: Header) -> tuple[list[tuple[Block, list[Cell], dict[int, Cell]]], str | None]:
    cells = list(row.cells)
    values = sum(len(b.columns) for b in header.blocks)
    keys = len(cells) - values
    n = len(header.blocks)
    if keys < 0 or keys % n:
        if n == 1 and keys >= 0:
            keys_per_block = keys
        else:
            return [], f"a row of {len(cells)} cells does not fit {n} block(s) of {values} value column(s)"
    else:
        keys_per_block = keys // n
    parts = []
    at = 0
    for block in header.blocks:
        key_cells = cells[at:at + keys_per_block]
        at += keys_per_block
        value_cells = {c.seq: cells[at + i] for i, c in enumerate(block.columns)}
        at += len(block.columns)
        parts.append((block, key_cells, value_cells))
    return parts, None


def block_rows(rows: tuple[Row, ...], header: Header, row_codes: str) -> list[BlockRow]:
    """Every non-empty block of every data row, in printed order."""
    found: list[BlockRow] = []
    index = 0
    for row in rows[header.rows:]:
        if not any(compact(t) for t in row.texts):
            continue  # an empty row (a page break in a PDF) is not counted: row_seq is the same in every format
        index += 1
        placed = header.by_position and all(c.column is not None for c in row.cells)
        parts, problem = (_by_position(row, header), None) if placed else _by_count(row, header)
        if problem:
            found.append(BlockRow(index, header.blocks[0], None, None, "line", (), row, problem))
            continue
        for block, key_cells, value_cells in parts:
            code, label, level = block_key(key_cells, row_codes)
            values = tuple((c, value_cells.get(c.seq)) for c in block.columns)
            if code is None and label is None and not any(cell and compact(cell.text) for _, cell in values):
                continue  # nothing printed in this block of the row
            found.append(BlockRow(index, block, code, label, level, values, row))
    return found

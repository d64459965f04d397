"""Landing records of the statement reader: one per statement table, one per printed value cell."""
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from pipelines.extract.records import Provenance


@dataclass(frozen=True)
class StatementRecord(Provenance):
    """One statement table of a document (its continuation pages joined), recognised or not."""

    table: ClassVar[str] = "statements"

    statement_seq: int  # order of the statement tables in the document
    statement: str | None  # canonical code; None for a statement-like table whose title is not in the catalogue
    statement_title: str  # as printed
    occurrence: int  # 1 for the first table of this statement in the document, 2 for a second print …
    printed_unit: str | None  # from the statement's own 单位 line
    is_empty: bool  # no value cell holds a number (本表无数据, or simply blank)
    note: str | None  # text printed under the table (注：…本表无数据)
    header_rows: int
    data_rows: int
    value_cells: int
    printed_cells: int  # value cells holding a number
    column_keys: str | None  # the column keys in printed order, " | "-joined (None where unknown)
    column_labels: str | None  # the printed header paths, " | "-joined
    source_location: str  # where the table starts
    source_text: str  # the title as printed


@dataclass(frozen=True)
class StatementCell(Provenance):
    """One value cell of a statement row: the row's key (code or label) × the column's key."""

    table: ClassVar[str] = "statement_cells"

    statement_seq: int
    statement: str | None
    statement_title: str
    row_seq: int  # data row of the statement (1-based, continuation pages included)
    block_seq: int  # side-by-side blocks of one printed row (收入 | 支出; two code|name|amount blocks)
    row_code: str | None  # functional or economic code as printed (split 类|款|项 cells joined)
    row_label: str | None  # the row's label, whitespace and list numbering removed
    row_level: str  # class, kuan, xiang, economic_class, economic_item, total, line
    row_key: str | None  # the label's key in the statement's row vocabularies (income_sources, fiscal_funds …)
    row_occurrence: int  # 1, or n for the n-th row of the block with this code and label
    column_seq: int  # value column in printed order (1-based)
    column_key: str | None  # canonical (statements.yml vocabulary); None when the header is not understood
    column_label: str  # the printed header path, segments joined with " / "
    raw_text: str | None  # the cell as printed; None for a blank cell
    value: Decimal | None  # None for a blank cell (never 0) or a text that is not an amount
    printed_unit: str | None
    printed_decimals: int | None
    parse_error: str | None
    source_location: str
    source_text: str  # the printed row, cells joined with " | "

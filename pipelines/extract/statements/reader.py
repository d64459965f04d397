"""The one statement reader: every statement of a document → its cells, driven by the layout profile.

For each located statement (locate.py) the header is read (header.py), each data row split into blocks and
keyed (rows.py), and every value cell of every keyed block becomes a StatementCell — a blank cell with
``value`` None (never 0), a text that is not an amount with its parse error. The statement itself is one
StatementRecord (unit, empty or not, its note). What could not be understood is an ExtractionIssue naming
the statement and the location. No code here knows a particular statement: titles, header words, row
labels and codes come from pipelines/layouts.
"""
from pipelines.classification.function_codes import load_function_classification
from pipelines.documents.model import Cell
from pipelines.layouts import vocabulary
from pipelines.parsing.labels import compact
from pipelines.parsing.numbers import ParsedNumber, normalize, parse_amount

from ..records import ExtractionIssue
from .header import Header, is_amount, read_header
from .locate import LocatedStatement
from .records import StatementCell, StatementRecord
from .rows import BlockRow, block_rows

EXTRACTOR = "statements"
BLANKS = {"", "-", "—", "－", "/", "——", "--", "－－"}


def is_blank(text: str) -> bool:
    return normalize(text).replace(" ", "") in BLANKS


def parse_cell(text: str, unit: str | None) -> ParsedNumber:
    """A value cell holds one amount and nothing else: "1O0,000.00" is an error, not 1."""
    if not is_amount(text):
        return ParsedNumber(text, None, error=f"not an amount: {normalize(text)!r}")
    return parse_amount(normalize(text).replace(" ", ""), default_unit=unit)


def row_text(block_row: BlockRow) -> str:
    return " | ".join(block_row.row.texts)


def _row_key(statement: LocatedStatement, block_row: BlockRow) -> str | None:
    if statement.definition is None or not block_row.label:
        return None
    for name in statement.definition.row_vocabularies:
        key = vocabulary(name).key_of(block_row.label)
        if key is not None:
            return key
    return None


def _cell_record(statement: LocatedStatement, block_row: BlockRow, column, cell: Cell | None,
                 occurrence: int) -> StatementCell:
    text = cell.text if cell is not None else ""
    blank = is_blank(text)
    number = None if blank else parse_cell(text, statement.unit)
    return StatementCell(
        statement_seq=statement.seq,
        statement=statement.definition.code if statement.definition else None,
        statement_title=statement.title,
        row_seq=block_row.row_seq,
        block_seq=block_row.block.seq,
        row_code=block_row.code,
        row_label=block_row.label,
        row_level=block_row.level,
        row_key=_row_key(statement, block_row),
        row_occurrence=occurrence,
        column_seq=column.seq,
        column_key=column.key,
        column_label=column.label,
        raw_text=None if blank else text.strip(),
        value=number.value if number else None,
        printed_unit=statement.unit,
        printed_decimals=number.printed_decimals if number else None,
        parse_error=number.error if number else None,
        source_location=cell.location if cell is not None else f"{block_row.row.location} (no cell)",
        source_text=row_text(block_row),
        extractor=EXTRACTOR,
    )


def _issue(statement: LocatedStatement, message: str, location: str | None = None, text: str | None = None,
           severity: str = "warning") -> ExtractionIssue:
    code = statement.definition.code if statement.definition else "unrecognised"
    return ExtractionIssue(f"{EXTRACTOR}.{code}", severity, f"{statement.title}: {message}",
                           location or statement.location, text or statement.title)


def _known_codes() -> frozenset[str]:
    return frozenset(e.function_code for e in load_function_classification())


def _row_issues(statement: LocatedStatement, block_row: BlockRow) -> list[ExtractionIssue]:
    issues = []
    if block_row.problem:
        issues.append(_issue(statement, block_row.problem, block_row.row.location, row_text(block_row)))
    definition = statement.definition
    if block_row.code and definition is not None and definition.row_codes == "functional":
        if len(block_row.code) not in (3, 5, 7):
            issues.append(_issue(statement, f"code {block_row.code!r} is neither 类, 款 nor 项",
                                 block_row.row.location, row_text(block_row)))
        elif block_row.code not in _known_codes():
            issues.append(_issue(statement, f"printed code {block_row.code} ({block_row.label}) is not in the "
                                 "functional classification seed: kept as printed", block_row.row.location,
                                 row_text(block_row)))
    return issues


def read_statement(statement: LocatedStatement) -> tuple[list, Header]:
    """Cells and issues of one statement, and the header that was read."""
    definition = statement.definition
    header = read_header(statement.rows, definition)
    records: list = []
    if statement.unit is None:
        records.append(_issue(statement, "no 单位 line: amounts kept without a unit"))
    for note in header.notes:
        records.append(_issue(statement, note, severity="info" if "template" in note else "warning"))
    if not header.blocks:
        records.append(_issue(statement, "no value columns found"))
        return records, header
    occurrences: dict[tuple, int] = {}
    for block_row in block_rows(statement.rows, header, definition.row_codes if definition else "none"):
        records += _row_issues(statement, block_row)
        key = (block_row.block.seq, block_row.code, block_row.label)
        occurrences[key] = occurrences.get(key, 0) + 1
        for column, cell in block_row.values:
            records.append(_cell_record(statement, block_row, column, cell, occurrences[key]))
    return records, header


def statement_record(statement: LocatedStatement, header: Header, cells: list[StatementCell]) -> StatementRecord:
    printed = [c for c in cells if c.raw_text is not None]
    columns = header.columns
    return StatementRecord(
        statement_seq=statement.seq,
        statement=statement.definition.code if statement.definition else None,
        statement_title=statement.title,
        occurrence=statement.occurrence,
        printed_unit=statement.unit,
        is_empty=not any(c.value is not None for c in cells),
        note=statement.note,
        header_rows=header.rows,
        data_rows=len({c.row_seq for c in cells}),
        value_cells=len(cells),
        printed_cells=len(printed),
        column_keys=" | ".join(c.key or "?" for c in columns) or None,
        column_labels=" | ".join(c.label for c in columns) or None,
        source_location=statement.location,
        source_text=statement.title,
        extractor=EXTRACTOR,
    )


def read_statements(located: list[LocatedStatement]) -> list:
    """StatementRecord, StatementCell and ExtractionIssue records of every located statement."""
    records: list = []
    for statement in located:
        found, header = read_statement(statement)
        cells = [r for r in found if isinstance(r, StatementCell)]
        records.append(statement_record(statement, header, cells))
        records += found
        if statement.occurrence > 1 and statement.definition is not None:
            records.append(_issue(statement, f"printed again (occurrence {statement.occurrence}): a repeated "
                                  "statement; its cells are kept apart by statement_seq", severity="warning"))
        if statement.definition is None and not compact(statement.title):
            records.append(_issue(statement, "a statement-like table without a title"))
    return records

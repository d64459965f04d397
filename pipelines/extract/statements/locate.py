"""Where the statements are: tables named by a statement title, joined across their continuation pages.

A statement is recognised by its title — a paragraph shortly before the table whose text ENDS with a title
alias of the profile's statements (a department name, a year or a number such as "公开01表" may precede it;
the longest alias wins, so 财政拨款收入支出决算总表 is not read as 收入支出决算总表), or a one-cell row at the
top of the table (text renditions). Its unit is the "单位：万元" line between title and table (or a top row).

A table that follows a statement with nothing but a "续表" line, a unit line or a repeated title in between
continues it (its repeated header rows are dropped); the PDF reader already joins tables that break across
pages with the same rulings. A table under a title that names no catalogued statement but reads like one
(…决算表 / …预算表, outside the profile's other tables) is kept as an unrecognised statement: nothing is
dropped. The text printed under a table up to the next table ("注：…故本表无数据。") is its note.
"""
import re
from dataclasses import dataclass

from pipelines.documents.model import Document, Paragraph, Row, Table
from pipelines.layouts import LayoutProfile, StatementDef
from pipelines.parsing.labels import compact, label_key
from pipelines.parsing.numbers import normalize

UNIT_RE = re.compile(r"单位\s*[:：]\s*(亿元|万元|元)")
_CONTINUATION_RE = re.compile(r"^\(?续表?\)?$|^续$")
_SENTENCE_MARKS = re.compile(r"[，。；;,]")
_STATEMENT_LIKE_RE = re.compile(r"(?:决算|预算|收支|支出|收入).*表$")
_TITLE_LOOKBACK = 4  # paragraphs between a title and its table: unit line, 编制单位, a stray line
_MAX_TITLE_PREFIX = 40  # characters a department name and year may add before a title alias
_EMPTY_WORDS = ("本表无数据", "无数据", "空表", "本表为空")


@dataclass(frozen=True)
class LocatedStatement:
    seq: int
    definition: StatementDef | None  # None: a statement-like table whose title is not catalogued
    title: str  # as printed
    unit: str | None
    rows: tuple[Row, ...]  # continuation tables joined
    location: str  # of the first table
    occurrence: int  # 1, 2 … for repeated prints of one statement
    note: str | None = None


def match_title(text: str, profile: LayoutProfile) -> StatementDef | None:
    """The profile's statement a printed title names (the longest alias the title ends with)."""
    if len(text) > 120 or _SENTENCE_MARKS.search(normalize(text)):
        return None
    key = label_key(text)
    for pattern in profile.title_prefixes:
        key = pattern.sub("", key)
    best: tuple[int, StatementDef] | None = None
    for definition in profile.statements:
        for alias in definition.titles:
            if key.endswith(alias) and len(key) - len(alias) <= _MAX_TITLE_PREFIX:
                if best is None or len(alias) > best[0]:
                    best = (len(alias), definition)
    return best[1] if best else None


def is_statement_like(text: str, profile: LayoutProfile) -> bool:
    """An uncatalogued table title that still reads as a financial statement (…决算表)."""
    key = label_key(text)
    if len(key) > 60 or _SENTENCE_MARKS.search(normalize(text)) or not _STATEMENT_LIKE_RE.search(key):
        return False
    return not any(other in key for other in profile.other_tables)


def unit_in(texts: list[str]) -> str | None:
    for text in texts:
        m = UNIT_RE.search(normalize(text))
        if m:
            return m.group(1)
    return None


def _one_cell_texts(table: Table, limit: int = 3) -> list[tuple[int, str]]:
    """(row index, text) of the top rows holding a single filled cell (title or unit rows of text renditions)."""
    found = []
    for i, row in enumerate(table.rows[:limit]):
        filled = [t for t in row.texts if t.strip()]
        if len(filled) == 1:
            found.append((i, filled[0]))
    return found


def _title_before(paragraphs: list[Paragraph], profile: LayoutProfile) -> tuple[int, StatementDef | None] | None:
    """Index (in ``paragraphs``) and statement of the last title among the paragraphs before a table."""
    near = paragraphs[-_TITLE_LOOKBACK:]
    offset = len(paragraphs) - len(near)
    for i in range(len(near) - 1, -1, -1):
        definition = match_title(near[i].text, profile)
        if definition is not None:
            return offset + i, definition
    for i in range(len(near) - 1, -1, -1):
        if is_statement_like(near[i].text, profile):
            return offset + i, None
    return None


def _only_continuation_marks(paragraphs: list[Paragraph], previous: LocatedStatement) -> bool:
    """Nothing between two tables but 续表, a unit line or the statement's own title again."""
    for paragraph in paragraphs:
        text = compact(paragraph.text)
        if _CONTINUATION_RE.match(text) or UNIT_RE.search(normalize(paragraph.text)):
            continue
        if previous.definition is not None and label_key(paragraph.text) == label_key(previous.title):
            continue
        return False
    return True


def _without_repeated_header(rows: tuple[Row, ...], first: tuple[Row, ...]) -> tuple[Row, ...]:
    """A continuation table may repeat the statement's header rows: drop those at its top."""
    header = [[compact(t) for t in r.texts] for r in first[:6]]
    start = 0
    while start < len(rows) and [compact(t) for t in rows[start].texts] in header and \
            any(compact(t) for t in rows[start].texts):
        start += 1
    return rows[start:]


def _note_of(paragraphs: list[Paragraph]) -> str | None:
    """The note printed under a statement: "注：…" lines, or any line saying the statement has no data."""
    notes = [p.text.strip() for p in paragraphs
             if normalize(p.text).startswith("注") or any(w in compact(p.text) for w in _EMPTY_WORDS)]
    return "\n".join(notes) or None


def locate_statements(document: Document, profile: LayoutProfile) -> list[LocatedStatement]:
    """Every statement table of the document, in order, with its unit, continuation rows and note."""
    found: list[LocatedStatement] = []
    since_table: list[Paragraph] = []
    occurrences: dict[str, int] = {}

    def attach_note() -> None:
        if found and since_table and found[-1].note is None:
            note = _note_of(_before_next_title(since_table, profile))
            if note:
                found[-1] = LocatedStatement(**{**found[-1].__dict__, "note": note})

    for block in document.blocks:
        if isinstance(block, Paragraph):
            since_table.append(block)
            continue
        attach_note()
        located = _statement_of(block, since_table, profile)
        previous = found[-1] if found else None
        if located is None and previous is not None and previous.rows and \
                _only_continuation_marks(since_table, previous) and _continues(previous, block):
            rows = previous.rows + _without_repeated_header(block.rows, previous.rows)
            found[-1] = LocatedStatement(**{**previous.__dict__, "rows": rows})
        elif located is not None:
            definition, title, unit, rows = located
            code = definition.code if definition else f"?{label_key(title)}"
            occurrences[code] = occurrences.get(code, 0) + 1
            found.append(LocatedStatement(len(found) + 1, definition, title, unit, rows, block.location,
                                          occurrences[code]))
        since_table = []
    attach_note()
    return found


def _before_next_title(paragraphs: list[Paragraph], profile: LayoutProfile) -> list[Paragraph]:
    """The paragraphs under a table up to the next statement title (a note never belongs to the next one)."""
    for i, paragraph in enumerate(paragraphs):
        if match_title(paragraph.text, profile) is not None:
            return paragraphs[:i]
    return paragraphs


def _continues(previous: LocatedStatement, table: Table) -> bool:
    """A following table continues a statement when its rows are as wide as the statement's widest rows."""
    width = max((len(r.cells) for r in previous.rows), default=0)
    return any(len(r.cells) == width for r in table.rows[:3])


def _statement_of(table: Table, paragraphs: list[Paragraph], profile: LayoutProfile):
    """(definition, title, unit, rows) when a title names the table; None otherwise."""
    titled = _title_before(paragraphs, profile)
    if titled is not None:
        at, definition = titled
        title = paragraphs[at].text.strip()
        unit = unit_in([p.text for p in paragraphs[at:]]) or unit_in([t for _, t in _one_cell_texts(table)])
        return definition, title, unit, table.rows
    inside = _one_cell_texts(table)
    for i, text in inside:
        definition = match_title(text, profile)
        if definition is not None:
            unit = unit_in([t for _, t in inside]) or unit_in([p.text for p in paragraphs[-2:]])
            skip = max(j for j, t in inside if j >= i and (j == i or UNIT_RE.search(normalize(t)))) + 1
            return definition, text.strip(), unit, table.rows[skip:]
    return None

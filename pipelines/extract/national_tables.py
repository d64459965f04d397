"""The nine statements of the national final-accounts template (部门决算公开“九张表”), read from tables.

Reports in this template (e.g. Shanghai districts) print the statements first and explain them after:
  收入支出决算总表 · 收入决算表 · 支出决算表 · 财政拨款收入支出决算总表 · 一般公共预算财政拨款支出决算表 ·
  一般公共预算财政拨款基本支出决算表 · 财政拨款“三公”经费支出决算表 · 政府性基金预算财政拨款收入支出决算表 ·
  国有资本经营预算财政拨款收入支出决算表
A table is recognised by its title — the last paragraph naming a statement just before it (or a one-cell
title row inside it) — and its unit by the "单位：万元" line between title and table. Its figures land in the
SAME families and subjects as the narrative extractors (totals, income_by_source, expenditure_by_type,
gpb_by_class, three_public, GpbItem), so the existing marts fill; each (family, subject, measure) is taken
from one table only. A blank cell is not a printed 0: it yields no figure.

Codes are printed either split over 类/款/项 cells ("201" | "06" | "01") or joined ("2013901"); both are
read. Every record's source_location is the cell the value was read from and its source_text the row's
cells joined with " | ".
"""
import re
from dataclasses import dataclass

from pipelines.classification.function_codes import load_function_classification
from pipelines.documents.classify import placeholder_mentions, profile
from pipelines.documents.model import Document, Paragraph, Row, Table
from pipelines.parsing.numbers import ParsedNumber, normalize, parse_amount

from .narrative_records import GpbItem
from .overview import EXPENDITURE_TYPES, INCOME_SOURCES
from .records import ExtractionIssue, Figure, figure

SUMMARY = "income_expenditure_summary"
INCOME = "income"
EXPENDITURE = "expenditure"
FISCAL_SUMMARY = "fiscal_summary"
GPB = "gpb_expenditure"
GPB_BASIC = "gpb_basic"
THREE_PUBLIC = "three_public"
GOVERNMENT_FUND = "government_fund"
STATE_CAPITAL = "state_capital"

# National vocabulary: statement titles (normalised: no spaces, no quotes) → statement kind.
TITLES = {
    "收入支出决算总表": SUMMARY,
    "收入决算表": INCOME,
    "支出决算表": EXPENDITURE,
    "财政拨款收入支出决算总表": FISCAL_SUMMARY,
    "财政拨款收支决算总表": FISCAL_SUMMARY,
    "一般公共预算财政拨款支出决算表": GPB,
    "一般公共预算财政拨款支出决算明细表": GPB,
    "一般公共预算财政拨款基本支出决算表": GPB_BASIC,
    "财政拨款三公经费支出决算表": THREE_PUBLIC,
    "三公经费支出决算表": THREE_PUBLIC,
    "政府性基金预算财政拨款收入支出决算表": GOVERNMENT_FUND,
    "政府性基金预算财政拨款支出决算表": GOVERNMENT_FUND,
    "国有资本经营预算财政拨款收入支出决算表": STATE_CAPITAL,
    "国有资本经营预算财政拨款支出决算表": STATE_CAPITAL,
}
TEMPLATE_STATEMENTS = (SUMMARY, INCOME, EXPENDITURE, FISCAL_SUMMARY, GPB, GPB_BASIC, THREE_PUBLIC,
                       GOVERNMENT_FUND, STATE_CAPITAL)

# 收入支出决算总表: labels of the income side and the expenditure side that are not sources or classes.
SUMMARY_INCOME_TOTALS = {
    "本年收入合计": "income_total",
    "使用非财政拨款结余": "use_of_non_fiscal_balance",
    "年初结转和结余": "carry_over_start",
    "总计": "income_grand_total",
}
SUMMARY_EXPENDITURE_TOTALS = {
    "本年支出合计": "expenditure_total",
    "结余分配": "balance_distribution",
    "年末结转和结余": "carry_over_end",
    "总计": "expenditure_grand_total",
}
# 财政拨款收入支出决算总表: the three appropriation types (income lines, and the carry-over lines below 年初…).
FISCAL_SOURCES = {
    "一般公共预算财政拨款": "general_public_budget",
    "政府性基金预算财政拨款": "government_fund",
    "国有资本经营预算财政拨款": "state_capital",
}
FISCAL_INCOME_TOTALS = {
    "本年收入合计": "fiscal_appropriation_income",
    "年初财政拨款结转和结余": "fiscal_carry_over_start",
    "总计": "fiscal_income_grand_total",
}
FISCAL_EXPENDITURE_TOTALS = {
    "本年支出合计": "fiscal_appropriation_expenditure",
    "年末财政拨款结转和结余": "fiscal_carry_over_end",
    "总计": "fiscal_expenditure_grand_total",
}
# 收入决算表 columns: the three appropriations are one column there.
INCOME_COLUMNS = {"本年收入合计": "total", "财政拨款收入": "fiscal_appropriation",
                  **{k: v for k, v in INCOME_SOURCES.items() if "财政拨款" not in k}}
EXPENDITURE_COLUMNS = {"本年支出合计": "total", **EXPENDITURE_TYPES}
GPB_COLUMNS = {"合计": "general_public_budget_expenditure", "基本支出": "gpb_basic_expenditure",
               "项目支出": "gpb_project_expenditure"}
# 三公 table: components in the template's column order, each printed as a 预算数 | 决算数 pair.
THREE_PUBLIC_COLUMNS = ("total", "outbound_travel", "vehicle_purchase_and_operation", "vehicle_purchase",
                        "vehicle_operation", "official_reception")
THREE_PUBLIC_LABELS = ("合计", "因公出国(境)费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费",
                       "公务接待费")
THREE_PUBLIC_HEADER_WORDS = ("合计", "因公出国", "公务用车购置及运行", "公务用车购置费", "公务用车运行", "公务接待")
# 政府性基金 / 国有资本 tables: the amount columns of their 合计 row, in template order.
FUND_COLUMNS = ("carry_over_start", "income", "expenditure", "expenditure_basic", "expenditure_project",
                "carry_over_end")

_UNIT_RE = re.compile(r"单位[:：]\s*(亿元|万元|元)")
_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|\d+[、.]|表[一二三四五六七八九十\d]+[、.:]?)")
_AMOUNT_CELL_RE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")
_CODE_CELL_RE = re.compile(r"^\d{2,7}$")
_BLANKS = {"", "-", "—", "/", "－"}
_TITLE_LOOKBACK = 3  # paragraphs between a title and its table: the unit line, a stray quote pair


@dataclass(frozen=True)
class Statement:
    """One recognised statement table."""

    kind: str
    title: str  # as printed
    table: Table
    unit: str | None  # from the table's 单位 line


# --- recognising the tables ------------------------------------------------------------------------------

def label_key(text: str) -> str:
    """A printed label reduced for lookup: NFKC, no whitespace or quotes, no list numbering, no trailing
    parenthesis (使用非财政拨款结余（含专用结余） → 使用非财政拨款结余)."""
    key = re.sub(r"[\s“”\"'‘’]", "", normalize(text))
    key = _NUMBERING_RE.sub("", key)
    return re.sub(r"\([^()]*\)$", "", key)


def _unit_in(texts: list[str]) -> str | None:
    for text in texts:
        m = _UNIT_RE.search(normalize(text))
        if m:
            return m.group(1)
    return None


def _title_inside(table: Table) -> tuple[str | None, str | None]:
    """Text renditions may carry the title and unit as one-cell rows at the top of the table."""
    title = unit = None
    for row in table.rows[:3]:
        filled = [t for t in row.texts if t.strip()]
        if len(filled) != 1:
            continue
        if label_key(filled[0]) in TITLES and title is None:
            title = filled[0]
        unit = unit or _unit_in(filled)
    return title, unit


def find_statements(document: Document) -> list[Statement]:
    """Every table that a statement title names, with its unit."""
    statements: list[Statement] = []
    since_table: list[Paragraph] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            since_table.append(block)
            continue
        near = since_table[-(_TITLE_LOOKBACK + 1):]
        title_at = max((i for i, p in enumerate(near) if label_key(p.text) in TITLES), default=None)
        title, unit = _title_inside(block)
        if title_at is not None:
            title = near[title_at].text
            unit = _unit_in([p.text for p in near[title_at:]]) or unit
        since_table = []
        if title is not None:
            statements.append(Statement(TITLES[label_key(title)], normalize(title), block, unit))
    return statements


def _statements_of(document: Document, kind: str) -> list[Statement]:
    return [s for s in find_statements(document) if s.kind == kind]


# --- cells → figures --------------------------------------------------------------------------------------

def _row_text(row: Row) -> str:
    return " | ".join(row.texts)


def _is_blank(text: str) -> bool:
    return normalize(text) in _BLANKS


def _is_amount(text: str) -> bool:
    return bool(_AMOUNT_CELL_RE.match(normalize(text)))


def parse_cell(text: str, unit: str | None) -> ParsedNumber:
    """An amount cell holds one number and nothing else: "1O0,000.00" is an error, not 1."""
    if not _is_amount(text):
        return ParsedNumber(text, None, error=f"not an amount cell: {normalize(text)!r}")
    return parse_amount(text, default_unit=unit)


@dataclass
class _Context:
    """What every figure of one statement shares."""

    statement: Statement
    fiscal_year: int | None

    def amount(self, family: str, subject: str, cell, row: Row, *, measure: str = "amount",
               subject_zh: str | None = None, seq: int | None = None) -> Figure | None:
        """A figure from one cell; None for a blank cell (blank is not a printed 0)."""
        if _is_blank(cell.text):
            return None
        number = parse_cell(cell.text, self.statement.unit)
        return figure(family, subject, measure, number, fiscal_year=self.fiscal_year, location=cell.location,
                      source_text=_row_text(row), subject_zh=subject_zh, seq=seq)

    def issue(self, message: str, row: Row | None = None, severity: str = "warning") -> ExtractionIssue:
        return ExtractionIssue(f"national_tables.{self.statement.kind}", severity, message,
                               row.location if row else self.statement.table.location,
                               _row_text(row) if row else self.statement.title)


def _contexts(document: Document, kind: str) -> list[_Context]:
    statements = _statements_of(document, kind)
    if not statements:
        return []
    year = profile(document).fiscal_year
    return [_Context(s, year) for s in statements]


def _unit_issues(ctx: _Context) -> list:
    return [] if ctx.statement.unit else [ctx.issue("no 单位 line: amounts kept without a unit")]


def _pairs(row: Row) -> list[tuple]:
    """(label cell, amount cell) pairs of a two-sided statement row: label | amount | label | amount …"""
    cells = list(row.cells)
    return [(cells[i], cells[i + 1]) for i in range(0, len(cells) - 1, 2)]


def _drop(records: list) -> list:
    return [r for r in records if r is not None]


# --- 收入支出决算总表 ------------------------------------------------------------------------------------

def extract_summary(document: Document) -> list:
    """收入支出决算总表: totals (本年收入/支出合计, 结转和结余, 总计), income by source, expenditure by 类."""
    records: list = []
    for ctx in _contexts(document, SUMMARY):
        records += _unit_issues(ctx)
        source_seq = class_seq = 0
        for row in ctx.statement.table.rows:
            if len(row.cells) < 4 and not any(_is_amount(t) for t in row.texts):
                continue  # 收入 | 支出 heading
            for side, (label_cell, amount_cell) in enumerate(_pairs(row)[:2]):
                label = label_key(label_cell.text)
                if not label or label in ("项目",):
                    continue
                if side == 0:
                    if label in INCOME_SOURCES:
                        source_seq += 1
                        records.append(ctx.amount("income_by_source", INCOME_SOURCES[label], amount_cell, row,
                                                  subject_zh=label, seq=source_seq))
                    elif label in SUMMARY_INCOME_TOTALS:
                        subject = SUMMARY_INCOME_TOTALS[label]
                        records.append(ctx.amount("totals", subject, amount_cell, row, subject_zh=label))
                        if subject == "income_total":
                            records.append(ctx.amount("income_by_source", "total", amount_cell, row, subject_zh=label))
                    else:
                        records.append(ctx.issue(f"unknown income line {label!r}", row))
                else:
                    if label in SUMMARY_EXPENDITURE_TOTALS:
                        records.append(ctx.amount("totals", SUMMARY_EXPENDITURE_TOTALS[label], amount_cell, row,
                                                  subject_zh=label))
                    elif label.endswith("支出"):  # a 类 of the functional classification
                        class_seq += 1
                        records.append(ctx.amount("expenditure_by_class", label, amount_cell, row,
                                                  subject_zh=label, seq=class_seq))
                    else:
                        records.append(ctx.issue(f"unknown expenditure line {label!r}", row))
    return _drop(records)


# --- tables with a 项目 header and amount columns (收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表) ----------

@dataclass(frozen=True)
class _CodedRow:
    row: Row
    code: str  # printed code, split cells joined ("201"+"06"+"01" → "2010601"); "" for 合计
    name: str
    amounts: tuple  # the amount cells, in header order


def _header(table: Table) -> list[str] | None:
    """Labels of the amount columns: the cells after 项目 in the first header row."""
    for row in table.rows[:4]:
        keys = [label_key(t) for t in row.texts]
        if keys and keys[0] == "项目":
            return [k for k in keys[1:] if k]
    return None


def _coded_rows(table: Table, width: int) -> list[_CodedRow]:
    """Data rows: code cells and a name, then ``width`` amount cells (the last ones of the row)."""
    rows: list[_CodedRow] = []
    for row in table.rows:
        if len(row.cells) <= width:
            continue
        amounts = tuple(row.cells[-width:])
        labels = [normalize(t) for t in row.texts[:-width]]
        code = "".join(t for t in labels if _CODE_CELL_RE.match(t))
        names = [t for t in labels if t and not _CODE_CELL_RE.match(t) and t not in ("类", "款", "项")]
        name = re.sub(r"\s+", "", names[-1]) if names else ""
        if not code and name != "合计":
            continue  # header rows (项目 / 功能分类科目编码 / 科目名称 …)
        if not any(_is_amount(c.text) for c in amounts) and not code:
            continue
        rows.append(_CodedRow(row, code, name, amounts))
    return rows


def _column_rows(ctx: _Context, columns: dict[str, str]) -> tuple[list[str] | None, list[_CodedRow], list]:
    header = _header(ctx.statement.table)
    if header is None:
        return None, [], [ctx.issue("no 项目 header row: columns unknown")]
    unknown = [h for h in header if h not in columns]
    issues = [ctx.issue(f"unknown column {h!r}") for h in unknown]
    return header, _coded_rows(ctx.statement.table, len(header)), issues


def extract_income_table(document: Document) -> list:
    """收入决算表: its 合计 row only restates the 总表 (and merges the three appropriations), so nothing is
    taken from it but a check that it was read; per-class income is left in source_text."""
    records: list = []
    for ctx in _contexts(document, INCOME):
        header, rows, issues = _column_rows(ctx, INCOME_COLUMNS)
        records += issues + _unit_issues(ctx)
        if header is not None and not any(r.name == "合计" for r in rows):
            records.append(ctx.issue("no 合计 row"))
    return records


def extract_expenditure_table(document: Document) -> list:
    """支出决算表 合计 row: expenditure by type (basic, project, …) and its total."""
    records: list = []
    for ctx in _contexts(document, EXPENDITURE):
        header, rows, issues = _column_rows(ctx, EXPENDITURE_COLUMNS)
        records += issues + _unit_issues(ctx)
        total = next((r for r in rows if r.name == "合计"), None)
        if header is None:
            continue
        if total is None:
            records.append(ctx.issue("no 合计 row"))
            continue
        for seq, (label, cell) in enumerate(zip(header, total.amounts), start=1):
            subject = EXPENDITURE_COLUMNS.get(label)
            if subject is not None:
                records.append(ctx.amount("expenditure_by_type", subject, cell, total.row, subject_zh=label,
                                          seq=None if subject == "total" else seq - 1))
    return _drop(records)


def _known_codes() -> frozenset[str]:
    return frozenset(e.function_code for e in load_function_classification())


def _class_normalized(name: str) -> str:
    return name if name.endswith("支出") else f"{name}支出"


def extract_gpb_table(document: Document) -> list:
    """一般公共预算财政拨款支出决算表: 合计 (GPB total, basic, project), 类 lines (gpb_by_class) and the 项
    lines as GpbItem with their printed 7-digit codes."""
    records: list = []
    for ctx in _contexts(document, GPB):
        header, rows, issues = _column_rows(ctx, GPB_COLUMNS)
        records += issues + _unit_issues(ctx)
        if header is None:
            continue
        total_at = header.index("合计") if "合计" in header else 0
        names: dict[str, str] = {}  # printed code → printed name, for the 类 and 款 of each 项
        class_seq = item_seq = 0
        for coded in rows:
            if coded.name == "合计":
                for label, cell in zip(header, coded.amounts):
                    if label in GPB_COLUMNS:
                        records.append(ctx.amount("totals", GPB_COLUMNS[label], cell, coded.row, subject_zh=label))
                continue
            names[coded.code] = coded.name
            cell = coded.amounts[total_at]
            if len(coded.code) == 3:
                class_seq += 1
                records.append(ctx.amount("gpb_by_class", _class_normalized(coded.name), cell, coded.row,
                                          subject_zh=coded.name, seq=class_seq))
            elif len(coded.code) == 7:
                item_seq += 1
                records.append(_gpb_item(ctx, coded, cell, item_seq, names))
                if coded.code not in _known_codes():  # kept as printed; the seed may predate the code
                    records.append(ctx.issue(f"printed code {coded.code} is not in the functional classification seed",
                                             coded.row))
            elif len(coded.code) != 5:
                records.append(ctx.issue(f"code {coded.code!r} is neither 类, 款 nor 项", coded.row))
    return _drop(records)


def _gpb_item(ctx: _Context, coded: _CodedRow, cell, seq: int, names: dict[str, str]) -> GpbItem | None:
    if _is_blank(cell.text):
        return None
    amount = parse_cell(cell.text, ctx.statement.unit)
    class_name = names.get(coded.code[:3], "")
    missing = [level for level, code in (("类", coded.code[:3]), ("款", coded.code[:5])) if code not in names]
    return GpbItem(
        seq=seq,
        fiscal_year=ctx.fiscal_year,
        class_name=class_name,
        class_name_normalized=_class_normalized(class_name) if class_name else "",
        kuan_name=names.get(coded.code[:5], ""),
        xiang_name=coded.name,
        amount=amount.value,
        amount_raw=amount.raw.strip(),
        amount_unit=amount.unit,
        amount_decimals=amount.printed_decimals,
        completion_pct=None,
        completion_raw=None,
        completion_decimals=None,
        variance_text=None,
        variance_kind=None,
        source_location=cell.location,
        source_text=_row_text(coded.row),
        parse_error=amount.error,
        function_code=coded.code,
        function_match_method="printed",
        function_match_note=f"no printed {'/'.join(missing)} line above the item" if missing else None,
    )


# --- 财政拨款收入支出决算总表 --------------------------------------------------------------------------------

def extract_fiscal_summary(document: Document) -> list:
    """财政拨款收入支出决算总表: appropriation income by type, carry-over by type, totals (合计 column)."""
    records: list = []
    for ctx in _contexts(document, FISCAL_SUMMARY):
        records += _unit_issues(ctx)
        after_carry_over = False  # the type lines below 年初财政拨款结转和结余 split the carry-over
        for row in ctx.statement.table.rows:
            cells = list(row.cells)
            if len(cells) < 4:
                continue
            label, amount_cell = label_key(cells[0].text), cells[1]
            if label in FISCAL_SOURCES:
                family = "fiscal_carry_over_by_source" if after_carry_over else "fiscal_income_by_source"
                records.append(ctx.amount(family, FISCAL_SOURCES[label], amount_cell, row, subject_zh=label))
            elif label in FISCAL_INCOME_TOTALS:
                after_carry_over = label == "年初财政拨款结转和结余"
                records.append(ctx.amount("totals", FISCAL_INCOME_TOTALS[label], amount_cell, row, subject_zh=label))
            elif label and label != "项目":
                records.append(ctx.issue(f"unknown income line {label!r}", row))
            right = label_key(cells[2].text)
            if right in FISCAL_EXPENDITURE_TOTALS:
                records.append(ctx.amount("totals", FISCAL_EXPENDITURE_TOTALS[right], cells[3], row, subject_zh=right))
    return _drop(records)


# --- 一般公共预算财政拨款基本支出决算表 ------------------------------------------------------------------------

BASIC_TOTALS = {"人员经费合计": "gpb_personnel", "公用经费合计": "gpb_public"}


def extract_gpb_basic_table(document: Document) -> list:
    """人员经费合计 / 公用经费合计 (totals) and every economic-classification line (gpb_basic_by_economic,
    subject = the printed code). The table prints two column blocks side by side; each half of a row is read."""
    records: list = []
    for ctx in _contexts(document, GPB_BASIC):
        records += _unit_issues(ctx)
        seq = 0
        for row in ctx.statement.table.rows:
            cells = list(row.cells)
            half = len(cells) // 2
            for part in (cells[:half], cells[half:]) if len(cells) % 2 == 0 else (cells,):
                if len(part) < 2:
                    continue
                texts = [normalize(c.text) for c in part[:-1]]
                code = "".join(t for t in texts if _CODE_CELL_RE.match(t))
                name = next((re.sub(r"\s+", "", t) for t in reversed(texts) if t and not _CODE_CELL_RE.match(t)), "")
                if name in BASIC_TOTALS:
                    records.append(ctx.amount("totals", BASIC_TOTALS[name], part[-1], row, subject_zh=name))
                elif code and name:
                    seq += 1
                    records.append(ctx.amount("gpb_basic_by_economic", code, part[-1], row, subject_zh=name, seq=seq))
    return _drop(records)


# --- 财政拨款“三公”经费支出决算表 -------------------------------------------------------------------------------

def extract_three_public_table(document: Document) -> list:
    """The 预算数 | 决算数 pairs of the six components: 决算数 → amount (total → totals/three_public_total),
    预算数 → measure 'budget'."""
    records: list = []
    for ctx in _contexts(document, THREE_PUBLIC):
        records += _unit_issues(ctx)
        rows = ctx.statement.table.rows
        header_text = "".join(label_key(t) for r in rows for t in r.texts if not _is_amount(t))
        missing = [w for w in THREE_PUBLIC_HEADER_WORDS if w not in header_text]
        if missing:
            records.append(ctx.issue(f"header does not show the template's components (missing {missing})"))
            continue
        width = 2 * len(THREE_PUBLIC_COLUMNS)
        pair_header = next((i for i, r in enumerate(rows)
                            if len(r.cells) == width and all(label_key(t) in ("预算数", "决算数") for t in r.texts)), None)
        if pair_header is None:
            records.append(ctx.issue("no 预算数/决算数 header row"))
            continue
        for row in rows[pair_header + 1:]:
            if len(row.cells) != width:
                if any(_is_amount(t) for t in row.texts):
                    records.append(ctx.issue(f"row of {len(row.cells)} cells, {width} expected", row))
                continue
            for i, (component, label) in enumerate(zip(THREE_PUBLIC_COLUMNS, THREE_PUBLIC_LABELS)):
                budget, actual = row.cells[2 * i], row.cells[2 * i + 1]
                family, subject = ("totals", "three_public_total") if component == "total" else (THREE_PUBLIC, component)
                records.append(ctx.amount(family, subject, actual, row, subject_zh=label))
                records.append(ctx.amount(family, subject, budget, row, measure="budget", subject_zh=label))
    return _drop(records)


# --- 政府性基金 / 国有资本经营预算财政拨款收入支出决算表 ----------------------------------------------------------

def extract_fund_tables(document: Document) -> list:
    """合计 row of the two fund tables (usually blank: the unit has no such funds, and says so below)."""
    records: list = []
    for kind in (GOVERNMENT_FUND, STATE_CAPITAL):
        for ctx in _contexts(document, kind):
            records += _unit_issues(ctx)
            for row in ctx.statement.table.rows:
                if not row.cells or label_key(row.cells[0].text) != "合计":
                    continue
                amounts = list(row.cells)[-len(FUND_COLUMNS):]
                if len(row.cells) <= len(FUND_COLUMNS) or any(label_key(c.text) in ("合计", "基本支出") for c in amounts):
                    continue  # a header row that starts with 合计 (S03: 合计 | | | 合计 | 基本支出 | 项目支出)
                for subject, cell in zip(FUND_COLUMNS, amounts):
                    records.append(ctx.amount(kind, subject, cell, row))
    return _drop(records)


# --- the template as a whole ------------------------------------------------------------------------------

def extract_template_checks(document: Document) -> list:
    """Statements the template requires but the report lacks, and placeholder department names printed
    in a heading (a report loaded under its real name may still carry an unfilled "XX局")."""
    found = {s.kind for s in find_statements(document)}
    records: list = []
    if found:
        for kind in TEMPLATE_STATEMENTS:
            if kind not in found:
                title = next(t for t, k in TITLES.items() if k == kind)
                records.append(ExtractionIssue("national_tables.template", "warning",
                                               f"statement {title} not found", None, None))
    for location, text, name in placeholder_mentions(document):
        records.append(ExtractionIssue("national_tables.template", "error",
                                       f"placeholder department name {name!r} printed", location, text))
    return records


__all__ = [
    "Statement", "find_statements", "label_key", "parse_cell",
    "extract_summary", "extract_income_table", "extract_expenditure_table", "extract_fiscal_summary",
    "extract_gpb_table", "extract_gpb_basic_table", "extract_three_public_table", "extract_fund_tables",
    "extract_template_checks",
]

"""附表 部门预算项目支出绩效自评表: one table per project, read from the document's row stream.

A table is anchored on its ``项目名称`` row (titles come in three layouts and are not relied on) and runs to
the next anchor. Rows are recognised by their first cell and cell count, and KPI columns by header text:

  项目名称 | <code>-<name>
  主管部门 | … | 实施单位 （盖章） | …
  项目基本情况 | 1.项目年度目标完成情况 | 项目年度目标 | 年度目标完成情况   + ∅ | ∅ | target | completion
  ∅ | 2.项目实施内容及过程概述 | text
  预算执行情况（10分） | 年度预算数（万元） | 年初预算 | 调整后预算数 | 预算执行数 | 预算执行率 | 权重 | 得分 | 原因
  ∅ | 总额 / 其中：财政资金 / 财政专户管理资金 / 单位资金 / 其他资金 | … (9 cells)
  绩效指标（90分） or ∅ | 一级指标 | … | 未完成原因分析   + KPI rows (11 cells, cols 0-2 merged downwards)
  合计 | weight | score | ∅      (or an unlabelled 11-cell row with weight/score in the KPI columns)
  评价结论 / 存在问题 / 改进措施 | text
  项目负责人：… | 财务负责人：…
  then possibly all-empty rows, footnotes, and the next table's title row.

Rows that carry nothing usable (all-empty, score-only, footnotes) become ExtractionIssues, never KPI rows.
"""
import re
from dataclasses import dataclass, field

from pipelines.documents.model import Document, Row
from pipelines.parsing.numbers import ParsedNumber, normalize, parse_amount, parse_number, parse_percent

from .kpi_values import KpiCells, clean, indicator_fields, is_blank, is_kpi_header, kpi_columns, read_kpi_cells
from .project_records import ProjectFundingRow, ProjectKpiRow, ProjectTable, ProjectTotalRow
from .records import ExtractionIssue

EXTRACTOR = "project_tables"

# 年度预算数 rows of the national template → funding code (labels NFKC-normalised, spaces removed).
FUNDING_SOURCES = {
    "总额": "total",
    "财政资金": "fiscal",
    "财政专户管理资金": "fiscal_special_account",
    "单位资金": "unit_own",
    "其他资金": "other",
}
# The form's instruction printed in the 原因 cell of the 总额 row: not a reason.
_BOILERPLATE_RE = re.compile(r"^1\.预算执行率=预算执行数/调整后预算数")
# Budget columns of the template, by header text.
_BUDGET_HEADERS = {"年初预算": "initial", "调整后预算数": "adjusted", "预算执行数": "executed",
                   "预算执行率": "rate", "权重": "weight", "得分": "score", "原因": "reason"}
_DEFAULT_BUDGET_COLUMNS = {"label": 1, "initial": 2, "adjusted": 3, "executed": 4, "rate": 5, "weight": 6,
                           "score": 7, "reason": 8}
_UNIT_IN_HEADER_RE = re.compile(r"\((亿元|万元|元)\)")
_CODE_RE = re.compile(r"^\s*([0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+)\s*[-－]\s*(.*)$", re.S)
_NARRATIVE_LABELS = {"评价结论": "conclusion", "存在问题": "problems", "改进措施": "improvements"}


def _key(text: str) -> str:
    """A label for matching: NFKC, all whitespace removed."""
    return re.sub(r"\s+", "", normalize(text or ""))


def _texts(row: Row) -> list[str]:
    return [clean(c.text) for c in row.cells]


def _row_text(row: Row) -> str:
    return " | ".join(_texts(row))


def _none_if_blank(text: str | None) -> str | None:
    return None if is_blank(text) else clean(text)


def is_project_anchor(row: Row) -> bool:
    return len(row.cells) >= 2 and _key(row.cells[0].text) == "项目名称"


def split_project_label(label: str) -> tuple[str | None, str | None]:
    """``51050021T000000029377-考试工作经费`` → (code, name); split at the FIRST '-' only.

    A code is the letters/digits before that '-'; without one the whole cell is the name.
    """
    text = clean(label)
    match = _CODE_RE.match(text)
    if match is None or not re.search(r"\d", match.group(1)):
        return None, text or None
    return normalize(match.group(1)), clean(match.group(2)) or None


def is_boilerplate_reason(text: str | None) -> bool:
    return bool(text) and bool(_BOILERPLATE_RE.match(_key(text)))


def funding_code(label: str) -> str | None:
    key = _key(label)
    key = key.removeprefix("其中:")
    return FUNDING_SOURCES.get(key)


# --- splitting the row stream into tables -----------------------------------------------------------------

def _is_title(texts: list[str]) -> bool:
    return len(texts) == 1 and "自评表" in texts[0]


def _is_trailing(texts: list[str]) -> bool:
    """After the signature row only empty rows, footnotes and the next title belong to the table."""
    return all(not t for t in texts) or len(texts) == 1


def split_tables(rows: list[Row]) -> list[list[Row]]:
    """Rows from each 项目名称 row to the next one (or to the first non-trailing row after the signature)."""
    tables: list[list[Row]] = []
    current: list[Row] | None = None
    signed = False
    for row in rows:
        if is_project_anchor(row):
            current = [row]
            tables.append(current)
            signed = False
            continue
        if current is None:
            continue
        texts = _texts(row)
        if signed and not _is_trailing(texts):
            current = None
            continue
        current.append(row)
        if _key(texts[0]).startswith("项目负责人"):
            signed = True
    return tables


# --- one table ----------------------------------------------------------------------------------------------

@dataclass
class _Table:
    """Mutable accumulator while one table's rows are read; turned into records at the end."""

    seq: int
    anchor: Row
    code: str | None
    fields: dict = field(default_factory=dict)
    funding: list = field(default_factory=list)
    kpi_rows: list[tuple[Row, KpiCells]] = field(default_factory=list)
    kpi_columns: dict[str, int] = field(default_factory=dict)
    totals: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    budget_columns: dict[str, int] = field(default_factory=lambda: dict(_DEFAULT_BUDGET_COLUMNS))
    budget_unit: str | None = None
    seen_budget_header: bool = False
    seen_kpi_header: bool = False

    def issue(self, severity: str, message: str, row: Row) -> None:
        label = f"table #{self.seq} ({self.code or self.fields.get('project_name')})"
        self.issues.append(ExtractionIssue(EXTRACTOR, severity, f"{label}: {message}", row.location,
                                           _row_text(row)))


def _number(table: _Table, row: Row, text: str | None, parser, what: str) -> ParsedNumber | None:
    """Parse a cell; blank/'/' → None; an unparseable cell → None plus a warning (never 0)."""
    if is_blank(text):
        return None
    parsed = parser(text)
    if not parsed.ok:
        table.issue("warning", f"{what} {clean(text)!r} is not a number ({parsed.error})", row)
        return None
    return parsed


def _rate(text: str) -> ParsedNumber:
    """预算执行率 is printed with '%'; a bare number is accepted as a percentage too."""
    parsed = parse_percent(text)
    return parsed if parsed.ok else parse_number(text)


def _cell(texts: list[str], index: int | None) -> str | None:
    if index is None or index >= len(texts):
        return None
    return texts[index]


def _read_budget_header(table: _Table, row: Row, texts: list[str]) -> None:
    table.seen_budget_header = True
    columns = dict(_DEFAULT_BUDGET_COLUMNS)
    for index, text in enumerate(texts):
        name = _BUDGET_HEADERS.get(_key(text))
        if name:
            columns[name] = index
    table.budget_columns = columns
    unit = _UNIT_IN_HEADER_RE.search(normalize(texts[1]) if len(texts) > 1 else "")
    table.budget_unit = unit.group(1) if unit else None
    if table.budget_unit is None:
        table.issue("warning", "no money unit in the 年度预算数 header", row)


def _read_funding_row(table: _Table, row: Row, texts: list[str]) -> ProjectFundingRow:
    col = table.budget_columns
    unit = table.budget_unit

    def amount(name: str) -> ParsedNumber | None:
        return _number(table, row, _cell(texts, col[name]), lambda t: parse_amount(t, default_unit=unit), name)

    initial, adjusted, executed = amount("initial"), amount("adjusted"), amount("executed")
    rate = _number(table, row, _cell(texts, col["rate"]), _rate, "execution rate")
    weight = _number(table, row, _cell(texts, col["weight"]), parse_number, "weight")
    score = _number(table, row, _cell(texts, col["score"]), parse_number, "score")
    reason_raw = _none_if_blank(_cell(texts, col["reason"]))
    boilerplate = is_boilerplate_reason(reason_raw)
    decimals = [p.printed_decimals for p in (initial, adjusted, executed) if p is not None]
    label = texts[col["label"]]
    return ProjectFundingRow(
        table_seq=table.seq,
        project_code=table.code,
        funding=funding_code(label),
        funding_zh=label,
        initial_budget=initial.value if initial else None,
        initial_budget_raw=_none_if_blank(_cell(texts, col["initial"])),
        adjusted_budget=adjusted.value if adjusted else None,
        adjusted_budget_raw=_none_if_blank(_cell(texts, col["adjusted"])),
        executed=executed.value if executed else None,
        executed_raw=_none_if_blank(_cell(texts, col["executed"])),
        printed_decimals=max(decimals) if decimals else None,
        unit=unit,
        execution_rate_pct=rate.value if rate else None,
        execution_rate_raw=_none_if_blank(_cell(texts, col["rate"])),
        execution_rate_decimals=rate.printed_decimals if rate else None,
        weight=weight.value if weight else None,
        weight_raw=clean(_cell(texts, col["weight"])) or None,
        score=score.value if score else None,
        score_raw=clean(_cell(texts, col["score"])) or None,
        reason=None if boilerplate else reason_raw,
        reason_raw=reason_raw,
        reason_is_boilerplate=boilerplate,
        source_location=row.location,
        source_text=_row_text(row),
        weight_printed_decimals=weight.printed_decimals if weight else None,
        score_printed_decimals=score.printed_decimals if score else None,
    )


def _total(table: _Table, row: Row, weight_text: str | None, score_text: str | None,
           labelled: bool) -> ProjectTotalRow:
    weight = _number(table, row, weight_text, parse_number, "total weight")
    score = _number(table, row, score_text, parse_number, "total score")
    return ProjectTotalRow(
        table_seq=table.seq,
        project_code=table.code,
        total_weight=weight.value if weight else None,
        total_weight_raw=_none_if_blank(weight_text),
        total_score=score.value if score else None,
        total_score_raw=_none_if_blank(score_text),
        labelled=labelled,
        source_location=row.location,
        source_text=_row_text(row),
        total_weight_printed_decimals=weight.printed_decimals if weight else None,
        total_score_printed_decimals=score.printed_decimals if score else None,
    )


def _in_kpi_block(table: _Table, texts: list[str]) -> bool:
    """Between the KPI header and the total: rows as wide as the header, merged label column empty."""
    width = max(table.kpi_columns.values(), default=-1) + 1
    return table.seen_kpi_header and not table.totals and not texts[0] and len(texts) == width


def _read_row(table: _Table, row: Row) -> None:
    """Dispatch one row of a table on (first cell, cell count) and the block it sits in."""
    texts = _texts(row)
    first = _key(texts[0])
    count = len(texts)
    if all(not t for t in texts):
        if _in_kpi_block(table, texts):  # judged with the other KPI-block rows (issue raised there)
            table.kpi_rows.append((row, read_kpi_cells(texts, table.kpi_columns)))
        else:
            table.issue("info", f"empty {count}-cell row skipped", row)
    elif first == "主管部门" and count >= 4:
        table.fields.update(competent_department=_none_if_blank(texts[1]),
                            implementing_unit_label_raw=texts[2] or None,
                            implementing_unit=_none_if_blank(texts[3]))
    elif first == "项目基本情况":
        pass  # header of the narrative block
    elif not first and count == 4 and not table.seen_budget_header:
        table.fields.update(annual_target=_none_if_blank(texts[2]), target_completion=_none_if_blank(texts[3]))
    elif count >= 3 and _key(texts[1]).startswith("2.项目实施内容"):
        table.fields["implementation_summary"] = _none_if_blank(texts[2])
    elif first.startswith("预算执行情况"):
        _read_budget_header(table, row, texts)
    elif table.seen_budget_header and not table.seen_kpi_header and count > 1 \
            and funding_code(texts[table.budget_columns["label"]] if count > table.budget_columns["label"] else ""):
        table.funding.append(_read_funding_row(table, row, texts))
    elif is_kpi_header(texts):
        table.seen_kpi_header = True
        table.kpi_columns = kpi_columns(texts)
    elif first == "合计" and count >= 3:
        table.totals.append(_total(table, row, texts[1], texts[2], labelled=True))
    elif _in_kpi_block(table, texts):
        table.kpi_rows.append((row, read_kpi_cells(texts, table.kpi_columns)))
    elif first in _NARRATIVE_LABELS and count >= 2:
        table.fields[_NARRATIVE_LABELS[first]] = _none_if_blank(texts[1])
    elif first.startswith("项目负责人"):
        table.fields["project_lead"] = _after_colon(texts[0])
        table.fields["finance_lead"] = _after_colon(texts[1]) if count > 1 else None
    elif _is_title(texts):
        pass  # the next table's title, printed as a row of its own
    elif count == 1:
        table.issue("info", f"footnote row skipped: {texts[0]!r}", row)
    else:
        table.issue("warning", f"unexpected {count}-cell row skipped", row)


def _after_colon(text: str) -> str | None:
    parts = re.split(r"[:：]", text, maxsplit=1)
    return clean(parts[1]) or None if len(parts) == 2 else None


def _is_unlabelled_total(kpi: KpiCells) -> bool:
    """An 11-cell row whose only contents are a weight and a score (table #22's total)."""
    return (kpi.weight_raw is not None and kpi.score_raw is not None and kpi.indicator is None
            and kpi.operator_raw is None and kpi.target.text is None and kpi.actual.text is None
            and kpi.level1_raw is None and kpi.level2_raw is None and kpi.measure_unit is None)


def _kpi_records(table: _Table) -> list:
    records: list = []
    rows = table.kpi_rows
    last_filled = max((i for i, (_, kpi) in enumerate(rows) if not kpi.is_empty), default=None)
    level1 = level2 = None
    seq = 0
    for index, (row, kpi) in enumerate(rows):
        if kpi.is_empty:
            table.issue("info", "empty row in the KPI block skipped", row)
            continue
        if not kpi.describes_indicator:
            if index == last_filled and not table.totals and _is_unlabelled_total(kpi):
                table.totals.append(_total(table, row, kpi.weight_raw, kpi.score_raw, labelled=False))
            else:
                table.issue("warning", "degenerate KPI row without an indicator skipped "
                                       f"(weight={kpi.weight_raw!r}, score={kpi.score_raw!r})", row)
            continue
        # Fill down only from merged (empty) level cells; a printed level resets the one below it.
        level1 = kpi.level1_raw or level1
        level2 = kpi.level2_raw or level2
        seq += 1
        records.append(_kpi_record(table, row, kpi, seq, level1, level2))
    return records


def _kpi_record(table: _Table, row: Row, kpi: KpiCells, seq: int, level1: str | None,
                level2: str | None) -> ProjectKpiRow:
    weight = _number(table, row, kpi.weight_raw, parse_number, "KPI weight")
    score = _number(table, row, kpi.score_raw, parse_number, "KPI score")
    if kpi.operator is None and kpi.operator_raw is not None:
        table.issue("warning", f"unknown operator {kpi.operator_raw!r}", row)
    if kpi.operator not in (None, "qualitative") and kpi.target.value is None:
        table.issue("warning", f"quantitative indicator without a numeric target {kpi.target.text!r}", row)
    return ProjectKpiRow(
        table_seq=table.seq,
        project_code=table.code,
        seq=seq,
        level1=level1,
        level2=level2,
        **indicator_fields(kpi),
        weight=weight.value if weight else None,
        weight_printed_decimals=weight.printed_decimals if weight else None,
        score=score.value if score else None,
        score_printed_decimals=score.printed_decimals if score else None,
        shortfall_reason=kpi.reason,
        source_location=row.location,
        source_text=_row_text(row),
    )


def _check_completeness(table: _Table) -> None:
    anchor = table.anchor
    if len(table.funding) != len(FUNDING_SOURCES):
        table.issue("warning", f"{len(table.funding)} funding rows instead of {len(FUNDING_SOURCES)}", anchor)
    if not table.seen_kpi_header:
        table.issue("warning", "no KPI header row", anchor)
    if not table.totals:
        table.issue("warning", "no total (合计) row", anchor)
    elif len(table.totals) > 1:
        table.issue("warning", f"{len(table.totals)} total rows", anchor)


def read_project_table(seq: int, rows: list[Row]) -> list:
    """Records of one table: its rows from the 项目名称 row on."""
    anchor = rows[0]
    label = clean(anchor.cells[1].text)
    code, name = split_project_label(label)
    table = _Table(seq=seq, anchor=anchor, code=code, fields={"project_name": name})
    for row in rows[1:]:
        _read_row(table, row)
    kpis = _kpi_records(table)
    if not kpis:
        table.issue("info", "table has no KPI rows", anchor)
    _check_completeness(table)
    f = table.fields
    project = ProjectTable(
        table_seq=seq,
        project_code=code,
        project_name=name,
        project_label_raw=label,
        competent_department=f.get("competent_department"),
        implementing_unit=f.get("implementing_unit"),
        implementing_unit_label_raw=f.get("implementing_unit_label_raw"),
        annual_target=f.get("annual_target"),
        target_completion=f.get("target_completion"),
        implementation_summary=f.get("implementation_summary"),
        conclusion=f.get("conclusion"),
        problems=f.get("problems"),
        improvements=f.get("improvements"),
        project_lead=f.get("project_lead"),
        finance_lead=f.get("finance_lead"),
        source_location=anchor.location,
        source_text=_row_text(anchor),
    )
    return [project, *table.funding, *kpis, *table.totals, *table.issues]


def _looks_like_self_evaluation(rows: list[Row]) -> bool:
    """A 项目名称 row starts a self-evaluation table only if a budget or KPI header follows."""
    return any(_key(r.cells[0].text).startswith("预算执行情况") or is_kpi_header(_texts(r)) for r in rows)


def extract_project_tables(document: Document) -> list:
    records: list = []
    seq = 0
    for rows in split_tables(list(document.rows())):
        if not _looks_like_self_evaluation(rows):
            records.append(ExtractionIssue(EXTRACTOR, "info", "项目名称 row without a self-evaluation table",
                                           rows[0].location, _row_text(rows[0])))
            continue
        seq += 1
        records.extend(read_project_table(seq, rows))
    return records

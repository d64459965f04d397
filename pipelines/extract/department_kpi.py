"""附表 部门整体支出绩效目标完成情况自评表: the department-wide budget, goal, tasks and KPIs.

  (title) | （2023年度） | 单位：万元            — one-cell rows above the table
  部门名称 | <department>                      ← anchor
  年度部门整体支出预算 | 资金总额 | 财政拨款 | 其他资金   + ∅ | amounts
  年度总体\n目标 | goal text
  年度主要\n任务 | 任务名称 | 主要内容          + ∅ | task | content  (×n)
  年度绩效\n指标 | 一级指标 | 二级指标 | 三级指标 | 绩效指标\n性质 | 绩效指标值 | 绩效度量单位 | 权重 | 实际完成\n指标值
  ∅ | level1 | level2 | indicator | op | target | unit | weight `3%` | actual        (×n)

Unlike the project tables: 权重 comes before the actual, there is no 得分, no 未完成原因分析 and no 合计 row;
actuals embed units and comparators (``≤12月``, ``2500万``). KPI columns are found by header text.
"""
import re

from pipelines.documents.model import Document, Row
from pipelines.parsing.numbers import ParsedNumber, normalize, parse_amount, parse_number

from .kpi_values import KpiCells, clean, indicator_fields, is_blank, is_kpi_header, kpi_columns, read_kpi_cells
from .project_records import DepartmentKpiHeader, DepartmentKpiRow, DepartmentKpiTask
from .records import ExtractionIssue

EXTRACTOR = "department_kpi"

_FUND_HEADERS = {"资金总额": "total", "财政拨款": "fiscal", "其他资金": "other"}
_UNIT_LINE_RE = re.compile(r"^单位:(亿元|万元|元)$")
_LOOKBACK_ROWS = 4  # title, year and unit lines sit in the rows right above the anchor


def _key(text: str) -> str:
    return re.sub(r"\s+", "", normalize(text or ""))


def _texts(row: Row) -> list[str]:
    return [clean(c.text) for c in row.cells]


def _row_text(row: Row) -> str:
    return " | ".join(_texts(row))


def _is_anchor(row: Row) -> bool:
    return len(row.cells) >= 2 and _key(row.cells[0].text) == "部门名称"


def _unit_above(rows: list[Row], anchor_index: int) -> str | None:
    for row in reversed(rows[max(0, anchor_index - _LOOKBACK_ROWS):anchor_index]):
        match = _UNIT_LINE_RE.match(_key(row.cells[0].text)) if len(row.cells) == 1 else None
        if match:
            return match.group(1)
    return None


class _Reader:
    """Reads one department table from its anchor row until a row that does not belong to it."""

    def __init__(self, rows: list[Row], anchor_index: int):
        self.rows = rows
        self.anchor = rows[anchor_index]
        self.start = anchor_index
        self.unit = _unit_above(rows, anchor_index)
        self.fund_columns: dict[str, int] | None = None
        self.funds: dict[str, ParsedNumber | None] = {}
        self.funds_raw: dict[str, str | None] = {}
        self.goal: str | None = None
        self.in_tasks = False
        self.tasks: list = []
        self.kpi_columns: dict[str, int] | None = None
        self.kpis: list[tuple[Row, KpiCells]] = []
        self.issues: list = []

    def issue(self, severity: str, message: str, row: Row) -> None:
        self.issues.append(ExtractionIssue(EXTRACTOR, severity, message, row.location, _row_text(row)))

    def read(self) -> list:
        for row in self.rows[self.start + 1:]:
            if not self._read_row(row):
                break
        return self._records()

    def _read_row(self, row: Row) -> bool:
        """Consume one row; False when the row is past the end of the table."""
        texts = _texts(row)
        first = _key(texts[0])
        count = len(texts)
        if first == "年度部门整体支出预算":
            self.fund_columns = {_FUND_HEADERS[_key(t)]: i for i, t in enumerate(texts) if _key(t) in _FUND_HEADERS}
        elif self.fund_columns is not None and not self.funds_raw and not first and count >= 2:
            self._read_funds(row, texts)
        elif first == "年度总体目标" and count >= 2:
            self.goal = None if is_blank(texts[1]) else texts[1]
        elif first == "年度主要任务":
            self.in_tasks = True
        elif is_kpi_header(texts):
            self.in_tasks = False
            self.kpi_columns = kpi_columns(texts)
        elif self.kpi_columns is not None and not first and count == max(self.kpi_columns.values()) + 1:
            self.kpis.append((row, read_kpi_cells(texts, self.kpi_columns)))
        elif self.in_tasks and not first and count >= 3:
            self._read_task(row, texts)
        else:
            return False
        return True

    def _read_funds(self, row: Row, texts: list[str]) -> None:
        for name, index in self.fund_columns.items():
            text = texts[index] if index < len(texts) else ""
            self.funds_raw[name] = None if is_blank(text) else text
            parsed = None if is_blank(text) else parse_amount(text, default_unit=self.unit)
            if parsed is not None and not parsed.ok:
                self.issue("warning", f"department budget {name} {text!r} is not a number ({parsed.error})", row)
                parsed = None
            self.funds[name] = parsed

    def _read_task(self, row: Row, texts: list[str]) -> None:
        if not texts[1] and not texts[2]:
            self.issue("info", "empty task row skipped", row)
            return
        self.tasks.append(DepartmentKpiTask(
            task_seq=len(self.tasks) + 1,
            task_name=texts[1] or None,
            content=texts[2] or None,
            source_location=row.location,
            source_text=_row_text(row),
        ))

    def _records(self) -> list:
        def value(name: str):
            parsed = self.funds.get(name)
            return parsed.value if parsed else None

        decimals = [p.printed_decimals for p in self.funds.values() if p is not None]
        if self.unit is None:
            self.issue("warning", "no 单位 line above the department KPI table", self.anchor)
        header = DepartmentKpiHeader(
            department_label=None if is_blank(self.anchor.cells[1].text) else clean(self.anchor.cells[1].text),
            unit=self.unit,
            total_funds=value("total"),
            total_funds_raw=self.funds_raw.get("total"),
            fiscal_funds=value("fiscal"),
            fiscal_funds_raw=self.funds_raw.get("fiscal"),
            other_funds=value("other"),
            other_funds_raw=self.funds_raw.get("other"),
            printed_decimals=max(decimals) if decimals else None,
            annual_goal=self.goal,
            source_location=self.anchor.location,
            source_text=_row_text(self.anchor),
        )
        return [header, *self.tasks, *self._kpi_records(), *self.issues]

    def _kpi_records(self) -> list:
        records: list = []
        level1 = level2 = None
        for row, kpi in self.kpis:
            if kpi.is_empty:
                self.issue("info", "empty row in the KPI block skipped", row)
                continue
            if not kpi.describes_indicator:
                self.issue("warning", "degenerate KPI row without an indicator skipped", row)
                continue
            level1 = kpi.level1_raw or level1
            level2 = kpi.level2_raw or level2
            records.append(self._kpi_record(row, kpi, len(records) + 1, level1, level2))
        if not records:
            self.issue("warning", "department KPI table has no KPI rows", self.anchor)
        return records

    def _kpi_record(self, row: Row, kpi: KpiCells, seq: int, level1: str | None,
                    level2: str | None) -> DepartmentKpiRow:
        weight = None if kpi.weight_raw is None else parse_number(kpi.weight_raw)
        if weight is not None and not weight.ok:
            self.issue("warning", f"KPI weight {kpi.weight_raw!r} is not a number ({weight.error})", row)
        if kpi.operator is None and kpi.operator_raw is not None:
            self.issue("warning", f"unknown operator {kpi.operator_raw!r}", row)
        return DepartmentKpiRow(
            seq=seq,
            level1=level1,
            level2=level2,
            **indicator_fields(kpi),
            weight_pct=weight.value if weight is not None and weight.ok else None,
            weight_raw=kpi.weight_raw,
            source_location=row.location,
            source_text=_row_text(row),
            weight_printed_decimals=weight.printed_decimals if weight is not None and weight.ok else None,
        )


def extract_department_kpi(document: Document) -> list:
    rows = list(document.rows())
    records: list = []
    for index, row in enumerate(rows):
        if _is_anchor(row):
            records.extend(_Reader(rows, index).read())
    return records

"""Landing records of the performance self-evaluation tables.

部门预算项目支出绩效自评表 (one per project) → ProjectTable, ProjectFundingRow (5 per table),
ProjectKpiRow, ProjectTotalRow. 部门整体支出绩效目标完成情况自评表 (one per report) → DepartmentKpiHeader,
DepartmentKpiTask, DepartmentKpiRow.

Conventions: texts are the cells as printed, stripped of surrounding whitespace; blank and '/' cells are
None (never 0); amounts stay in the printed unit with their raw text and printed decimals. ``table_seq``
numbers the project tables 1..n in document order; ``project_code`` is repeated on every child row so the
rows can be joined without the sequence.
"""
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from .records import Provenance


@dataclass(frozen=True)
class ProjectTable(Provenance):
    """One 部门预算项目支出绩效自评表: the project and its narrative cells."""

    table: ClassVar[str] = "project_tables"

    table_seq: int
    project_code: str | None  # letters/digits before the first '-' of the 项目名称 cell
    project_name: str | None  # the rest after the first '-' (names may contain '—', '（2023）', quotes)
    project_label_raw: str  # the 项目名称 cell as printed
    competent_department: str | None  # 主管部门
    implementing_unit: str | None  # 实施单位（盖章）
    implementing_unit_label_raw: str | None  # '实施单位 （盖章）' / '实施单位（盖章）'
    annual_target: str | None  # 项目年度目标
    target_completion: str | None  # 年度目标完成情况
    implementation_summary: str | None  # 2.项目实施内容及过程概述
    conclusion: str | None  # 评价结论 (kept as printed, template prompts included)
    problems: str | None  # 存在问题
    improvements: str | None  # 改进措施
    project_lead: str | None  # name(s) after 项目负责人：
    finance_lead: str | None  # name(s) after 财务负责人：
    source_location: str  # the 项目名称 row
    source_text: str


@dataclass(frozen=True)
class ProjectFundingRow(Provenance):
    """One row of the 预算执行情况 block: a funding source with its budget, execution and (for 总额) score."""

    table: ClassVar[str] = "project_funding_rows"

    table_seq: int
    project_code: str | None
    funding: str | None  # total / fiscal / fiscal_special_account / unit_own / other
    funding_zh: str  # the label as printed, e.g. 其中：财政资金
    initial_budget: Decimal | None  # 年初预算
    initial_budget_raw: str | None
    adjusted_budget: Decimal | None  # 调整后预算数
    adjusted_budget_raw: str | None
    executed: Decimal | None  # 预算执行数
    executed_raw: str | None
    printed_decimals: int | None  # digits after the point of the amounts (the most precise of the three)
    unit: str | None  # from the header 年度预算数（万元）
    execution_rate_pct: Decimal | None  # 预算执行率, as printed (88.90% → 88.90)
    execution_rate_raw: str | None
    execution_rate_decimals: int | None
    weight: Decimal | None
    weight_raw: str | None  # '/' kept here while weight is None
    score: Decimal | None
    score_raw: str | None
    reason: str | None  # None when blank or when the cell holds the form's instruction text
    reason_raw: str | None  # the 原因 cell as printed
    reason_is_boilerplate: bool
    source_location: str
    source_text: str
    weight_printed_decimals: int | None = None  # digits after the point as printed (rounding tolerances)
    score_printed_decimals: int | None = None


@dataclass(frozen=True)
class ProjectKpiRow(Provenance):
    """One performance indicator (三级指标) of a project table."""

    table: ClassVar[str] = "project_kpi_rows"

    table_seq: int
    project_code: str | None
    seq: int  # 1..n in printed order
    level1: str | None  # 一级指标, filled down from vertically merged (empty) cells
    level2: str | None  # 二级指标, filled down likewise
    level1_raw: str | None  # as printed; None = merged with the row above
    level2_raw: str | None
    indicator: str | None  # 三级指标
    operator: str | None  # ge / le / eq / gt / lt / qualitative
    operator_raw: str | None
    target_text: str | None
    target_value: Decimal | None  # None for grades and qualitative rows
    target_unit: str | None  # a unit printed inside the target cell (rare)
    target_printed_decimals: int | None
    measure_unit: str | None  # 度量单位
    actual_text: str | None
    actual_value: Decimal | None
    actual_unit: str | None  # a unit printed inside the actual cell (``8.01万元``)
    actual_operator: str | None  # a comparator printed inside the actual cell (``＞90%`` → gt)
    actual_printed_decimals: int | None
    weight: Decimal | None
    weight_printed_decimals: int | None  # digits after the point as printed (rounding tolerances)
    score: Decimal | None
    score_printed_decimals: int | None
    shortfall_reason: str | None  # 未完成原因分析 as printed (sometimes '已完成')
    target_met: bool | None  # from operator/target/actual; None for qualitative rows or missing values
    source_location: str  # the row
    source_text: str  # the row's cells joined with ' | '


@dataclass(frozen=True)
class ProjectTotalRow(Provenance):
    """The 合计 row (or, once, an unlabelled 11-cell row carrying the totals in the weight/score columns)."""

    table: ClassVar[str] = "project_total_rows"

    table_seq: int
    project_code: str | None
    total_weight: Decimal | None
    total_weight_raw: str | None
    total_score: Decimal | None
    total_score_raw: str | None
    labelled: bool  # False for the unlabelled 11-cell total row
    source_location: str
    source_text: str
    total_weight_printed_decimals: int | None = None
    total_score_printed_decimals: int | None = None


@dataclass(frozen=True)
class DepartmentKpiHeader(Provenance):
    """The head of 部门整体支出绩效目标完成情况自评表: department, budget and overall goal."""

    table: ClassVar[str] = "department_kpi_header"

    department_label: str | None  # 部门名称 as printed
    unit: str | None  # from the 单位：万元 line above the table
    total_funds: Decimal | None  # 资金总额
    total_funds_raw: str | None
    fiscal_funds: Decimal | None  # 财政拨款
    fiscal_funds_raw: str | None
    other_funds: Decimal | None  # 其他资金
    other_funds_raw: str | None
    printed_decimals: int | None  # of the amounts (the most precise)
    annual_goal: str | None  # 年度总体目标
    source_location: str  # the 部门名称 row
    source_text: str


@dataclass(frozen=True)
class DepartmentKpiTask(Provenance):
    """One 年度主要任务 row: task name and content."""

    table: ClassVar[str] = "department_kpi_tasks"

    task_seq: int
    task_name: str | None
    content: str | None
    source_location: str
    source_text: str


@dataclass(frozen=True)
class DepartmentKpiRow(Provenance):
    """One indicator of the department-wide table (no 得分 / 未完成原因 columns there)."""

    table: ClassVar[str] = "department_kpi_rows"

    seq: int
    level1: str | None
    level2: str | None
    level1_raw: str | None
    level2_raw: str | None
    indicator: str | None
    operator: str | None
    operator_raw: str | None
    target_text: str | None
    target_value: Decimal | None
    target_unit: str | None
    target_printed_decimals: int | None
    measure_unit: str | None
    actual_text: str | None
    actual_value: Decimal | None
    actual_unit: str | None  # ``2500万`` → 万
    actual_operator: str | None  # ``≤12月`` → le
    actual_printed_decimals: int | None
    weight_pct: Decimal | None  # ``3%`` → 3
    weight_raw: str | None
    target_met: bool | None
    source_location: str
    source_text: str
    weight_printed_decimals: int | None = None

"""Landing records of the narrative beyond the long-form Figure.

Numeric facts of the narrative go into ``records.Figure``; these record types hold the facts whose
grain is not "one number": a unit of the department, a glossary entry, one 类/款/项 line, one
per-project summary of 附件1, one indicator of a 附件2 special-project report.
"""
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from .records import Provenance


@dataclass(frozen=True)
class UnitRecord(Provenance):
    """A reporting entity: the department itself (seq 0) or one of its listed subordinate units."""

    table: ClassVar[str] = "units"

    seq: int  # printed list number; 0 for the department itself
    unit_name: str
    unit_category: str | None  # normalised to the Part-1 vocabulary (行政单位 / 参照公务员法管理的事业单位 / 事业单位)
    unit_category_printed: str | None  # as printed where the category was found (e.g. 其他事业单位)
    category_source_location: str | None
    is_department_itself: bool
    source_location: str
    source_text: str


@dataclass(frozen=True)
class GpbItem(Provenance):
    """One 类/款/项 line of 一般公共预算财政拨款支出决算具体情况."""

    table: ClassVar[str] = "gpb_items"

    seq: int  # printed item number
    fiscal_year: int | None
    class_name: str  # 类 as printed (e.g. 社会保障和就业)
    class_name_normalized: str  # with the 支出 suffix every 类 of the classification carries
    kuan_name: str
    xiang_name: str
    amount: Decimal | None
    amount_raw: str
    amount_unit: str | None
    amount_decimals: int | None
    completion_pct: Decimal | None
    completion_raw: str | None
    completion_decimals: int | None
    variance_text: str | None  # the text after the completion, as printed
    variance_kind: str | None  # 持平 / 基本持平 / 差异说明
    source_location: str
    source_text: str
    parse_error: str | None = None
    function_code: str | None = None  # national classification code (7 digits), None when unmatched
    function_match_method: str | None = None  # exact / normalised / class_suffix / similarity
    function_match_note: str | None = None  # what was tolerated, or why nothing matched
    # the national template prints the item's budget and compares it with the actual in words
    budget: Decimal | None = None  # 年初预算 / 全年预算 as printed (in budget_unit)
    budget_raw: str | None = None
    budget_unit: str | None = None
    budget_decimals: int | None = None
    budget_kind: str | None = None  # 年初预算 or 全年预算
    variance_direction: str | None = None  # greater / less / equal / flat, from the printed words
    variance_reason: str | None = None


@dataclass(frozen=True)
class GlossaryEntry(Provenance):
    """One 名词解释 entry; printed numbers are not unique (a glued ``27.基本支出`` exists)."""

    table: ClassVar[str] = "glossary"

    seq: int  # order of appearance, 1-based
    seq_printed: str
    term: str
    definition: str
    char_offset: int  # 0 unless the entry is glued onto the end of another one's line
    source_location: str
    source_text: str
    seq_number: int | None = None  # the printed number as an integer ("27", "二十七" → 27)


@dataclass(frozen=True)
class ProjectSummary(Provenance):
    """A per-project narrative summary of 附件1 (``<项目名>。<text>`` under a unit header)."""

    table: ClassVar[str] = "project_summaries"

    seq: int
    fiscal_year: int | None
    unit_header: str | None  # as printed, without the colon (e.g. 市人社局)
    project_name: str
    execution_rate: Decimal | None  # 预算执行率 / 预算完成率 / 资金使用率, in %
    execution_rate_raw: str | None
    score: Decimal | None  # self-evaluation score stated in the text
    score_raw: str | None
    stated_balance: Decimal | None  # 资金结余X万元
    stated_initial_budget: Decimal | None  # 年初预算X万(元)
    stated_paid: Decimal | None  # 实际发放/支付…X万(元)
    amount_unit: str | None  # unit of the three amounts above (万元)
    text: str  # the summary text after the project name
    source_location: str
    source_text: str


@dataclass(frozen=True)
class SpecialEvaluationIndicator(Provenance):
    """One scored indicator of a 附件2 专项预算项目绩效评价报告."""

    table: ClassVar[str] = "special_evaluation_indicators"

    report_seq: int
    report_title: str  # the parenthesised title, without the parentheses
    category: str | None  # 通用 / 专用 / 个性
    seq: int  # order within the report
    indicator_name: str
    max_score: Decimal | None
    max_score_raw: str
    score: Decimal | None
    score_raw: str
    name_location: str  # the paragraph the name was taken from
    source_location: str  # the paragraph with 该项指标分值…自评得分…
    source_text: str

"""Cells of a performance-indicator (KPI) row: operator, target and actual values, and whether the target was met.

The KPI blocks of the project self-evaluation tables and of the department-wide table share the national
template: 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析
(the department table has its own header texts, 权重 before 完成值 and no 得分/原因). Columns are therefore
found by header text, never by position.

Values are printed in many shapes: ``9.2``, ``100%``, ``12月``, ``2500万``, ``8.01万元``, ``≤12月``, ``＞90%``,
``每人每年25元``, ``2023年``, ``-`` (not applicable), ``未完成``, grades (``优``, ``优良中低差``) or empty.
Numbers go through ``parsing.numbers.parse_number``; this module only peels off what surrounds them.
"""
import re
from dataclasses import dataclass
from decimal import Decimal

from pipelines.parsing.numbers import normalize, parse_number

# 指标性质 as printed → operator code. Keys are NFKC-normalised (＞＜＝ arrive as ><=), spaces removed.
OPERATORS = {
    "≥": "ge", ">=": "ge", "=>": "ge", "≧": "ge", "大于等于": "ge", "不低于": "ge", "不少于": "ge",
    "≤": "le", "<=": "le", "=<": "le", "≦": "le", "小于等于": "le", "不高于": "le", "不超过": "le",
    "不多于": "le",
    "=": "eq", "==": "eq", "等于": "eq",
    ">": "gt", "大于": "gt", "高于": "gt",
    "<": "lt", "小于": "lt", "低于": "lt",
    "定性": "qualitative",
}
QUANTITATIVE = ("ge", "le", "eq", "gt", "lt")

# Cells that mean "nothing here": blank, or the template's '/' for "not applicable to this row".
_BLANK = ("", "/")
# Printed in place of a value to say "not applicable" (#11 prints '-' in every 完成值 cell).
_NOT_APPLICABLE = ("-", "—", "--", "——", "－")
# A comparator printed inside a value cell (``≤12月``, ``＞90%``), NFKC-normalised.
_COMPARATOR_RE = re.compile(r"^(>=|<=|=>|=<|≥|≤|≧|≦|>|<|=)\s*")
# A rate qualifier before the number (``每人每年25元``): one or more 每+unit pairs.
_RATE_PREFIX_RE = re.compile(r"^((?:每[^\d\s每]){1,3})")
# A unit is short and holds no digits (``万人次``, ``元/人·次``, ``%``); longer text (``日前完成发放``) is prose.
_UNIT_RE = re.compile(r"^[^\d\s]{1,6}$")
_MAX_UNIT_CJK = 4


def clean(text: str | None) -> str:
    """A cell as printed, without surrounding whitespace (incl. U+3000); inner soft breaks are kept."""
    return (text or "").strip()


def is_blank(text: str | None) -> bool:
    """Blank or '/' — the template's empty markers; such a cell is None, never 0."""
    return normalize(text or "") in _BLANK


def normalize_operator(text: str | None) -> str | None:
    """``≥``/``>=`` → ge, ``≤`` → le, ``＝``/``=`` → eq, ``＞`` → gt, ``＜`` → lt, ``定性`` → qualitative; else None."""
    key = re.sub(r"\s+", "", normalize(text or ""))
    return OPERATORS.get(key) if key else None


@dataclass(frozen=True)
class KpiValue:
    """A target or actual cell: the text as printed and, when it states a number, the number and its unit."""

    text: str | None  # stripped cell text; None for blank or '/'
    value: Decimal | None
    unit: str | None
    printed_decimals: int | None
    comparator: str | None  # operator code printed inside the value (``≤12月`` → le)
    not_applicable: bool = False  # printed '-'


def parse_kpi_value(text: str | None, *, numeric: bool = True) -> KpiValue:
    """Read a target/actual cell. ``numeric=False`` (qualitative rows) keeps the text only.

    ``≤12月`` → (12, 月, le); ``＞90%`` → (90, %, gt); ``2500万`` → (2500, 万); ``每人每年25元`` → (25, 元);
    ``-`` → not applicable; ``优``/``未完成``/``每月20日前完成发放`` → text only.
    """
    raw = clean(text)
    if is_blank(raw):
        return KpiValue(None, None, None, None, None)
    norm = normalize(raw)
    if norm in _NOT_APPLICABLE:
        return KpiValue(raw, None, None, None, None, not_applicable=True)
    if not numeric:
        return KpiValue(raw, None, None, None, None)
    comparator = None
    match = _COMPARATOR_RE.match(norm)
    if match:
        comparator = OPERATORS[match.group(1)]
        norm = norm[match.end():]
    norm = _RATE_PREFIX_RE.sub("", norm, count=1)
    number = parse_number(norm)
    if not number.ok or not _is_unit(number.unit):
        return KpiValue(raw, None, None, None, None)
    return KpiValue(raw, number.value, number.unit, number.printed_decimals, comparator)


def _is_unit(unit: str | None) -> bool:
    if unit is None:
        return True
    return bool(_UNIT_RE.match(unit)) and sum(1 for ch in unit if ord(ch) > 0x2E7F) <= _MAX_UNIT_CJK


def units_agree(actual_unit: str | None, target_unit: str | None, measure_unit: str | None) -> bool:
    """An actual that prints its own unit is comparable only if it is the target's unit (``2500万`` vs 万)."""
    if actual_unit is None:
        return True
    expected = {normalize(u) for u in (target_unit, measure_unit) if u}
    return not expected or normalize(actual_unit) in expected


# An interval is (low, low_inclusive, high, high_inclusive); None = unbounded.
_Interval = tuple[Decimal | None, bool, Decimal | None, bool]


def _interval(operator: str, bound: Decimal) -> _Interval:
    return {
        "ge": (bound, True, None, False),
        "gt": (bound, False, None, False),
        "le": (None, False, bound, True),
        "lt": (None, False, bound, False),
        "eq": (bound, True, bound, True),
    }[operator]


def _contains(outer: _Interval, inner: _Interval) -> bool:
    o_low, o_low_inc, o_high, o_high_inc = outer
    i_low, i_low_inc, i_high, i_high_inc = inner
    if o_low is not None:
        if i_low is None or i_low < o_low or (i_low == o_low and i_low_inc and not o_low_inc):
            return False
    if o_high is not None:
        if i_high is None or i_high > o_high or (i_high == o_high and i_high_inc and not o_high_inc):
            return False
    return True


def _disjoint(a: _Interval, b: _Interval) -> bool:
    a_low, a_low_inc, a_high, a_high_inc = a
    b_low, b_low_inc, b_high, b_high_inc = b
    if a_high is not None and b_low is not None:
        if a_high < b_low or (a_high == b_low and not (a_high_inc and b_low_inc)):
            return True
    if b_high is not None and a_low is not None:
        if b_high < a_low or (b_high == a_low and not (b_high_inc and a_low_inc)):
            return True
    return False


def target_met(
    operator: str | None,
    target_value: Decimal | None,
    actual_value: Decimal | None,
    *,
    actual_comparator: str | None = None,
) -> bool | None:
    """Whether the actual satisfies ``operator target``; None for qualitative rows or a missing value.

    An actual printed with a comparator (``≤5天``) is a range: met only if the whole range satisfies the
    target, not met if none of it does, None if it is undecidable (``≥ 5`` vs ``≤5``).
    """
    if operator not in QUANTITATIVE or target_value is None or actual_value is None:
        return None
    wanted = _interval(operator, target_value)
    actual = _interval(actual_comparator or "eq", actual_value)
    if _contains(wanted, actual):
        return True
    if _disjoint(wanted, actual):
        return False
    return None


# --- columns of a KPI block, found by header text ---------------------------------------------------------

KPI_FIELDS = ("level1", "level2", "indicator", "operator", "target", "measure_unit", "actual", "weight", "score",
              "reason")


def _header_field(header: str) -> str | None:
    text = re.sub(r"\s+", "", normalize(header))
    if text == "一级指标":
        return "level1"
    if text == "二级指标":
        return "level2"
    if text == "三级指标":
        return "indicator"
    if "性质" in text:
        return "operator"
    if "度量单位" in text:
        return "measure_unit"
    if "原因" in text:
        return "reason"
    if "完成" in text and "值" in text:
        return "actual"
    if text.endswith("指标值"):
        return "target"
    if text == "权重":
        return "weight"
    if text == "得分":
        return "score"
    return None


def kpi_columns(header_cells: list[str]) -> dict[str, int]:
    """Field → column index from a KPI header row (e.g. ``一级指标 … 完成值 权重 得分 未完成原因分析``)."""
    columns: dict[str, int] = {}
    for index, text in enumerate(header_cells):
        field = _header_field(text)
        if field and field not in columns:
            columns[field] = index
    return columns


def is_kpi_header(cells: list[str]) -> bool:
    """A KPI header row names 一级指标 in its second cell (the first is the block label or empty)."""
    return len(cells) >= 4 and re.sub(r"\s+", "", normalize(cells[1])) == "一级指标"


@dataclass(frozen=True)
class KpiCells:
    """One KPI row's cells interpreted through the header's column map (levels not yet filled down)."""

    level1_raw: str | None
    level2_raw: str | None
    indicator: str | None
    operator: str | None
    operator_raw: str | None
    target: KpiValue
    measure_unit: str | None
    actual: KpiValue
    weight_raw: str | None
    score_raw: str | None
    reason: str | None

    @property
    def is_empty(self) -> bool:
        return not any((self.level1_raw, self.level2_raw, self.indicator, self.operator_raw, self.target.text,
                        self.measure_unit, self.actual.text, self.weight_raw, self.score_raw, self.reason))

    @property
    def describes_indicator(self) -> bool:
        """A real KPI row names its indicator; a row with only a score (#26) or nothing does not."""
        return self.indicator is not None


def read_kpi_cells(cells: list[str], columns: dict[str, int]) -> KpiCells:
    def cell(field: str) -> str | None:
        index = columns.get(field)
        if index is None or index >= len(cells):
            return None
        text = clean(cells[index])
        return None if is_blank(text) else text

    operator_raw = cell("operator")
    operator = normalize_operator(operator_raw)
    numeric = operator != "qualitative"
    return KpiCells(
        level1_raw=cell("level1"),
        level2_raw=cell("level2"),
        indicator=cell("indicator"),
        operator=operator,
        operator_raw=operator_raw,
        target=parse_kpi_value(cell("target"), numeric=numeric),
        measure_unit=cell("measure_unit"),
        actual=parse_kpi_value(cell("actual"), numeric=numeric),
        weight_raw=cell("weight"),
        score_raw=cell("score"),
        reason=cell("reason"),
    )


def met(kpi: KpiCells) -> bool | None:
    """target_met for a KPI row, None when the actual prints a unit other than the target's."""
    if not units_agree(kpi.actual.unit, kpi.target.unit, kpi.measure_unit):
        return None
    return target_met(kpi.operator, kpi.target.value, kpi.actual.value, actual_comparator=kpi.actual.comparator)


def indicator_fields(kpi: KpiCells) -> dict:
    """The record fields every indicator row shares (project tables and the department table)."""
    return dict(
        level1_raw=kpi.level1_raw,
        level2_raw=kpi.level2_raw,
        indicator=kpi.indicator,
        operator=kpi.operator,
        operator_raw=kpi.operator_raw,
        target_text=kpi.target.text,
        target_value=kpi.target.value,
        target_unit=kpi.target.unit,
        target_printed_decimals=kpi.target.printed_decimals,
        measure_unit=kpi.measure_unit,
        actual_text=kpi.actual.text,
        actual_value=kpi.actual.value,
        actual_unit=kpi.actual.unit,
        actual_operator=kpi.actual.comparator,
        actual_printed_decimals=kpi.actual.printed_decimals,
        target_met=met(kpi),
    )

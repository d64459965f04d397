"""Operators, target/actual values and target_met of KPI rows."""
from decimal import Decimal

import pytest

from pipelines.extract.kpi_values import (
    is_kpi_header,
    kpi_columns,
    met,
    normalize_operator,
    parse_kpi_value,
    read_kpi_cells,
    target_met,
    units_agree,
)


@pytest.mark.parametrize("printed, code", [
    ("≥", "ge"), (">=", "ge"), ("＞＝", "ge"), ("≧", "ge"),
    ("≤", "le"), ("<=", "le"), ("＜＝", "le"),
    ("＝", "eq"), ("=", "eq"), (" = ", "eq"),
    ("＞", "gt"), (">", "gt"),
    ("＜", "lt"), ("<", "lt"),
    ("定性", "qualitative"), ("\u3000定性 ", "qualitative"),
    ("", None), (None, None), ("约", None),
])
def test_normalize_operator(printed, code):
    assert normalize_operator(printed) == code


@pytest.mark.parametrize("printed, value, unit, decimals, comparator", [
    ("9.2", Decimal("9.2"), None, 1, None),
    ("100%", Decimal("100"), "%", 0, None),
    ("12月", Decimal("12"), "月", 0, None),
    ("2500万", Decimal("2500"), "万", 0, None),
    ("1248.75万", Decimal("1248.75"), "万", 2, None),
    ("8.01万元", Decimal("8.01"), "万元", 2, None),
    ("≤12月", Decimal("12"), "月", 0, "le"),
    ("≥95%", Decimal("95"), "%", 0, "ge"),
    ("＞90%", Decimal("90"), "%", 0, "gt"),
    ("每人每年25元", Decimal("25"), "元", 0, None),
    ("2023年", Decimal("2023"), "年", 0, None),
    ("94.4 ", Decimal("94.4"), None, 1, None),
    ("\u300010", Decimal("10"), None, 0, None),
    ("500000", Decimal("500000"), None, 0, None),
])
def test_parse_numeric_kpi_values(printed, value, unit, decimals, comparator):
    parsed = parse_kpi_value(printed)
    assert (parsed.value, parsed.unit, parsed.printed_decimals, parsed.comparator) == (value, unit, decimals, comparator)
    assert parsed.text == printed.strip()


@pytest.mark.parametrize("printed, text", [
    ("优", "优"), ("优良中低差", "优良中低差"), ("未完成", "未完成"), ("不断增强", "不断增强"),
    ("每月20日前完成发放", "每月20日前完成发放"),  # a number inside prose is not a value
    ("2023年12月", "2023年12月"),
])
def test_text_kpi_values_have_no_number(printed, text):
    parsed = parse_kpi_value(printed)
    assert (parsed.text, parsed.value, parsed.unit, parsed.not_applicable) == (text, None, None, False)


@pytest.mark.parametrize("printed", ["", "  ", "/", None, "\u3000"])
def test_blank_kpi_values_are_none(printed):
    parsed = parse_kpi_value(printed)
    assert (parsed.text, parsed.value, parsed.not_applicable) == (None, None, False)


def test_dash_means_not_applicable_not_zero():
    parsed = parse_kpi_value("-")
    assert (parsed.text, parsed.value, parsed.not_applicable) == ("-", None, True)


def test_qualitative_rows_keep_text_only():
    parsed = parse_kpi_value("100", numeric=False)
    assert (parsed.text, parsed.value) == ("100", None)


@pytest.mark.parametrize("operator, target, actual, comparator, expected", [
    ("ge", "90", "100", None, True),
    ("ge", "90", "90", None, True),
    ("ge", "6000", "3827", None, False),
    ("gt", "9.2", "9.3", None, True),
    ("gt", "80", "80", None, False),  # template habit: ＞80 with 80 achieved is, as printed, not met
    ("le", "800", "711.23", None, True),
    ("le", "7788.85", "8654.48", None, False),
    ("lt", "12", "12", None, False),
    ("lt", "12", "5", None, True),
    ("eq", "7", "7", None, True),
    ("eq", "7", "7.00", None, True),
    ("eq", "96", "76", None, False),
    ("le", "12", "12", "le", True),  # ≤12 with actual ≤12月
    ("gt", "90", "90", "gt", True),  # ＞90 with actual ＞90%
    ("ge", "5", "5", "le", None),  # ≥5 with actual ≤5天: undecidable
    ("ge", "10", "5", "le", False),  # ≥10 with actual ≤5: certainly missed
    ("eq", "5", "5", "ge", None),
])
def test_target_met(operator, target, actual, comparator, expected):
    assert target_met(operator, Decimal(target), Decimal(actual), actual_comparator=comparator) is expected


@pytest.mark.parametrize("operator, target, actual", [
    ("qualitative", "1", "1"), (None, "1", "1"), ("ge", None, "1"), ("ge", "1", None),
])
def test_target_met_is_none_without_a_comparison(operator, target, actual):
    assert target_met(operator, target and Decimal(target), actual and Decimal(actual)) is None


def test_units_agree():
    assert units_agree(None, None, "万")
    assert units_agree("万", None, "万")
    assert units_agree("%", None, "%")
    assert not units_agree("元", None, "人/年")  # 每人每年25元 vs 25 人/年 is not the same quantity
    assert units_agree("元", None, None)


PROJECT_HEADER = ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重",
                  "得分", "未完成原因分析"]
DEPARTMENT_HEADER = ["年度绩效\n指标", "一级指标", "二级指标", "三级指标", "绩效指标\n性质", "绩效指标值", "绩效度量单位", "权重",
                     "实际完成\n指标值"]


def test_kpi_columns_of_both_templates():
    assert kpi_columns(PROJECT_HEADER) == {
        "level1": 1, "level2": 2, "indicator": 3, "operator": 4, "target": 5, "measure_unit": 6, "actual": 7,
        "weight": 8, "score": 9, "reason": 10}
    assert kpi_columns(DEPARTMENT_HEADER) == {
        "level1": 1, "level2": 2, "indicator": 3, "operator": 4, "target": 5, "measure_unit": 6, "weight": 7,
        "actual": 8}
    assert is_kpi_header(PROJECT_HEADER) and is_kpi_header([""] + PROJECT_HEADER[1:])
    assert not is_kpi_header(["", "产出指标", "数量指标", "x"])


def test_read_kpi_cells_project_row():
    cells = ["", "产出指标", "数量指标", "发放各类资格证书数量", "＞", "6000", "本", "3827", "8", "5.1", "部分考试报名人数减少"]
    kpi = read_kpi_cells(cells, kpi_columns(PROJECT_HEADER))
    assert (kpi.level1_raw, kpi.level2_raw, kpi.indicator, kpi.operator, kpi.operator_raw) == (
        "产出指标", "数量指标", "发放各类资格证书数量", "gt", "＞")
    assert (kpi.target.value, kpi.measure_unit, kpi.actual.value) == (Decimal(6000), "本", Decimal(3827))
    assert (kpi.weight_raw, kpi.score_raw, kpi.reason) == ("8", "5.1", "部分考试报名人数减少")
    assert met(kpi) is False


def test_read_kpi_cells_department_row_and_merged_levels():
    cells = ["", "", "", "人力资源产业园入驻企业年税收", "≥", "1000", "万", "10%", "2500万"]
    kpi = read_kpi_cells(cells, kpi_columns(DEPARTMENT_HEADER))
    assert (kpi.level1_raw, kpi.level2_raw, kpi.weight_raw, kpi.score_raw, kpi.reason) == (None, None, "10%", None, None)
    assert (kpi.actual.value, kpi.actual.unit) == (Decimal(2500), "万")
    assert met(kpi) is True


def test_score_only_row_does_not_describe_an_indicator():
    cells = ["", "", "", "", "", "", "", "", "", "90", ""]
    kpi = read_kpi_cells(cells, kpi_columns(PROJECT_HEADER))
    assert not kpi.describes_indicator and not kpi.is_empty
    assert read_kpi_cells([""] * 11, kpi_columns(PROJECT_HEADER)).is_empty

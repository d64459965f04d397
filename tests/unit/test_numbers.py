"""The one number parser, on every printed variation the reports use."""
from decimal import Decimal

import pytest

from pipelines.parsing.numbers import normalize, parse_amount, parse_number, parse_percent


@pytest.mark.parametrize("text, value, unit, decimals", [
    ("15,157.48万元", Decimal("15157.48"), "万元", 2),
    ("1536.39万元", Decimal("1536.39"), "万元", 2),
    ("0万元", Decimal("0"), "万元", 0),
    ("0元", Decimal("0"), "元", 0),
    ("888.4万元", Decimal("888.4"), "万元", 1),
    ("１，２３４．５万元", Decimal("1234.5"), "万元", 1),  # full-width digits and punctuation
    ("减少12.32万元", Decimal("-12.32"), "万元", 2),
    ("增加353.95万元", Decimal("353.95"), "万元", 2),
    ("10.94亿元", Decimal("10.94"), "亿元", 2),
    ("246.910", Decimal("246.910"), None, 3),
])
def test_parse_amount(text, value, unit, decimals):
    parsed = parse_amount(text)
    assert (parsed.value, parsed.unit, parsed.printed_decimals, parsed.error) == (value, unit, decimals, None)
    assert isinstance(parsed.value, Decimal)


def test_amount_default_unit_from_a_table_header():
    assert parse_amount("800.00", default_unit="万元").unit == "万元"


@pytest.mark.parametrize("text, reason", [
    ("", "empty"),
    ("   ", "empty"),
    ("/", "no number in '/'"),
    ("未完成", "no number in '未完成'"),
    ("98.8%", "a percentage where an amount was expected: '98.8%'"),
])
def test_unparsable_amount_keeps_the_reason_and_is_never_zero(text, reason):
    parsed = parse_amount(text)
    assert parsed.value is None and parsed.error == reason and not parsed.ok


@pytest.mark.parametrize("text, value, decimals", [
    ("88.90%", Decimal("88.90"), 2),
    ("98.8%", Decimal("98.8"), 1),
    ("66%", Decimal("66"), 0),
    ("0 %", Decimal("0"), 0),
    ("-0.32%", Decimal("-0.32"), 2),
    ("完成预算的100%", Decimal("100"), 0),
    ("完成预算95.52%", Decimal("95.52"), 2),
    ("下降49.6%", Decimal("-49.6"), 1),
    ("减少35.9%", Decimal("-35.9"), 1),
    ("增长2.4%", Decimal("2.4"), 1),
    ("１００％", Decimal("100"), 0),
])
def test_parse_percent(text, value, decimals):
    parsed = parse_percent(text)
    assert (parsed.value, parsed.printed_decimals, parsed.unit, parsed.is_percent) == (value, decimals, "%", True)


def test_percent_missing_is_an_error():
    parsed = parse_percent("持平")
    assert parsed.value is None and parsed.error == "no percentage in '持平'"


@pytest.mark.parametrize("text, value, unit", [
    ("95.99", Decimal("95.99"), None), ("10", Decimal("10"), None), ("94.4 ", Decimal("94.4"), None),
    ("2% ", Decimal("2"), "%"), ("12月", Decimal("12"), "月"),
])
def test_parse_number(text, value, unit):
    parsed = parse_number(text)
    assert (parsed.value, parsed.unit) == (value, unit)


def test_normalize_strips_ideographic_spaces():
    assert normalize("\u3000\u3000公用经费：") == "公用经费:"


@pytest.mark.parametrize("printed, number", [("12", 12), ("一", 1), ("十", 10), ("十一", 11), ("二十", 20),
                                             ("二十六", 26), ("九十九", 99), ("", None), ("一百", None), ("十十", None),
                                             ("XX", None)])
def test_list_number(printed, number):
    from pipelines.parsing.numbers import list_number

    assert list_number(printed) == number

"""Spreadsheet numbers as printed: Excel's 15 digits, then the cell's number format (expected texts are what
Excel shows for these value/format pairs)."""
from decimal import Decimal

import pytest

from pipelines.documents.number_format import excel_value, render_number, shortest_decimal, split_sections

ACCOUNTING_ZH = '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ '  # Excel's zh-CN accounting format


@pytest.mark.parametrize("value, number_format, printed", [
    ("2940.05", "#,##0.00", "2,940.05"),
    ("6.2", "0.00", "6.20"),
    ("2940.0500000000002", "#,##0.00", "2,940.05"),  # a SUM's binary remainder
    ("0.30000000000000004", "General", "0.3"),
    ("0.30000000000000004", None, "0.3"),
    ("2940", "General", "2940"),
    ("2940", "#,##0", "2,940"),
    ("6.2", "0", "6.2"),  # a format without decimals does not hide the digits of an amount
    ("6.2", "0.0#", "6.2"),
    ("6.25", "0.0#", "6.25"),
    ("1.005", "0.00", "1.01"),  # half away from zero, as Excel rounds
    ("0.125", "0.00%", "12.50%"),
    ("-2940.05", "#,##0.00", "-2,940.05"),
    ("-2940.05", "#,##0.00_);(#,##0.00)", "(2,940.05)"),
    ("1234.5", ACCOUNTING_ZH, "1,234.50"),
    ("-1234.5", ACCOUNTING_ZH, "-1,234.50"),
    ("0", ACCOUNTING_ZH, "0.00"),  # a dash would read as a blank cell: the stored 0 prints as a number
    ("2940.05", "[$¥-804]#,##0.00", "¥2,940.05"),
    ("12", '0"元"', "12元"),
    ("2940.05", "[Red]#,##0.00", "2,940.05"),
    ("1.5", "0.00E+00", "1.5"),  # exponent formats are not interpreted: the exact decimal
    ("100000000000000000000", "General", "100000000000000000000"),
])
def test_render_number(value, number_format, printed):
    assert render_number(Decimal(value), number_format) == printed


def test_excel_keeps_fifteen_significant_digits():
    assert excel_value(Decimal("0.30000000000000004")) == Decimal("0.300000000000000")
    assert excel_value(Decimal("2940.05")) == Decimal("2940.05")
    assert shortest_decimal(Decimal("2.90E+3")) == "2900"
    assert shortest_decimal(Decimal("0.000")) == "0"


def test_sections_split_outside_quotes():
    assert split_sections('0.00;"a;b"0;0') == ["0.00", '"a;b"0', "0"]

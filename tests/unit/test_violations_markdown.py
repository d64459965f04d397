"""The identity check in the Dagster UI: a table per document a person reads, numbers in the printed unit."""
from decimal import Decimal

from pipelines.summary import violations_markdown


def test_one_table_per_document_with_numbers_in_the_printed_unit():
    rows = [
        ("S01.pdf", "warning", "gpb_class_share", "一般公共服务支出", Decimal("71.6539"), Decimal("71.73"),
         Decimal("-0.0761"), "%", "page 21 line 24"),
        ("S01.pdf", "info", "statement_classes_agree", "208 社会保障和就业支出", Decimal("3267100.00"),
         Decimal("3267200.00"), Decimal("-100.00"), "万元", "page 12 table 1 row 10 col 5"),
        ("luzhou.txt", "warning", "r|1", None, Decimal("5"), Decimal("6"), Decimal("-1"), "辆", None),
    ]
    text = violations_markdown(rows)
    assert "### S01.pdf — 2 violation(s)" in text and "### luzhou.txt — 1 violation(s)" in text
    assert "| warning | gpb_class_share | 一般公共服务支出 | 71.6539% | 71.73% | -0.0761% | page 21 line 24 |" in text
    assert "| info | statement_classes_agree | 208 社会保障和就业支出 | 326.71 万元 | 326.72 万元 | -0.01 万元 |" in text
    assert "| warning | r\\|1 |  | 5 辆 | 6 辆 | -1 辆 |  |" in text  # a pipe in a cell does not break the table
    assert violations_markdown([]) == "No violation."

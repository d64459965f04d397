"""Tolerance arithmetic from printed precision: sums of mixed precision, ratios, zero bases."""
from decimal import Decimal as D

import pytest

from pipelines.identities.tolerance import (
    EXACT, INSUFFICIENT_DATA, VIOLATION, WITHIN_ROUNDING, Printed, check_le, check_ratio, check_sum,
)

WAN = D(10000)


def wan(value: str, decimals: int) -> Printed:
    return Printed(D(value) * WAN, decimals, WAN)


def test_sum_exact():
    out = check_sum([wan("1.10", 2), wan("2.20", 2)], wan("3.30", 2))
    assert (out.status, out.difference) == (EXACT, 0)


def test_sum_within_rounding_reference_income():
    """Σ 8 sources = 15,157.49 vs printed 15,157.48: within rounding."""
    terms = [wan("14968.80", 2), wan("188.69", 2)]
    out = check_sum(terms, wan("15157.48", 2))
    assert out.status == WITHIN_ROUNDING
    assert out.difference == D("0.01") * WAN
    assert out.tolerance == 3 * D("0.005") * WAN  # 2 terms + the total, each half a unit of 0.01 万元


def test_sum_mixed_precision_tolerance():
    """888.4 carries 0.05, 1,745.32 carries 0.005, the total 0.005."""
    out = check_sum([wan("888.4", 1), wan("1745.32", 2)], wan("2633.75", 2))
    assert out.tolerance == (D("0.05") + D("0.005") + D("0.005")) * WAN
    assert out.status == WITHIN_ROUNDING  # 2633.72 vs 2633.75: 0.03 ≤ 0.06


def test_sum_violation_reference_social_security_class():
    """A18: items under 社会保障和就业 sum to 12,690.41 vs the class total 11,504.89."""
    out = check_sum([wan("11504.90", 2), wan("1185.51", 2)], wan("11504.89", 2))
    assert out.status == VIOLATION and out.lhs == D("12690.41") * WAN


def test_sum_exact_constant_total():
    out = check_sum([Printed(D("98.8"), 1), Printed(D("1.2"), 1)], Printed(D(100), None))
    assert out.status == EXACT and out.tolerance == D("0.1")


def test_component_mode_scores_must_add_up():
    parts = [Printed(D("9.2"), 1), Printed(D(90), 0)]
    assert check_sum(parts, Printed(D("99.15"), 2), mode="component").status == WITHIN_ROUNDING
    assert check_sum([Printed(D(10), 0), Printed(D("77.9"), 1)], Printed(D("97.9"), 1), mode="component").status == VIOLATION


def test_missing_value_is_insufficient_data_never_a_pass():
    assert check_sum([Printed(None, 2)], wan("1", 2)).status == INSUFFICIENT_DATA
    assert check_ratio([Printed(None, 2)], [wan("1", 2)], Printed(D(1), 0)).status == INSUFFICIENT_DATA


def test_ratio_exact_rounds_half_up():
    # 188.69 / 15157.48 = 1.2449 % printed as 1.2 %
    out = check_ratio([wan("188.69", 2)], [wan("15157.48", 2)], Printed(D("1.2"), 1))
    assert out.status == EXACT


def test_ratio_within_rounding_reference_execution_rate():
    """7.43 / 8.00 = 92.875 % printed as 92.82 %: the inputs' rounding explains it (not a violation)."""
    out = check_ratio([wan("7.43", 2)], [wan("8.00", 2)], Printed(D("92.82"), 2))
    assert out.status == WITHIN_ROUNDING


def test_ratio_violation():
    out = check_ratio([wan("50", 2)], [wan("100", 2)], Printed(D("60"), 0))
    assert out.status == VIOLATION and out.lhs == D("50.0000")


def test_growth_with_zero_prior_is_not_computable():
    """增加1.49万元, 增长100.00% with current 1.49: prior = 0, growth undefined — not infinite, not a pass."""
    out = check_ratio([wan("1.49", 2)], [wan("1.49", 2), Printed(D("-1.49") * WAN, 2, WAN)], Printed(D("100.00"), 2))
    assert out.status == INSUFFICIENT_DATA and "not computable" in out.detail


def test_part_le_whole():
    assert check_le([Printed(D(5), 0)], Printed(D(10), 0)).status == EXACT
    # printed integers may each be 0.5 off: 11 vs 10 is explained by rounding …
    assert check_le([Printed(D(11), 0)], Printed(D(10), 0)).status == WITHIN_ROUNDING
    # … but a typed score above its weight is not
    assert check_le([Printed(D(11), 0)], Printed(D(10), 0), mode="component").status == VIOLATION
    assert check_le([Printed(D("10.4"), 1)], Printed(D(10), 0), mode="component").status == VIOLATION


def test_same_figure_mode_allows_no_difference():
    """One amount printed twice (2,433.38 万元 in two statements) must be printed the same."""
    out = check_sum([wan("2433.38", 2)], wan("2433.38", 2), mode="same_figure")
    assert (out.status, out.tolerance) == (EXACT, 0)
    out = check_sum([wan("2433.38", 2)], wan("2433.39", 2), mode="same_figure")
    assert (out.status, out.difference, out.tolerance) == (VIOLATION, D("-0.01") * WAN, 0)
    # the printed mode would have let the two prints differ by their half units (0.005 + 0.005 万元)
    assert check_sum([wan("2433.38", 2)], wan("2433.39", 2)).status == WITHIN_ROUNDING


def test_same_figure_mode_part_le_whole():
    assert check_le([wan("0.70", 2)], wan("0.70", 2), mode="same_figure").status == EXACT
    assert check_le([wan("0.71", 2)], wan("0.70", 2), mode="same_figure").status == VIOLATION
    assert check_le([wan("0.71", 2)], wan("0.70", 2)).status == WITHIN_ROUNDING


def test_unknown_tolerance_mode_is_an_error():
    with pytest.raises(ValueError, match="unknown tolerance mode 'loose'"):
        check_sum([wan("1", 2)], wan("1", 2), mode="loose")

"""Tolerance arithmetic from printed precision — exact Decimal, no epsilon.

A printed figure with d decimals stands for any value within ± half a unit of its last digit.
A sum of n printed terms compared with a printed total may therefore differ by up to the sum of
their half-units; a printed ratio must lie within the range the exact ratio can take given the
rounding of its inputs.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

EXACT = "exact"
WITHIN_ROUNDING = "within_rounding"
VIOLATION = "violation"
INSUFFICIENT_DATA = "insufficient_data"


@dataclass(frozen=True)
class Printed:
    """A printed number: value (in the unit the check compares in), printed decimals, and the
    factor from the printed unit to that unit (10000 for 万元 compared in yuan)."""

    value: Decimal | None
    decimals: int | None  # None: an exact constant (e.g. the 100 that shares add up to)
    scale: Decimal = Decimal(1)

    @property
    def half_unit(self) -> Decimal:
        if self.decimals is None:
            return Decimal(0)
        return Decimal(5) * self.scale / (Decimal(10) ** (self.decimals + 1))


@dataclass(frozen=True)
class Outcome:
    status: str
    lhs: Decimal | None
    rhs: Decimal | None
    difference: Decimal | None
    tolerance: Decimal | None
    detail: str = ""


def _missing(*groups) -> bool:
    return any(p is None or p.value is None for group in groups for p in group)


def _tolerance(terms: list[Printed], total: Printed, mode: str) -> Decimal:
    """'printed' — every term and the total carry half a unit; 'component' — typed values (scores,
    weights) that must agree exactly, except for half a unit of a displayed component with decimals
    (a budget score shown as 9.2 while 9.15 was used). Whole numbers are typed as such: exact.
    'same_figure' — one amount printed twice (a statement and the text, two statements): both prints round
    the same number, so they must be equal; any difference is reported."""
    if mode == "printed":
        return sum((t.half_unit for t in terms), Decimal(0)) + total.half_unit
    if mode == "component":
        return max((t.half_unit for t in terms if t.decimals), default=Decimal(0))
    if mode == "same_figure":
        return Decimal(0)
    raise ValueError(f"unknown tolerance mode {mode!r}")


def check_sum(terms: list[Printed], total: Printed, mode: str = "printed") -> Outcome:
    """Σ terms = total."""
    if total is None or _missing(terms, [total]):
        return Outcome(INSUFFICIENT_DATA, None, total.value if total else None, None, None, "a term or the total is missing")
    lhs = sum((t.value for t in terms), Decimal(0))
    return _classify(lhs, total.value, lhs - total.value, _tolerance(terms, total, mode))


def check_le(part: list[Printed], whole: Printed, mode: str = "printed") -> Outcome:
    """Σ part ≤ whole, within the tolerance of ``mode``."""
    if whole is None or _missing(part, [whole]):
        return Outcome(INSUFFICIENT_DATA, None, None, None, None, "a value is missing")
    lhs = sum((t.value for t in part), Decimal(0))
    tolerance = _tolerance(part, whole, mode)
    difference = lhs - whole.value
    if difference <= 0:
        return Outcome(EXACT, lhs, whole.value, difference, tolerance)
    return _classify(lhs, whole.value, difference, tolerance)


def _classify(lhs, rhs, difference, tolerance) -> Outcome:
    if difference == 0:
        status = EXACT
    elif abs(difference) <= tolerance:
        status = WITHIN_ROUNDING
    else:
        status = VIOLATION
    return Outcome(status, lhs, rhs, difference, tolerance)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def check_ratio(numerator: list[Printed], denominator: list[Printed], printed: Printed,
                factor: Decimal = Decimal(100)) -> Outcome:
    """printed ≈ Σnumerator / Σdenominator × factor (a share, a growth rate, an execution rate).

    Exact when the exact ratio rounds half-up to the printed value; within rounding when the
    interval the ratio can take (inputs ± half a unit each) meets the printed value's interval;
    insufficient data when a value is missing or the denominator can be zero ("not computable").
    """
    if _missing(numerator, denominator, [printed]) or printed is None:
        return Outcome(INSUFFICIENT_DATA, None, printed.value if printed else None, None, None, "a value is missing")
    num = sum((t.value for t in numerator), Decimal(0))
    den = sum((t.value for t in denominator), Decimal(0))
    num_err = sum((t.half_unit for t in numerator), Decimal(0))
    den_err = sum((t.half_unit for t in denominator), Decimal(0))
    if den - den_err <= 0 <= den + den_err or den == 0:
        return Outcome(INSUFFICIENT_DATA, None, printed.value, None, None,
                       f"denominator {den} can be zero: the ratio is not computable")
    exact = num / den * factor
    lhs = round_half_up(exact, max(printed.decimals or 0, 4))
    difference = lhs - printed.value
    if printed.decimals is not None and round_half_up(exact, printed.decimals) == printed.value:
        return Outcome(EXACT, lhs, printed.value, difference, printed.half_unit)
    corners = [(num + a) / (den + b) * factor for a in (-num_err, num_err) for b in (-den_err, den_err)]
    low, high = min(corners), max(corners)
    tolerance = max(high - exact, exact - low) + printed.half_unit
    if high >= printed.value - printed.half_unit and low <= printed.value + printed.half_unit:
        return Outcome(WITHIN_ROUNDING, lhs, printed.value, difference, round_half_up(tolerance, 6))
    return Outcome(VIOLATION, lhs, printed.value, difference, round_half_up(tolerance, 6))

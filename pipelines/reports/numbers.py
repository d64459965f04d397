"""Numbers as the report prints them: exact Decimals, in the unit the document printed, never floats.

The warehouse keeps money in yuan (万元 figures × 10,000); a reader compares the finding with the page of
the report, so an amount printed in 万元 is shown again in 万元 with at least the digits it was printed with
(more only where the value needs them to stay exact: a tolerance of 0.0125 万元 is not rounded away)."""
from dataclasses import dataclass
from decimal import Decimal

MISSING = "—"

# yuan per printed unit; the exponent is exact (scaleb), so a conversion never rounds
_MONEY_EXPONENT = {"元": 0, "万元": 4, "亿元": 8}


@dataclass(frozen=True)
class Measure:
    """How a finding's numbers are shown: the unit label and the digits after the point (at least)."""

    unit: str = ""  # '' when the kind of number is unknown: shown as stored, without a unit
    decimals: int = 0

    @property
    def is_money(self) -> bool:
        return self.unit in _MONEY_EXPONENT


UNKNOWN = Measure()


def is_money_unit(unit: str | None) -> bool:
    return unit in _MONEY_EXPONENT


def in_unit(value: Decimal, measure: Measure) -> Decimal:
    """A stored value in the measure's unit (yuan → 万元 is an exact shift of the decimal point)."""
    return value.scaleb(-_MONEY_EXPONENT[measure.unit]) if measure.is_money else value


def format_decimal(value: Decimal | None, min_decimals: int = 0) -> str:
    """12690.41 → '12,690.41'; at least ``min_decimals`` digits after the point, and every digit the value
    needs (trailing zeros of the storage type, as in 90.0000, are dropped); None → '—'."""
    if value is None:
        return MISSING
    if not isinstance(value, Decimal):
        raise TypeError(f"numbers are Decimal, not {type(value).__name__}")
    exponent = value.normalize().as_tuple().exponent
    places = max(-exponent if isinstance(exponent, int) and exponent < 0 else 0, min_decimals or 0)
    shown = value.quantize(Decimal(1).scaleb(-places))
    if shown == 0:
        shown = abs(shown)  # never '-0.00'
    return f"{shown:,f}"


def format_amount(value: Decimal | None, measure: Measure = UNKNOWN, signed: bool = False,
                  decimals: int | None = None) -> str:
    """A finding's number in its printed unit: '12,690.41 万元', '88.7 %', '5 辆'; '—' when missing.
    ``decimals`` overrides the measure's (a value printed with fewer digits than its counterpart)."""
    if value is None:
        return MISSING
    shown = in_unit(value, measure)
    text = format_decimal(shown, measure.decimals if decimals is None else decimals)
    if signed and shown > 0:
        text = "+" + text
    if not measure.unit:
        return text
    return f"{text}{measure.unit}" if measure.unit == "%" else f"{text} {measure.unit}"

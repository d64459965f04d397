"""The one parser for printed amounts and percentages.

Every figure keeps what was printed (text, unit, decimals) beside its exact Decimal value,
because identity tolerances are derived from printed precision. A text that does not parse
gives a ParsedNumber with ``value=None`` and a ``error`` — never a silent 0.
"""
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Words that turn a printed (unsigned) change into a negative one. The sign of a change is
# carried by a word in these reports, not by a minus sign.
DECREASE_WORDS = ("减少", "下降", "降低", "减")
INCREASE_WORDS = ("增加", "增长", "上升", "提高", "增")

MONEY_UNITS = ("亿元", "万元", "元")
NUMBER_CORE = r"[-+－]?\d[\d,，]*(?:\.\d+)?"
_NUMBER_RE = re.compile(NUMBER_CORE)


@dataclass(frozen=True)
class ParsedNumber:
    """A number as printed: exact value, unit, and digits after the point."""

    raw: str
    value: Decimal | None
    unit: str | None = None
    printed_decimals: int | None = None
    is_percent: bool = False
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.value is not None


def normalize(text: str) -> str:
    """Full-width digits/punctuation to ASCII (NFKC), U+3000 and NBSP to spaces, stripped."""
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()


def _decimal_from(token: str) -> tuple[Decimal, int]:
    token = token.replace(",", "").replace("，", "").replace("－", "-").replace("+", "")
    value = Decimal(token)
    decimals = len(token.split(".", 1)[1]) if "." in token else 0
    return value, decimals


def _sign_from_words(prefix: str) -> int:
    for word in DECREASE_WORDS:
        if word in prefix:
            return -1
    return 1


def parse_amount(text: str, default_unit: str | None = None) -> ParsedNumber:
    """Parse a money amount such as ``15,157.48万元``, ``0元``, ``减少12.32万元`` or a bare cell ``800.00``.

    A decrease word before the number makes the value negative. The unit is the money unit
    printed after the number, else ``default_unit`` (table headers such as ``（万元）``).
    """
    raw = text
    norm = normalize(text)
    if not norm:
        return ParsedNumber(raw, None, error="empty")
    match = _NUMBER_RE.search(norm)
    if match is None:
        return ParsedNumber(raw, None, error=f"no number in {norm!r}")
    try:
        value, decimals = _decimal_from(match.group())
    except InvalidOperation:
        return ParsedNumber(raw, None, error=f"not a number: {match.group()!r}")
    rest = norm[match.end():].lstrip()
    unit = next((u for u in MONEY_UNITS if rest.startswith(u)), None) or default_unit
    if rest.startswith("%"):
        return ParsedNumber(raw, None, error=f"a percentage where an amount was expected: {norm!r}")
    value *= _sign_from_words(norm[: match.start()])
    return ParsedNumber(raw, value, unit=unit, printed_decimals=decimals)


_PERCENT_RE = re.compile(NUMBER_CORE + r"\s*%")


def parse_percent(text: str) -> ParsedNumber:
    """Parse a percentage such as ``88.90%``, ``0 %``, ``-0.32%``, ``完成预算的100%`` or ``下降49.6%``.

    The value is the number as printed (``88.90%`` → 88.90). A decrease word before it makes it negative.
    """
    raw = text
    norm = normalize(text)
    if not norm:
        return ParsedNumber(raw, None, is_percent=True, error="empty")
    match = _PERCENT_RE.search(norm)
    if match is None:
        return ParsedNumber(raw, None, is_percent=True, error=f"no percentage in {norm!r}")
    number = match.group().rstrip("%").strip()
    value, decimals = _decimal_from(number)
    value *= _sign_from_words(norm[: match.start()])
    return ParsedNumber(raw, value, unit="%", printed_decimals=decimals, is_percent=True)


def parse_number(text: str) -> ParsedNumber:
    """Parse a plain number (score, weight, count) such as ``95.99``, ``10``, ``90``; a trailing unit is kept."""
    raw = text
    norm = normalize(text)
    if not norm:
        return ParsedNumber(raw, None, error="empty")
    match = re.fullmatch(r"(" + NUMBER_CORE + r")\s*(\S*)", norm)
    if match is None:
        return ParsedNumber(raw, None, error=f"not a number: {norm!r}")
    value, decimals = _decimal_from(match.group(1))
    unit = match.group(2) or None
    return ParsedNumber(raw, value, unit=unit, printed_decimals=decimals, is_percent=unit == "%")


_CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def list_number(text: str) -> int | None:
    """A list number as printed — "12", "十二", "二十六" — as an integer; None when it is not one."""
    text = normalize(text)
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CHINESE_DIGITS and ch != "十" for ch in text) or text.count("十") > 1:
        return None
    if "十" not in text:
        return _CHINESE_DIGITS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)

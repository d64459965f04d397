"""A spreadsheet number as the statement prints it: Excel's 15 significant digits, then the cell's number format.

Spreadsheets store amounts as binary doubles: a SUM of 0.1 and 0.2 is kept as 0.30000000000000004. Excel
itself computes and shows at most 15 significant digits, so a value is first cut to 15 significant digits
(0.30000000000000004 → 0.3, 2940.0500000000002 → 2940.05), then:

* a format with decimal places prints them: '#,##0.00' → "2,940.05", '0.00' → "6.20", '0.0#' → "6.2",
  '0.00%' → "12.50%"; a format with a thousands separator and no decimals prints an integral value with
  it ('#,##0' → "2,940");
* anything else — General, text '@', a format without decimals on a value that has some (Excel would
  round 6.2 to "6"; we do not hide digits of money), formats we do not interpret (exponents, fractions,
  Chinese numerals [DBNum], conditions [>100]) — prints the shortest exact decimal ("6.2", "2940").

The sections of a format (positive;negative;zero) are honoured, except a zero section that prints no digit
(an accounting format's "-"): the cell holds the number 0, and a dash would be read downstream as a blank
cell (NULL), losing a zero the department entered — so a stored 0 prints with the positive section ("0.00").
"""
import re
from decimal import ROUND_HALF_UP, Decimal

_EXCEL_DIGITS = 15
_PLACEHOLDERS = "0#?"
_UNSUPPORTED = re.compile(r"[eE][+-]|/|\[(?:DBNum|<|>|=)", re.IGNORECASE)
_LITERAL = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|\[\$([^\]-]*)[^\]]*\]|\[[^\]]*\]', re.DOTALL)


def excel_value(value: Decimal) -> Decimal:
    """The value Excel works with: at most 15 significant digits (half away from zero, as Excel rounds)."""
    if not value.is_finite() or value == 0:
        return value
    exponent = value.adjusted() - (_EXCEL_DIGITS - 1)
    if value.as_tuple().exponent >= exponent:
        return value
    return value.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_UP)


def shortest_decimal(value: Decimal) -> str:
    """Plain positional notation without trailing zeros: Decimal('2.90E+3') → "2900", 6.20 → "6.2"."""
    value = excel_value(value)
    if value == 0:
        return "0"
    return format(value.normalize(), "f")


def split_sections(number_format: str) -> list[str]:
    """Split on ';' outside quotes and escapes."""
    sections, current, quoted, escaped = [], [], False, False
    for ch in number_format:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
            continue
        current.append(ch)
    sections.append("".join(current))
    return sections


def pick_section(sections: list[str], value: Decimal) -> tuple[str, bool]:
    """(section, whether the section prints the sign itself): Excel's positive;negative;zero choice."""
    if value < 0 and len(sections) > 1:
        return sections[1], True
    if value == 0 and len(sections) > 2 and re.search(r"[0#]", _unquoted(sections[2])):
        return sections[2], False
    return sections[0], False


def _unquoted(section: str) -> str:
    """A section without its quoted literals ("-" in quotes is text, not a digit placeholder)."""
    return re.sub(r'"[^"]*"|\\.', "", section)


def _tokens(section: str) -> list[tuple[str, str]]:
    """('lit', text) and ('fmt', format chars) pieces; padding '_x', fills '*x' and colours vanish."""
    tokens: list[tuple[str, str]] = []
    position = 0
    for match in _LITERAL.finditer(section):
        if match.start() > position:
            tokens.append(("fmt", section[position:match.start()]))
        quoted, escaped, currency = match.group(1), match.group(2), match.group(3)
        literal = next((t for t in (quoted, escaped, currency) if t is not None), "")
        if literal:
            tokens.append(("lit", literal))
        position = match.end()
    if position < len(section):
        tokens.append(("fmt", section[position:]))
    return tokens


def _number_part(tokens: list[tuple[str, str]]) -> tuple[str, str, str] | None:
    """(text before, the digit pattern, text after), or None when the section has no digit placeholder."""
    chars: list[tuple[str, bool]] = []  # (char, is literal)
    for kind, text in tokens:
        chars.extend((ch, kind == "lit") for ch in text)
    digit_at = [i for i, (ch, lit) in enumerate(chars) if not lit and ch in _PLACEHOLDERS]
    if not digit_at:
        return None
    first, last = digit_at[0], digit_at[-1]
    while last + 1 < len(chars) and not chars[last + 1][1] and chars[last + 1][0] == ",":
        last += 1  # trailing commas scale by 1000
    while first > 0 and not chars[first - 1][1] and chars[first - 1][0] == ".":
        first -= 1
    before = "".join(ch for ch, _ in chars[:first])
    pattern = "".join(ch for ch, _ in chars[first:last + 1])
    after = "".join(ch for ch, _ in chars[last + 1:])
    return before, pattern, after


def _grouped(integer_digits: str) -> str:
    head = len(integer_digits) % 3 or 3
    groups = [integer_digits[:head]] + [integer_digits[i:i + 3] for i in range(head, len(integer_digits), 3)]
    return ",".join(groups)


def apply_pattern(value: Decimal, pattern: str) -> str | None:
    """Digits of a non-negative value by a digit pattern like '#,##0.00' or '0.0#'; None without decimals
    when the value is not integral (see the module docstring)."""
    scaled = pattern.rstrip(",")
    value = value / (Decimal(1000) ** (len(pattern) - len(scaled)))
    integer_pattern, _, decimal_pattern = scaled.partition(".")
    minimum = decimal_pattern.count("0")
    maximum = sum(decimal_pattern.count(p) for p in _PLACEHOLDERS)
    if maximum == 0 and value != value.to_integral_value():
        return None
    rounded = value.quantize(Decimal(1).scaleb(-maximum), rounding=ROUND_HALF_UP)
    integer_digits, _, decimals = format(rounded, "f").partition(".")
    while len(decimals) > minimum and decimals.endswith("0"):
        decimals = decimals[:-1]
    if integer_digits == "0" and "0" not in integer_pattern:
        integer_digits = ""  # '#.00' prints .50
    if "," in integer_pattern and integer_digits:
        integer_digits = _grouped(integer_digits)
    return integer_digits + ("." + decimals if decimals else "")


def render_number(value: Decimal, number_format: str | None) -> str:
    """The printed text of a numeric cell (see the module docstring)."""
    value = excel_value(value)
    if not number_format or number_format.lower() in ("general", "@") or _UNSUPPORTED.search(number_format):
        return shortest_decimal(value)
    section, signed_by_section = pick_section(split_sections(number_format), value)
    parts = _number_part(_tokens(section))
    if parts is None:
        return shortest_decimal(value)
    before, pattern, after = parts
    if "%" in before + after:
        value = value * 100
    digits = apply_pattern(abs(value), pattern)
    if digits is None:
        return shortest_decimal(value / 100 if "%" in before + after else value)
    sign = "-" if value < 0 and not signed_by_section and digits.strip("0.,") else ""
    return (sign + before + digits + after).strip()

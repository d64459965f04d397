"""Which encoding a plain-text report is in: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030.

Chinese government offices save text as GBK/GB18030 (the Windows default, "ANSI") as often as UTF-8.
GB18030 is a superset of GBK and GB2312, so one strict decode covers all three. A decode is accepted only
when it is strict (no replacement characters) and the text is text: no control characters other than
tab, line breaks and form feed — so a binary file is never read as Chinese by accident.
"""
import codecs
import re
from dataclasses import dataclass

# Tried in this order: a BOM is decisive; UTF-8 is almost never valid by accident, GB18030 often is.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WITHOUT_BOM = ("utf-8", "gb18030")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class DecodedText:
    text: str | None
    encoding: str | None  # the codec that read it (utf-8-sig, utf-16, utf-8, gb18030)
    problem: str | None  # why it is not readable text, when it is not


def decode_text(data: bytes) -> DecodedText:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding) or DecodedText(None, None, f"text with a {encoding} byte-order mark "
                                                                        "that does not decode as such")
    for encoding in _WITHOUT_BOM:
        decoded = _strict(data, encoding)
        if decoded:
            return decoded
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return DecodedText(None, None, f"text that is neither UTF-8 (invalid at byte {exc.start}) nor GB18030/GBK")
    control = _CONTROL.search(text)
    return DecodedText(None, None, f"not a text file: control character U+{ord(control.group()):04X} "
                                   f"at character {control.start()}")


def _strict(data: bytes, encoding: str) -> DecodedText | None:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    return DecodedText(text, encoding, None)

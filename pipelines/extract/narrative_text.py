"""Text helpers shared by the narrative extractors (第一部分, 第二部分, 名词解释, 附件1/附件2 narrative).

Why not ``normalize()`` (NFKC) for matching: NFKC may change the length of a text, so a match
position in the normalised text would not point at the same characters of the printed text. The
printed labels (class names, reasons, glossary terms) must be kept exactly as printed, full-width
parentheses included. ``fold`` maps only the full-width ASCII block and U+3000 one-to-one, so the
same regex covers ``，``/``,`` and ``：``/``:`` while ``raw[m.start():m.end()]`` stays the printed text.
"""
import re
from decimal import Decimal
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from pipelines.documents.model import Document, Paragraph
from pipelines.parsing.numbers import ParsedNumber, parse_amount, parse_number, parse_percent

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD[0x00A0] = 0x20

AMT = r"\d[\d,]*(?:\.\d+)?"
PCT = r"-?\d+(?:\.\d+)?\s*%"
MONEY = rf"{AMT}\s*(?:亿元|万元|元)"
DECREASE = r"(?:减少|下降|降低)"
INCREASE = r"(?:增加|增长|上升|提高)"
UP_DOWN = rf"(?:{INCREASE}|{DECREASE})"
CJK = re.compile(r"[\u4e00-\u9fff]")
# Section headings such as 一、 （二） 3. — numbering is unreliable (lost in DOCX), so headings are
# recognised by text; this only tells "a new heading starts here".
CHINESE_NUMERAL = "一二三四五六七八九十"


def fold(text: str) -> str:
    """Full-width ASCII → ASCII and U+3000/NBSP → space, one character for one (positions kept)."""
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Line:
    """A paragraph with its printed text and its folded twin (same length)."""

    paragraph: Paragraph
    raw: str
    folded: str

    @property
    def location(self) -> str:
        return self.paragraph.location

    def printed(self, match: re.Match, group: int | str = 0) -> str | None:
        """The printed text of a match group (full-width punctuation kept), stripped."""
        if match.group(group) is None:
            return None
        return self.raw[match.start(group):match.end(group)].strip(" \u3000\t")


def _is_caption(folded: str) -> bool:
    return bool(re.match(r"\s*\(图\s*\d+", folded))


def narrative_lines(document: Document) -> list[Line]:
    """Every paragraph as a Line, minus picture OCR junk.

    ``[image: …]`` is followed by OCR garbage of the chart (e.g. ``183.69``, a mis-read of 188.69).
    Everything after an image line up to the first paragraph with real Chinese prose is dropped,
    and the figure captions ``（图N：…）`` too: no figure may ever come from there.
    """
    lines: list[Line] = []
    in_image = False
    for paragraph in document.paragraphs():
        raw = paragraph.text
        folded = fold(raw)
        stripped = folded.strip()
        if stripped.startswith("[image:"):
            in_image = True
            continue
        if in_image:
            if _is_caption(stripped) or not CJK.search(stripped):
                continue
            in_image = False
        if _is_caption(stripped) or not stripped:
            continue
        lines.append(Line(paragraph, raw, folded))
    return lines


def find_line(lines: Iterable[Line], pattern: re.Pattern) -> Iterator[tuple[Line, re.Match]]:
    for line in lines:
        m = pattern.search(line.folded)
        if m:
            yield line, m


def section(lines: list[Line], start: re.Pattern, end: re.Pattern | None = None) -> list[Line]:
    """The lines after the first heading matching ``start`` up to (not incl.) the next matching ``end``."""
    for i, line in enumerate(lines):
        if start.search(line.folded.strip()):
            body: list[Line] = []
            for following in lines[i + 1:]:
                if end is not None and end.search(following.folded.strip()):
                    break
                body.append(following)
            return body
    return []


_YEAR_HEADING = re.compile(r"第[二2]部分\s*(\d{4})年度")
_ANY_YEAR = re.compile(r"(\d{4})年度")


def document_year(lines: list[Line]) -> int | None:
    """The fiscal year of the report: from the Part 2 heading, else the most frequent ``YYYY年度``."""
    for line in lines:
        m = _YEAR_HEADING.search(line.folded)
        if m:
            return int(m.group(1))
    counts: dict[int, int] = {}
    for line in lines:
        for m in _ANY_YEAR.finditer(line.folded):
            counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    return max(counts, key=counts.get) if counts else None


_SENTENCE_END = re.compile(r"[。;]")
# The prior-year anchor: 与2022年度相比 / 比2022年度 / 较2022年 / 较上年度 / 比上年
_COMPARISON = re.compile(r"(?:与(?P<y1>\d{4})年度?(?:相比)?|[比较](?P<y2>\d{4})年度?|[比较]上年度?|同比)")
_CHANGE_AMOUNT = re.compile(rf"(?P<word>{UP_DOWN})\s*(?P<amount>{MONEY})")
_CHANGE_PCT = re.compile(rf"(?P<word>{UP_DOWN})\s*(?P<pct>{PCT})")
_FLAT = re.compile(r"持平|无变化|基本持平")


@dataclass(frozen=True)
class Change:
    """A printed year-on-year change: amount and growth, signed by the word (减少/下降 → negative)."""

    compared_year: int | None
    amount: ParsedNumber | None
    growth: ParsedNumber | None
    flat: bool


def find_change(line: Line, start: int = 0, fiscal_year: int | None = None) -> Change | None:
    """The first comparison with the prior year at or after ``start``, within its sentence."""
    anchor = _COMPARISON.search(line.folded, start)
    if anchor is None:
        return None
    year_text = anchor.group("y1") or anchor.group("y2")
    if year_text:
        compared = int(year_text)
    else:  # 较上年度 — the year before the fiscal year by definition of the phrase
        compared = fiscal_year - 1 if fiscal_year else None
    end_match = re.compile(r"。").search(line.folded, anchor.end())
    end = end_match.start() if end_match else len(line.folded)
    window_start = anchor.end()
    amount_m = _CHANGE_AMOUNT.search(line.folded, window_start, end)
    if amount_m is None:
        if _FLAT.search(line.folded, window_start, end):
            # 持平 is a printed statement that nothing changed: a real 0, kept with its word.
            return Change(compared, ParsedNumber("持平", Decimal(0), unit=None, printed_decimals=0),
                          ParsedNumber("持平", Decimal(0), unit="%", printed_decimals=0, is_percent=True), flat=True)
        return None
    pct_m = _CHANGE_PCT.search(line.folded, amount_m.end(), end)
    amount = parse_amount(line.raw[amount_m.start():amount_m.end()])
    growth = parse_percent(line.raw[pct_m.start():pct_m.end()]) if pct_m else None
    return Change(compared, amount, growth, flat=False)


def first_sentence_from(line: Line, start: int) -> str | None:
    """The printed sentence that starts at ``start`` (up to and incl. its 。)."""
    end = line.folded.find("。", start)
    text = line.raw[start:end + 1] if end >= 0 else line.raw[start:]
    return text.strip(" \u3000") or None


_REASON = re.compile(r"(?P<variance>决算数[大小]于预算数的)?主要(?:变动)?原因(?:是|为|:)")


def find_reason(line: Line, start: int = 0) -> tuple[str, str] | None:
    """(kind, text) of the first ``…主要原因是<text>。`` sentence at or after ``start``.

    The lead words (主要原因是) are dropped, as in overview.py. kind is ``variance_reason`` when the
    sentence explains 决算 vs 预算 (决算数小于预算数的主要原因是…), else ``change_reason``.
    """
    m = _REASON.search(line.folded, start)
    if m is None:
        return None
    text = first_sentence_from(line, m.end())
    if not text:
        return None
    return ("variance_reason" if m.group("variance") else "change_reason"), text


def count_number(digits: str, unit: str | None) -> ParsedNumber:
    """A printed count (辆, 人, 个, 批次 …) with its unit word."""
    return replace(parse_number(digits), unit=unit)


def is_heading(folded: str) -> bool:
    """A numbered heading line: 一、… / （二）… / 第三部分 …"""
    s = folded.strip()
    return bool(re.match(rf"(?:[{CHINESE_NUMERAL}]+、|\([{CHINESE_NUMERAL}]+\)|第[{CHINESE_NUMERAL}]+部分)", s))

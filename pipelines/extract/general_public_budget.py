"""第二部分 五、一般公共预算财政拨款支出决算情况说明: total, by 类, completion and the 类/款/项 items.

Sentences look like
  2023年度一般公共预算财政拨款支出14,969.05万元，占本年支出合计的98.8%。与2022年度相比，…增加163.85万元，增长1.1%。主要变动原因是…
  2023年度一般公共预算财政拨款支出14,969.05万元，主要用于以下方面:一般公共服务支出888.4万元，占5.9%；…
  2023年度一般公共预算支出决算数为14,969.05万元，完成预算95.52%。其中：        (also 完成预算的95.52%)
  15. 社会保障和就业（类）行政事业单位养老支出（款）事业单位离退休（项）:支出决算为25.02万元，完成预算的100%，预决算数持平。
"""
import re

from pipelines.classification.function_codes import match_function
from pipelines.documents.model import Document
from pipelines.parsing.numbers import parse_amount, parse_percent

from .narrative_records import GpbItem
from .narrative_text import AMT, MONEY, PCT, Line, document_year, find_change, find_line, find_reason, narrative_lines
from .patterns import split_segments
from .records import ExtractionIssue, figure, text_figure

FAMILY_TOTALS = "totals"
SUBJECT = "general_public_budget_expenditure"

_TOTAL_RE = re.compile(
    rf"(?P<year>\d{{4}})年度?一般公共预算财政拨款支出(?:决算)?(?:为)?(?P<amount>{MONEY}),\s*"
    rf"占本年支出合计的?(?P<share>{PCT})"
)
_BY_CLASS_RE = re.compile(
    rf"(?P<year>\d{{4}})年度?一般公共预算财政拨款支出(?:决算)?(?:为)?(?P<amount>{MONEY}),\s*主要用于以下方面\s*[:,]?(?P<rest>.+)"
)
_CLASS_SEGMENT_RE = re.compile(rf"^(?P<name>[^\d]+?)(?:支出决算)?(?P<amount>{MONEY}),\s*占(?:比)?(?P<share>{PCT})")
_COMPLETION_RE = re.compile(
    rf"(?P<year>\d{{4}})年度?一般公共预算(?:财政拨款)?支出决算数?为(?P<amount>{MONEY}),\s*完成(?:年初)?预算的?(?P<pct>{PCT})"
)
_ITEM_RE = re.compile(
    rf"^\s*(?P<seq>\d+)\s*[.、]\s*(?P<cls>[^()]+?)\(类\)(?P<kuan>[^()]+?)\(款\)(?P<xiang>.+?)\(项\)\s*[:]?\s*"
    rf"支出决算(?:数)?为?(?P<amount>{AMT}\s*(?:万元|元)?)\s*,\s*完成(?:年初)?预算的?(?P<pct>{PCT})\s*[,;。]?\s*(?P<variance>.*)$"
)


def _class_normalized(name: str) -> str:
    # Every 类 of the government functional classification ends with 支出; items drop it.
    return name if name.endswith("支出") else f"{name}支出"


def _variance_kind(text: str) -> str | None:
    if not text:
        return None
    if "基本持平" in text:
        return "基本持平"
    if "持平" in text:
        return "持平"
    return "差异说明"


def _total(lines: list[Line]) -> list:
    records: list = []
    for line, m in find_line(lines, _TOTAL_RE):
        fy = int(m.group("year"))
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        records.append(figure(FAMILY_TOTALS, SUBJECT, "amount", parse_amount(line.printed(m, "amount")), **common))
        records.append(figure(FAMILY_TOTALS, SUBJECT, "share", parse_percent(line.printed(m, "share")), **common))
        change = find_change(line, m.end(), fy)
        if change is not None:
            records.append(figure(FAMILY_TOTALS, SUBJECT, "change", change.amount, compared_year=change.compared_year, **common))
            if change.growth is not None:
                records.append(figure(FAMILY_TOTALS, SUBJECT, "growth", change.growth, compared_year=change.compared_year, **common))
        reason = find_reason(line, m.end())
        if reason:
            records.append(text_figure(FAMILY_TOTALS, SUBJECT, reason[0], reason[1], **common))
    return records


def _by_class(lines: list[Line]) -> list:
    records: list = []
    for line, m in find_line(lines, _BY_CLASS_RE):
        fy = int(m.group("year"))
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        records.append(figure("gpb_by_class", "total", "amount", parse_amount(line.printed(m, "amount")), **common))
        rest_start = m.start("rest")
        offset = rest_start
        for seq, segment in enumerate(split_segments(line.folded[rest_start:]), start=1):
            sm = _CLASS_SEGMENT_RE.match(segment)
            if sm is None:
                records.append(ExtractionIssue("gpb_by_class", "warning", f"segment not understood: {segment!r}",
                                               line.location, line.raw))
                continue
            # the printed label: locate the segment in the printed text (same length after fold)
            at = line.folded.find(segment, offset)
            offset = at + len(segment)
            printed_name = line.raw[at + sm.start("name"):at + sm.end("name")].strip()
            subject = _class_normalized(printed_name)
            records.append(figure("gpb_by_class", subject, "amount", parse_amount(sm.group("amount")),
                                  subject_zh=printed_name, seq=seq, **common))
            records.append(figure("gpb_by_class", subject, "share", parse_percent(sm.group("share")),
                                  subject_zh=printed_name, seq=seq, **common))
    return records


def _completion(lines: list[Line]) -> list:
    records: list = []
    for line, m in find_line(lines, _COMPLETION_RE):
        common = dict(fiscal_year=int(m.group("year")), location=line.location, source_text=line.raw)
        records.append(figure("gpb_item", "total", "amount", parse_amount(line.printed(m, "amount")), **common))
        records.append(figure(FAMILY_TOTALS, SUBJECT, "completion", parse_percent(line.printed(m, "pct")), **common))
    return records


def extract_gpb_items(document: Document) -> list:
    """The 类/款/项 lines as GpbItem records (names as printed, amount, completion %, variance text)."""
    lines = narrative_lines(document)
    year = document_year(lines)
    records: list = []
    for line, m in find_line(lines, _ITEM_RE):
        amount = parse_amount(line.printed(m, "amount"), default_unit="万元")
        pct = parse_percent(line.printed(m, "pct"))
        variance = line.printed(m, "variance") or None
        class_name = line.printed(m, "cls")
        code = match_function(class_name, line.printed(m, "kuan"), line.printed(m, "xiang"))
        if code.function_code is None:  # a recorded finding, never a silent NULL
            records.append(ExtractionIssue("gpb_items", "warning",
                                           f"item {m.group('seq')}: no functional-classification code: {code.note}",
                                           line.location, line.raw))
        records.append(GpbItem(
            seq=int(m.group("seq")),
            fiscal_year=year,
            class_name=class_name,
            class_name_normalized=_class_normalized(class_name),
            kuan_name=line.printed(m, "kuan"),
            xiang_name=line.printed(m, "xiang"),
            amount=amount.value,
            amount_raw=amount.raw.strip(),
            amount_unit=amount.unit,
            amount_decimals=amount.printed_decimals,
            completion_pct=pct.value,
            completion_raw=pct.raw.strip(),
            completion_decimals=pct.printed_decimals,
            variance_text=variance,
            variance_kind=_variance_kind(variance or ""),
            source_location=line.location,
            source_text=line.raw,
            parse_error=amount.error or pct.error,
            function_code=code.function_code,
            function_match_method=code.method,
            function_match_note=code.note,
        ))
    return records


def extract_general_public_budget(document: Document) -> list:
    """GPB total (amount, share, change, growth, reason), the 类 breakdown and the completion sentence."""
    lines = narrative_lines(document)
    return _total(lines) + _by_class(lines) + _completion(lines)

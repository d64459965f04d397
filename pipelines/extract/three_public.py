"""第二部分 七、财政拨款“三公”经费支出决算情况说明.

  2023年度“三公”经费财政拨款支出决算为22.01万元，完成预算88.7%，较上年度减少12.32万元，减少35.9%。决算数小于预算数的主要原因是…
  2023年度“三公”经费财政拨款支出决算中，因公出国（境）费支出决算1.49万元，占6.8%；…
  1.因公出国（境）经费支出1.49万元，完成预算100%。全年安排因公出国（境）团组1次，出国（境）1人。…比2022年度增加1.49万元，增长100.00%。主要原因是…
  2.公务用车购置及运行维护费支出15.41万元,完成预算81.1%。…比2022年度减少15.15万元，下降49.6%。…
  其中：公务用车购置支出0元。全年按规定更新购置公务用车0辆，其中：轿车0辆、金额0万元，…。截至2023年12月31日，单位共有公务用车5辆，其中：轿车3辆、越野车1辆、载客汽车1辆。
  公务用车运行维护费支出15.41万元。主要用于…
  3.公务接待费支出5.11万元，完成预算74.2%。…
  国内公务接待支出5.11万元，…国内公务接待45批次，498人次（不包括陪同人员），共计支出5.11万元，具体内容包括：A、B3.32万元、C1.26万元、D0.53万元。
  外事接待支出0万元，…
Every fact has its own regex: a line may hold several, and a template may split them differently.
"""
import re

from pipelines.documents.model import Document
from pipelines.parsing.numbers import ParsedNumber, parse_amount, parse_percent

from .narrative_text import (
    MONEY,
    PCT,
    Line,
    count_number,
    document_year,
    find_change,
    find_line,
    find_reason,
    fold,
    narrative_lines,
    section,
)
from .records import ExtractionIssue, figure, text_figure

FAMILY = "three_public"
# National vocabulary of the 三公 template: printed label → component code.
COMPONENTS = {
    "因公出国(境)费": "outbound_travel",
    "因公出国(境)经费": "outbound_travel",
    "因公出国(境)费用": "outbound_travel",
    "公务用车购置及运行维护费": "vehicle_purchase_and_operation",
    "公务用车购置及运行费": "vehicle_purchase_and_operation",
    "公务用车购置费": "vehicle_purchase",
    "公务用车购置": "vehicle_purchase",
    "公务用车运行维护费": "vehicle_operation",
    "公务接待费": "official_reception",
    "国内公务接待": "domestic_reception",
    "外事接待": "foreign_reception",
}
VEHICLE_TYPES = {"轿车": "sedan", "越野车": "suv", "载客汽车": "bus", "其他车辆": "other", "其他": "other"}

_Q = r"[“”\"']?"
_TOTAL_RE = re.compile(
    rf"(?P<year>\d{{4}})年度?{_Q}三公{_Q}经费财政拨款支出决算(?:为|数为)?(?P<amount>{MONEY}),\s*完成(?:年初)?预算的?(?P<pct>{PCT})"
)
_STRUCTURE_RE = re.compile(rf"(?P<year>\d{{4}})年度?{_Q}三公{_Q}经费财政拨款支出决算中,(?P<rest>.+)")
_STRUCTURE_SEGMENT_RE = re.compile(rf"(?P<name>[^;,。\d]+?)(?:支出决算|支出)?(?P<amount>{MONEY}),\s*占(?:比)?(?P<share>{PCT})")
_DETAIL_RE = re.compile(
    rf"^\s*\d+\s*[.、]\s*(?P<name>[^\d,。]+?)(?:支出决算|支出)(?:为)?(?P<amount>{MONEY})\s*,\s*完成(?:年初)?预算的?(?P<pct>{PCT})"
)
_DELEGATIONS_RE = re.compile(r"团组(?P<n>\d+)(?:次|个)")
_PERSONS_RE = re.compile(r"出国\(境\)(?:人员)?(?P<n>\d+)人(?:次)?")
_PURCHASE_RE = re.compile(rf"公务用车购置(?:费)?支出(?:决算)?(?:为)?(?P<amount>{MONEY})")
_BOUGHT_RE = re.compile(r"(?:更新)?购置公务用车(?P<n>\d+)辆(?:,\s*其中:(?P<rest>[^。]+))?")
_BOUGHT_TYPE_RE = re.compile(rf"(?P<type>[\u4e00-\u9fff]+?)(?P<n>\d+)辆(?:、\s*金额(?P<amount>{MONEY}))?")
_FLEET_RE = re.compile(
    r"截[至止](?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日,\s*(?:单位|本部门|[^,]{0,30}?)共有公务用车(?P<n>\d+)辆(?:,\s*其中:(?P<rest>[^。]+))?"
)
_OPERATION_RE = re.compile(rf"公务用车运行(?:维护)?费支出(?:决算)?(?:为)?(?P<amount>{MONEY})[。,]\s*(?P<use>主要用于[^。]+。)?")
_DOMESTIC_RE = re.compile(rf"国内公务接待支出(?:决算)?(?:为)?(?P<amount>{MONEY})")
_RECEPTION_COUNTS_RE = re.compile(r"国内公务接待(?P<batches>\d+)批次,\s*(?P<persons>\d+)人次")
_BREAKDOWN_RE = re.compile(r"具体内容包括:(?P<rest>[^。]+)")
_BREAKDOWN_ITEM_RE = re.compile(rf"(?P<label>[^、\d]+(?:、[^、\d]+)*?)(?P<amount>{MONEY})")
_FOREIGN_RE = re.compile(rf"外事接待支出(?:决算)?(?:为)?(?P<amount>{MONEY})")
_TEXT_FIELDS = {"delegation": re.compile(r"团组名称:(?P<t>.+)"), "destination": re.compile(r"出访地点:(?P<t>.+)")}


def _component(name: str) -> str | None:
    key = fold(name).strip()
    return COMPONENTS.get(key)


def _change_and_reason(records: list, line: Line, subject: str, start: int, year: int, common: dict) -> None:
    change = find_change(line, start, year)
    if change is not None:
        records.append(figure(FAMILY if subject != "three_public_total" else "totals", subject, "change",
                              change.amount, compared_year=change.compared_year, **common))
        if change.growth is not None:
            records.append(figure(FAMILY if subject != "three_public_total" else "totals", subject, "growth",
                                  change.growth, compared_year=change.compared_year, **common))
    reason = find_reason(line, start)
    if reason:
        family = FAMILY if subject != "three_public_total" else "totals"
        records.append(text_figure(family, subject, reason[0], reason[1], **common))


def _count(raw: str, unit: str | None) -> ParsedNumber:
    return count_number(raw, unit)


def _section_lines(lines: list[Line]) -> list[Line]:
    body = section(lines, re.compile(r"三公.{0,4}经费.*支出决算情况说明$"),
                   re.compile(r"^(?:[一二三四五六七八九十]+、)?政府性基金预算.*支出决算情况说明"))
    return body or lines


def extract_three_public(document: Document) -> list:
    lines = narrative_lines(document)
    year = document_year(lines)
    body = _section_lines(lines)
    records: list = []

    for line, m in find_line(body, _TOTAL_RE):
        fy = int(m.group("year"))
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        records.append(figure("totals", "three_public_total", "amount", parse_amount(line.printed(m, "amount")), **common))
        records.append(figure("totals", "three_public_total", "completion", parse_percent(line.printed(m, "pct")), **common))
        _change_and_reason(records, line, "three_public_total", m.end(), fy, common)

    for line, m in find_line(body, _STRUCTURE_RE):
        fy = int(m.group("year"))
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        for seq, sm in enumerate(_STRUCTURE_SEGMENT_RE.finditer(line.folded, m.start("rest")), start=1):
            name = line.printed(sm, "name").lstrip(";,")
            code = _component(name)
            if code is None:
                records.append(ExtractionIssue("three_public", "warning", f"unknown component {name!r}", line.location, line.raw))
                continue
            records.append(figure(FAMILY, code, "structure_amount", parse_amount(line.printed(sm, "amount")),
                                  subject_zh=name, seq=seq, **common))
            records.append(figure(FAMILY, code, "share", parse_percent(line.printed(sm, "share")),
                                  subject_zh=name, seq=seq, **common))

    common_year = dict(fiscal_year=year)
    for line in body:
        common = dict(location=line.location, source_text=line.raw, **common_year)
        f = line.folded
        m = _DETAIL_RE.search(f)
        if m:
            name = line.printed(m, "name")
            code = _component(name)
            if code is None:
                records.append(ExtractionIssue("three_public", "warning", f"unknown component {name!r}", line.location, line.raw))
            else:
                records.append(figure(FAMILY, code, "amount", parse_amount(line.printed(m, "amount")), subject_zh=name, **common))
                records.append(figure(FAMILY, code, "completion", parse_percent(line.printed(m, "pct")), subject_zh=name, **common))
                _change_and_reason(records, line, code, m.end(), year, common)
                if code == "outbound_travel":
                    for subject, pattern in (("delegations", _DELEGATIONS_RE), ("outbound_persons", _PERSONS_RE)):
                        cm = pattern.search(f, m.end())
                        if cm:
                            records.append(figure(FAMILY, subject, "count", _count(line.printed(cm, "n"), "次" if subject == "delegations" else "人"), **common))
        for measure, pattern in _TEXT_FIELDS.items():
            tm = pattern.match(f.strip())
            if tm:
                records.append(text_figure(FAMILY, "outbound_travel", measure, line.raw.strip()[tm.start("t"):].strip(), **common))
        pm = _PURCHASE_RE.search(f)
        if pm and not _DETAIL_RE.search(f):
            records.append(figure(FAMILY, "vehicle_purchase", "amount", parse_amount(line.printed(pm, "amount")), **common))
        bm = _BOUGHT_RE.search(f)
        if bm:
            records.append(figure(FAMILY, "vehicles_purchased", "count", _count(line.printed(bm, "n"), "辆"), **common))
            if bm.group("rest"):
                for tm in _BOUGHT_TYPE_RE.finditer(f, bm.start("rest"), bm.end("rest")):
                    vtype = line.printed(tm, "type").lstrip("其中")
                    code = VEHICLE_TYPES.get(vtype)
                    if code is None:
                        records.append(ExtractionIssue("three_public", "warning", f"unknown vehicle type {vtype!r}", line.location, line.raw))
                        continue
                    records.append(figure(FAMILY, f"vehicles_purchased_{code}", "count", _count(line.printed(tm, "n"), "辆"),
                                          subject_zh=vtype, **common))
                    if tm.group("amount"):
                        records.append(figure(FAMILY, f"vehicles_purchased_{code}", "amount",
                                              parse_amount(line.printed(tm, "amount")), subject_zh=vtype, **common))
        fm = _FLEET_RE.search(f)
        if fm:
            records.append(figure(FAMILY, "fleet", "count", _count(line.printed(fm, "n"), "辆"),
                                  subject_zh=f"截至{fm.group('y')}年{fm.group('m')}月{fm.group('d')}日", **common))
            if fm.group("rest"):
                for tm in _BOUGHT_TYPE_RE.finditer(f, fm.start("rest"), fm.end("rest")):
                    vtype = line.printed(tm, "type")
                    code = VEHICLE_TYPES.get(vtype)
                    if code is None:
                        records.append(ExtractionIssue("three_public", "warning", f"unknown vehicle type {vtype!r}", line.location, line.raw))
                        continue
                    records.append(figure(FAMILY, f"fleet_{code}", "count", _count(line.printed(tm, "n"), "辆"), subject_zh=vtype, **common))
        om = _OPERATION_RE.search(f)
        if om and not _DETAIL_RE.search(f):
            records.append(figure(FAMILY, "vehicle_operation", "amount", parse_amount(line.printed(om, "amount")), **common))
            if om.group("use"):
                records.append(text_figure(FAMILY, "vehicle_operation", "purpose", line.printed(om, "use"), **common))
        dm = _DOMESTIC_RE.search(f)
        if dm:
            records.append(figure(FAMILY, "domestic_reception", "amount", parse_amount(line.printed(dm, "amount")), **common))
        rm = _RECEPTION_COUNTS_RE.search(f)
        if rm:
            records.append(figure(FAMILY, "reception_batches", "count", _count(line.printed(rm, "batches"), "批次"), **common))
            records.append(figure(FAMILY, "reception_persons", "count", _count(line.printed(rm, "persons"), "人次"), **common))
        km = _BREAKDOWN_RE.search(f)
        if km:
            for seq, im in enumerate(_BREAKDOWN_ITEM_RE.finditer(f, km.start("rest"), km.end("rest")), start=1):
                label = line.printed(im, "label").strip("、,")
                records.append(figure(FAMILY, "domestic_reception_item", "amount", parse_amount(line.printed(im, "amount")),
                                      subject_zh=label, seq=seq, **common))
        xm = _FOREIGN_RE.search(f)
        if xm:
            records.append(figure(FAMILY, "foreign_reception", "amount", parse_amount(line.printed(xm, "amount")), **common))
    return records

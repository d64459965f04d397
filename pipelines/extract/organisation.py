"""第一部分 二、机构设置 (the units and their counts) and 附件1 staffing (人员概况).

  <部门>下属二级单位8个，其中行政单位0个，参照公务员法管理的事业单位3个，事业单位5个。
  1.泸州市社会保险事业管理局  …  8.泸州市工业技工学校
  附件1: <部门>下属单位8个，其中行政单位0个，参照公务员法管理的事业单位3个（A、B、C），其他事业单位5个（D、E、…）。
  附件1: 截至2023年末，<部门>总编制255名，其中行政编制55名，…在职人员总数223人，其中…；离休人员1人。
The unit list carries no category: it comes from the annex-1 sentence (another order, sometimes
abbreviated names), else — when only one category has units — from the Part-1 counts.
"""
import re

from pipelines.documents.model import Document

from .narrative_records import UnitRecord
from .narrative_text import Line, count_number, document_year, find_line, narrative_lines, section
from .records import ExtractionIssue, figure

# Category vocabulary of the template; the annex says 其他事业单位 where Part 1 says 事业单位.
CATEGORIES = {
    "行政单位": "administrative",
    "参照公务员法管理的事业单位": "civil_service_managed_institutions",
    "事业单位": "public_institutions",
}
_CATEGORY_PRINTED = r"(?P<cat>行政单位|参照公务员法管理的事业单位|其他事业单位|事业单位)"
_SUMMARY_RE = re.compile(r"^(?P<dept>.+?)下属(?:二级)?(?:预算)?单位(?P<n>\d+)个,\s*其中(?P<rest>.+)")
_SUMMARY_PART_RE = re.compile(_CATEGORY_PRINTED + r"(?P<n>\d+)个(?:\((?P<members>[^)]*)\))?")
_UNIT_ITEM_RE = re.compile(r"^\s*(?P<seq>\d+)\s*[.、]\s*(?P<name>[^\s,。:;]+)\s*$")
_SCOPE_RE = re.compile(r"纳入(?P<dept>.+?)\d{4}年度?(?:单位)?决算编制范围")

# 人员概况 vocabulary: printed label → subject code.
STAFFING_LABELS = {
    "总编制": "authorized_total",
    "编制总数": "authorized_total",
    "行政编制": "authorized_administrative",
    "参照公务员法管理的事业编制": "authorized_civil_service_managed",
    "工勤编制": "authorized_worker",
    "其他事业编制": "authorized_other_institution",
    "事业编制": "authorized_institution",
    "在职人员总数": "in_service_total",
    "在职人员": "in_service_total",
    "行政人员": "in_service_administrative",
    "参照公务员法管理的事业人员": "in_service_civil_service_managed",
    "工勤人员": "in_service_worker",
    "其他事业人员": "in_service_other_institution",
    "事业人员": "in_service_institution",
    "离休人员": "retired_lixiu",
    "退休人员": "retired_tuixiu",
}
_STAFF_LABEL_ALT = "|".join(sorted(map(re.escape, STAFFING_LABELS), key=len, reverse=True))
# Longest label first: at a given start the alternation then prefers 其他事业编制 over 事业编制, and
# finditer starts at the leftmost position, so a label is never read from inside a longer one.
_STAFF_RE = re.compile(rf"(?:其中)?(?P<label>{_STAFF_LABEL_ALT})(?:为)?(?P<n>\d+)(?P<unit>名|人)")
_STAFF_ANCHOR_RE = re.compile(r"(?:总编制|编制总数)(?:为)?\d+名")


def _normal_category(printed: str) -> str:
    return printed[2:] if printed.startswith("其他") else printed


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _match_unit(member: str, names: list[str]) -> str | None:
    """The listed unit a member of the annex sentence refers to: exact, contained, or abbreviation."""
    member = member.strip()
    for test in (lambda n: n == member, lambda n: member in n or n in member, lambda n: _is_subsequence(member, n)):
        hits = [n for n in names if test(n)]
        if len(hits) == 1:
            return hits[0]
    return None


def _structure_lines(lines: list[Line]) -> list[Line]:
    return section(lines, re.compile(r"机构设置$"), re.compile(r"^第[二三四五2-5]部分|部门决算情况说明$"))


def extract_units(document: Document) -> list:
    """One UnitRecord for the department itself (seq 0) and one per listed unit; counts as Figures."""
    lines = narrative_lines(document)
    year = document_year(lines)
    body = _structure_lines(lines)
    records: list = []
    department: tuple[str, Line] | None = None
    only_category: str | None = None
    summary_line: Line | None = None

    for line, m in find_line(body, _SUMMARY_RE):
        department = (line.printed(m, "dept"), line)
        summary_line = line
        common = dict(fiscal_year=year, location=line.location, source_text=line.raw)
        records.append(figure("units", "subordinate_units", "count", count_number(line.printed(m, "n"), "个"), **common))
        nonzero = []
        for pm in _SUMMARY_PART_RE.finditer(line.folded, m.start("rest")):
            category = _normal_category(pm.group("cat"))
            records.append(figure("units", CATEGORIES[category], "count", count_number(pm.group("n"), "个"),
                                  subject_zh=line.printed(pm, "cat"), **common))
            if int(pm.group("n")) > 0:
                nonzero.append(category)
        only_category = nonzero[0] if len(nonzero) == 1 else None
        break
    if department is None:
        for line, m in find_line(body, _SCOPE_RE):
            department = (line.printed(m, "dept"), line)
            break

    listed = [(line, m) for line, m in ((ln, _UNIT_ITEM_RE.match(ln.folded)) for ln in body) if m]
    names = [line.printed(m, "name") for line, m in listed]

    # The annex-1 sentence with the members of each category.
    categories: dict[str, tuple[str, Line]] = {}
    for line, m in find_line(lines, _SUMMARY_RE):
        if line in body:
            continue
        for pm in _SUMMARY_PART_RE.finditer(line.folded, m.start("rest")):
            if not pm.group("members"):
                continue
            printed_members = line.raw[pm.start("members"):pm.end("members")]
            for member in re.split(r"[、,，]", printed_members):
                unit = _match_unit(member, names)
                if unit is None:
                    records.append(ExtractionIssue("units", "warning", f"annex member {member!r} matches no listed unit",
                                                   line.location, line.raw))
                    continue
                categories[unit] = (line.printed(pm, "cat"), line)

    if department is not None:
        name, line = department
        records.append(UnitRecord(seq=0, unit_name=name, unit_category=None, unit_category_printed=None,
                                  category_source_location=None, is_department_itself=True,
                                  source_location=line.location, source_text=line.raw))
    for (line, m), name in zip(listed, names):
        printed_category, category_line = categories.get(name, (None, None))
        category = _normal_category(printed_category) if printed_category else only_category
        if printed_category is None and only_category is not None and summary_line is not None:
            category_line = summary_line  # the only category with units (Part-1 counts)
        if category is None:
            records.append(ExtractionIssue("units", "warning", f"no category for unit {name!r}", line.location, line.raw))
        records.append(UnitRecord(
            seq=int(m.group("seq")), unit_name=name, unit_category=category,
            unit_category_printed=printed_category,
            category_source_location=category_line.location if category_line else None,
            is_department_itself=False, source_location=line.location, source_text=line.raw,
        ))
    return records


def extract_staffing(document: Document) -> list:
    """人员概况: authorised posts and staff in service by category, and retirees, as Figures."""
    lines = narrative_lines(document)
    year = document_year(lines)
    records: list = []
    for line, anchor in find_line(lines, _STAFF_ANCHOR_RE):
        ym = re.search(r"截[至止](?P<y>\d{4})年", line.folded)
        fy = int(ym.group("y")) if ym else year
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        seen: set[str] = set()
        for seq, m in enumerate(_STAFF_RE.finditer(line.folded, anchor.start()), start=1):
            subject = STAFFING_LABELS[m.group("label")]
            if subject in seen:
                records.append(ExtractionIssue("staffing", "warning", f"{m.group('label')} printed twice", line.location, line.raw))
                continue
            seen.add(subject)
            records.append(figure("staffing", subject, "count", count_number(m.group("n"), m.group("unit")),
                                  subject_zh=line.printed(m, "label"), seq=seq, **common))
        break
    return records

"""What a document is: a final-accounts report (决算) or something else, and whose, of which year.

Everything here is read from the document itself — no department, year or region is hard-coded.
"""
import re
from collections import Counter
from dataclasses import dataclass

from .model import Document

FINAL_ACCOUNTS = "final_accounts"
BUDGET = "budget"
UNKNOWN = "unknown"

# Headings that only a final-accounts disclosure prints, and their counterparts in a budget disclosure.
_FINAL_MARKERS = ("部门决算情况说明", "年度部门决算", "收入支出决算总表", "决算情况说明", "单位决算")
_BUDGET_MARKERS = ("部门预算情况说明", "年度部门预算", "收支预算总表", "收支总表", "部门预算编制说明", "预算情况说明")

# "XX局", "××单位", "某某局": a template that was never filled in.
_PLACEHOLDER_RE = re.compile(r"(?:XX|ＸＸ|xx|××|某某)")

_DEPT_PATTERNS = (
    # 纳入泸州市人力资源和社会保障局2023年度单位决算编制范围
    re.compile(r"纳入(?P<name>[^，。、\s]{4,40}?)(?P<year>20\d\d)年度(?:单位|部门)决算"),
    # 上海市普陀区财政局2024年度部门决算
    re.compile(r"(?P<name>[^，。、\s（）()]{4,40}?)(?P<year>20\d\d)年度?部门决算"),
    # 泸州市人力资源和社会保障局下属二级单位8个
    re.compile(r"(?P<name>[^，。、\s]{4,40}?)下属(?:二级)?单位\d+个"),
)
_YEAR_RE = re.compile(r"(20\d\d)年度?(?:部门|单位)?决算")
# Province first, then a city, then a prefecture: "泸州市…" must give 泸州市, not 泸州 (州 is also a suffix).
_REGION_LEVELS = (
    (re.compile(r"^.{1,8}?(?:自治区|省)"), "provincial"),
    (re.compile(r"^.{1,6}?市"), "municipal"),
    (re.compile(r"^.{1,8}?(?:自治州|州|盟|地区)"), "municipal"),
)
_SUBREGION_RE = re.compile(r"^[^局委办厅部院会所队处中心]{1,4}?(?:区|县|旗)")


@dataclass(frozen=True)
class DocumentProfile:
    doc_kind: str
    department_name: str | None
    fiscal_year: int | None
    region: str | None
    admin_level: str | None
    problem: str | None  # why the document cannot be loaded as final accounts, if it cannot


def _kind(text: str) -> str:
    final = sum(text.count(m) for m in _FINAL_MARKERS)
    budget = sum(text.count(m) for m in _BUDGET_MARKERS)
    if final and text.count("决算") >= 3 and final >= budget:
        return FINAL_ACCOUNTS
    if budget or text.count("预算") > 3 * max(text.count("决算"), 1):
        return BUDGET
    return UNKNOWN


def _department(text: str) -> str | None:
    names: Counter[str] = Counter()
    for pattern in _DEPT_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group("name").strip("“”\"《》 ")
            name = re.sub(r"^(?:\d+|[一二三四五六七八九十]+)[、.．]", "", name)
            names[name] += 1
    return names.most_common(1)[0][0] if names else None


def _year(text: str) -> int | None:
    years = Counter(int(y) for y in _YEAR_RE.findall(text))
    return years.most_common(1)[0][0] if years else None


def region_of(department_name: str) -> tuple[str | None, str | None]:
    """Region and administrative level read off a department name ("泸州市…局" → 泸州市, municipal)."""
    department_name = department_name.removeprefix("中共")  # party organs: 中共上海市普陀区委…
    for pattern, level in _REGION_LEVELS:
        match = pattern.match(department_name)
        if match:
            region = match.group()
            sub = _SUBREGION_RE.match(department_name[len(region):])
            if sub:
                return region + sub.group(), "county"
            return region, level
    return None, None


def profile(document: Document) -> DocumentProfile:
    text = document.full_text()
    kind = _kind(text)
    name = _department(text)
    year = _year(text)
    region, level = region_of(name) if name else (None, None)
    problem = None
    if kind == BUDGET:
        problem = "a budget (预算) disclosure, not a final-accounts (决算) report"
    elif kind == UNKNOWN:
        problem = "unknown layout: no final-accounts (决算) headings found"
    elif name is None:
        problem = "department name not found in the document"
    elif _PLACEHOLDER_RE.search(name):
        problem = f"placeholder department name {name!r}: the template was not filled in"
    elif year is None:
        problem = "fiscal year not found in the document"
    return DocumentProfile(kind, name, year, region, level, problem)

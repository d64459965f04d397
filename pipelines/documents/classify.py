"""What a document is: a final-accounts report (决算) or something else, and whose, of which year.

Everything here is read from the document itself — no department, year or region is hard-coded.
"""
import re
from collections import Counter
from dataclasses import dataclass

from pipelines.parsing.numbers import normalize

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
    # 上海市普陀区财政局2024年度部门决算 — the year may be missing where a PDF reader set apart digits
    # printed in another font ("第二部分上海市普陀区财政局年度部门决算表"); a name never ends with a digit.
    re.compile(r"(?P<name>[^，。、\s（）()]{3,39}?[^，。、\s（）()\d])(?P<year>20\d\d)?年度?部门决算"),
    # 泸州市人力资源和社会保障局下属二级单位8个
    re.compile(r"(?P<name>[^，。、\s]{4,40}?)下属(?:二级)?单位\d+个"),
    # national table header / cover: 编制单位：上海市普陀区财政局 · 部门名称：…
    re.compile(r"(?:编制单位|部门名称)\s*[:：]\s*(?P<name>[^，。、\s:：]{4,40})"),
)
# Words that head a name candidate without being part of the name: part headings, "纳入", list numbers.
_NAME_PREFIX_RE = re.compile(r"^(?:第[一二三四五六七八九十]+部分|纳入|(?:\d+|[一二三四五六七八九十]+)[、.．])+")
_YEAR_RE = re.compile(r"(20\d\d)年度?(?:部门|单位)?决算")
# A year printed alone (the PDF reader put digits of another font on their own line) next to a title.
_DETACHED_YEAR_RE = re.compile(r"^\s*(20\d\d)\s*$")
_TITLE_WITHOUT_YEAR_RE = re.compile(r"(?<!\d)年度部门决算")
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


def _name_candidates(text: str) -> Counter[str]:
    names: Counter[str] = Counter()
    for pattern in _DEPT_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group("name").strip("“”\"《》 ")
            name = _NAME_PREFIX_RE.sub("", name)
            if len(name) >= 4 and not re.search(r"\d", name):
                names[name] += 1
    return names


def _department(text: str) -> str | None:
    names: Counter[str] = Counter()
    for name, count in _name_candidates(text).items():
        # one department whatever the spelling of its spaces and full-width characters
        names[re.sub(r"\s+", "", normalize(name))] += count
    return names.most_common(1)[0][0] if names else None


def placeholder_mentions(document: Document) -> list[tuple[str, str, str]]:
    """(location, text, name) of every paragraph or cell naming a placeholder department ("上海市普陀区XX局")
    although the document's department is a real name — a heading the writer forgot to fill in."""
    mentions: list[tuple[str, str, str]] = []
    blocks = [(p.location, p.text) for p in document.paragraphs()] + \
        [(c.location, c.text) for r in document.rows() for c in r.cells]
    for location, text in blocks:
        for name in _name_candidates(text):
            if _PLACEHOLDER_RE.search(name):
                mentions.append((location, text, name))
    return mentions


def _year(text: str) -> int | None:
    years = Counter(int(y) for y in _YEAR_RE.findall(text))
    return years.most_common(1)[0][0] if years else None


def _detached_year(document: Document) -> int | None:
    """The year of a title such as "上海市普陀区财政局 / 年度部门决算 / 2024" whose digits were read as a
    paragraph of their own: a year-only paragraph right before or after a "年度部门决算" title."""
    paragraphs = [p.text for p in document.paragraphs()]
    years: Counter[int] = Counter()
    for i, text in enumerate(paragraphs):
        if not _TITLE_WITHOUT_YEAR_RE.search(text):
            continue
        for neighbour in paragraphs[max(0, i - 1):i] + paragraphs[i + 1:i + 2]:
            m = _DETACHED_YEAR_RE.match(neighbour)
            if m:
                years[int(m.group(1))] += 1
    return years.most_common(1)[0][0] if years else None


_FILE_NAME_YEAR_RE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def _year_in_file_name(file_name: str) -> int | None:
    """Last resort: a workbook of statements may print no year on its sheets, while its file name
    ("2024年部门决算公开表.xlsx") carries it. One year in the name, or none."""
    years = set(_FILE_NAME_YEAR_RE.findall(file_name or ""))
    return int(years.pop()) if len(years) == 1 else None


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
    year = _year(text) or _detached_year(document) or _year_in_file_name(document.source_file)
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

"""第二部分 六、一般公共预算财政拨款基本支出: basic = 人员经费 + 公用经费.

  2023年度一般公共预算财政拨款基本支出9,817.64万元，其中：
  人员经费8,654.48万元，主要包括：基本工资、…等。
  　　公用经费1163.16万元，主要包括：办公费、…等。
The three facts may also share one line; each is matched on its own, inside the section that starts
at the basic-expenditure sentence and ends at the next heading.
"""
import re

from pipelines.documents.model import Document
from pipelines.parsing.numbers import parse_amount

from .narrative_text import MONEY, Line, find_line, is_heading, narrative_lines
from .records import figure, text_figure

_BASIC_RE = re.compile(rf"(?P<year>\d{{4}})年度?一般公共预算财政拨款基本支出(?:决算)?(?:为)?(?P<amount>{MONEY})")
_PARTS = {
    "gpb_personnel": re.compile(rf"人员经费(?:支出)?(?:为)?(?P<amount>{MONEY})(?:,\s*主要包括[:]?(?P<items>[^;。]+[。]?))?"),
    "gpb_public": re.compile(rf"公用经费(?:支出)?(?:为)?(?P<amount>{MONEY})(?:,\s*主要包括[:]?(?P<items>[^;。]+[。]?))?"),
}
_MAX_SECTION_LINES = 6  # the section is short; never wander into 三公


def _section_from(lines: list[Line], start: Line) -> list[Line]:
    i = lines.index(start)
    section = [start]
    for line in lines[i + 1:i + 1 + _MAX_SECTION_LINES]:
        if is_heading(line.folded) or "三公" in line.folded:
            break
        section.append(line)
    return section


def extract_basic_expenditure(document: Document) -> list:
    lines = narrative_lines(document)
    records: list = []
    for line, m in find_line(lines, _BASIC_RE):
        year = int(m.group("year"))
        records.append(figure("totals", "gpb_basic_expenditure", "amount", parse_amount(line.printed(m, "amount")),
                              fiscal_year=year, location=line.location, source_text=line.raw))
        for subject, pattern in _PARTS.items():
            for part_line in _section_from(lines, line):
                pm = pattern.search(part_line.folded, m.end() if part_line is line else 0)
                if pm is None:
                    continue
                common = dict(fiscal_year=year, location=part_line.location, source_text=part_line.raw)
                records.append(figure("totals", subject, "amount", parse_amount(part_line.printed(pm, "amount")), **common))
                if pm.group("items"):
                    records.append(text_figure("totals", subject, "composition", part_line.printed(pm, "items"), **common))
                break
    return records

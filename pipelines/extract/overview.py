"""第二部分 一、二、三: total income and expenditure, income by source, expenditure by type.

Sentences look like
  2023年度收入为15,157.48万元、支出为15,157.73万元。与2022年度相比，收入增加353.95万元，增长2.4%，…
  2023年度本年收入合计15,157.48万元，其中：一般公共预算财政拨款收入14,968.80万元，占98.8%；…
  2023年度本年支出合计15,157.73万元，其中：基本支出10,006.32万元，占66%；…
"""
import re

from pipelines.documents.model import Document
from pipelines.parsing.numbers import parse_amount, parse_percent

from .patterns import AMT, MONEY_UNIT, PCT, UP_DOWN, find_paragraphs, split_segments
from .records import ExtractionIssue, Figure, figure, text_figure

INCOME_SOURCES = {
    "一般公共预算财政拨款收入": "general_public_budget",
    "政府性基金预算财政拨款收入": "government_fund",
    "国有资本经营预算财政拨款收入": "state_capital",
    "上级补助收入": "superior_subsidy",
    "事业收入": "business",
    "经营收入": "operating",
    "附属单位上缴收入": "subsidiary_remittance",
    "其他收入": "other",
}
EXPENDITURE_TYPES = {
    "基本支出": "basic",
    "项目支出": "project",
    "上缴上级支出": "remittance_to_superior",
    "经营支出": "operating",
    "对附属单位补助支出": "subsidy_to_subsidiaries",
}

# 收入为…、支出为… / 财政拨款收入为…、支出为… followed by the comparison with the prior year.
_TOTALS_RE = re.compile(
    rf"(?P<year>\d{{4}})年度(?P<scope>财政拨款)?收入为(?P<income>{AMT}\s*{MONEY_UNIT})[、,]"
    rf"(?:财政拨款)?支出为(?P<expenditure>{AMT}\s*{MONEY_UNIT})。"
    rf"(?:与(?P<prior>\d{{4}})年度?相比,(?:财政拨款)?收入(?P<income_change>{UP_DOWN}{AMT}\s*{MONEY_UNIT}),"
    rf"(?P<income_growth>{UP_DOWN}{PCT}),(?:财政拨款)?支出(?P<expenditure_change>{UP_DOWN}{AMT}\s*{MONEY_UNIT}),"
    rf"(?P<expenditure_growth>{UP_DOWN}{PCT})。?)?"
    rf"(?:主要(?:变动)?原因是(?P<reason>.+))?"
)
_BREAKDOWN_RE = {
    "income_by_source": re.compile(rf"(?P<year>\d{{4}})年度本年收入合计(?P<total>{AMT}\s*{MONEY_UNIT}),其中:(?P<rest>.+)"),
    "expenditure_by_type": re.compile(rf"(?P<year>\d{{4}})年度本年支出合计(?P<total>{AMT}\s*{MONEY_UNIT}),其中:(?P<rest>.+)"),
}
_SEGMENT_RE = re.compile(rf"^(?P<name>[^\d]+?)(?P<amount>{AMT}\s*{MONEY_UNIT}),占(?P<share>{PCT})")


def extract_totals(document: Document) -> list:
    records: list = []
    for paragraph, text, m in find_paragraphs(document, _TOTALS_RE):
        year = int(m.group("year"))
        prefix = "fiscal_appropriation_" if m.group("scope") else ""
        prior = int(m.group("prior")) if m.group("prior") else None
        for side in ("income", "expenditure"):
            subject = f"{prefix}{side}" if prefix else f"{side}_total"
            common = dict(fiscal_year=year, location=paragraph.location, source_text=paragraph.text)
            records.append(figure("totals", subject, "amount", parse_amount(m.group(side)), **common))
            if prior is not None:
                records.append(figure("totals", subject, "change", parse_amount(m.group(f"{side}_change")),
                                      compared_year=prior, **common))
                records.append(figure("totals", subject, "growth", parse_percent(m.group(f"{side}_growth")),
                                      compared_year=prior, **common))
            if m.group("reason"):
                records.append(text_figure("totals", subject, "change_reason", m.group("reason").strip(), **common))
    return records


def _breakdown(document: Document, family: str, names: dict[str, str]) -> list:
    records: list = []
    for paragraph, text, m in find_paragraphs(document, _BREAKDOWN_RE[family]):
        year = int(m.group("year"))
        common = dict(fiscal_year=year, location=paragraph.location, source_text=paragraph.text)
        records.append(figure(family, "total", "amount", parse_amount(m.group("total")), **common))
        for seq, segment in enumerate(split_segments(m.group("rest")), start=1):
            sm = _SEGMENT_RE.match(segment)
            if sm is None:
                records.append(ExtractionIssue(family, "warning", f"segment not understood: {segment!r}",
                                               paragraph.location, paragraph.text))
                continue
            name = sm.group("name").strip()
            subject = names.get(name)
            if subject is None:
                records.append(ExtractionIssue(family, "warning", f"unknown category {name!r}",
                                               paragraph.location, paragraph.text))
                subject = f"unmapped_{seq}"  # kept, and distinct from any other unknown category
            records.append(figure(family, subject, "amount", parse_amount(sm.group("amount")),
                                  subject_zh=name, seq=seq, **common))
            records.append(figure(family, subject, "share", parse_percent(sm.group("share")),
                                  subject_zh=name, seq=seq, **common))
    return records


def extract_income_by_source(document: Document) -> list:
    return _breakdown(document, "income_by_source", INCOME_SOURCES)


def extract_expenditure_by_type(document: Document) -> list:
    return _breakdown(document, "expenditure_by_type", EXPENDITURE_TYPES)

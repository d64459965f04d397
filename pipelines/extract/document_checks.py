"""The report against itself: years it prints that are not its own, and template placeholders left in.

A report of fiscal year Y prints Y in its headings and dates (截至Y年12月31日) and Y−1 where it compares
(与Y−1年度相比); a heading "2023年度部门决算情况说明" in a 2024 report, or a date of another year, is a copy
of last year's text. Placeholders of the blank template ("增加（减少）", "XXX万元") mean a section was not filled
in. Both are errors of the document, reported with the sentence and its location; the patterns are layout
data (the profile's settings.document_checks).
"""
import re

from .context import ExtractionContext
from .explanations.text import normalise
from .records import ExtractionIssue

EXTRACTOR = "document_checks"


def _year_issues(context: ExtractionContext, checks: dict) -> list:
    records = []
    seen: set[tuple[str, int]] = set()  # one finding per paragraph and printed year (patterns may overlap)
    for rule in checks.get("year_mentions", []):
        pattern = re.compile(rule["pattern"])
        expected = context.fiscal_year + int(rule.get("offset", 0))
        for paragraph in context.document.paragraphs():
            for m in pattern.finditer(normalise(paragraph.text)):
                if int(m.group(1)) != expected and (paragraph.location, m.start(1)) not in seen:
                    seen.add((paragraph.location, m.start(1)))
                    records.append(ExtractionIssue(
                        EXTRACTOR, "error",
                        f"{rule.get('what', 'year')}: prints {m.group(1)}, the report's year makes it {expected} "
                        f"(fiscal year {context.fiscal_year})", paragraph.location, paragraph.text))
    return records


def _placeholder_issues(context: ExtractionContext, checks: dict) -> list:
    patterns = [re.compile(p) for p in checks.get("placeholders", [])]
    records = []
    for paragraph in context.document.paragraphs():
        text = normalise(paragraph.text)
        found = sorted({m.group() for p in patterns for m in p.finditer(text)})
        if found:
            records.append(ExtractionIssue(EXTRACTOR, "error", f"template placeholder left in: {', '.join(found)}",
                                           paragraph.location, paragraph.text))
    return records


def extract_document_checks(context: ExtractionContext) -> list:
    checks = (context.profile.settings or {}).get("document_checks") or {}
    if context.fiscal_year is None:
        return []
    return _year_issues(context, checks) + _placeholder_issues(context, checks)

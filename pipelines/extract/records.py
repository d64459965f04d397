"""Landing records produced by the extractors.

Each record type is one landing table in schema ``raw``; its fields are the columns. A figure
keeps what was printed (``raw_text``, unit, decimals) and where (``source_location``,
``source_text``); a figure that did not parse keeps ``value = None`` and says why in ``parse_error``.
"""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from pipelines.parsing.numbers import ParsedNumber


@dataclass(frozen=True)
class Provenance:
    """Which layout profile and which extractor produced a record (stamped by the extraction runner)."""

    extractor: str | None = field(default=None, kw_only=True)
    layout_profile: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class Figure(Provenance):
    """One printed number (or text value) of the narrative, in long form."""

    table: ClassVar[str] = "figures"

    family: str  # income_by_source, expenditure_by_type, totals, …
    subject: str  # source / type / measure code, e.g. business, basic, income_total
    measure: str  # amount, share, change, growth, completion, reason, …
    fiscal_year: int | None
    compared_year: int | None  # the year a change/growth is measured against
    value: Decimal | None
    unit: str | None  # 万元 / 元 / % / 个 …
    printed_decimals: int | None
    raw_text: str | None  # the number exactly as printed
    text_value: str | None  # text measures (reasons); None for numbers
    subject_zh: str | None  # the label as printed, e.g. 事业收入
    seq: int | None  # printed order within its family
    source_location: str
    source_text: str
    parse_error: str | None = None
    # the statement a figure was read from (statement code); None for the text (the explanations)
    statement: str | None = None


def figure(
    family: str,
    subject: str,
    measure: str,
    number: ParsedNumber,
    *,
    fiscal_year: int | None,
    location: str,
    source_text: str,
    compared_year: int | None = None,
    subject_zh: str | None = None,
    seq: int | None = None,
) -> Figure:
    """A numeric Figure from a parsed number (carrying its parse error, if any)."""
    return Figure(
        family=family,
        subject=subject,
        measure=measure,
        fiscal_year=fiscal_year,
        compared_year=compared_year,
        value=number.value,
        unit=number.unit,
        printed_decimals=number.printed_decimals,
        raw_text=number.raw.strip(),
        text_value=None,
        subject_zh=subject_zh,
        seq=seq,
        source_location=location,
        source_text=source_text,
        parse_error=number.error,
    )


def text_figure(
    family: str,
    subject: str,
    measure: str,
    text: str,
    *,
    fiscal_year: int | None,
    location: str,
    source_text: str,
    subject_zh: str | None = None,
    seq: int | None = None,
) -> Figure:
    """A textual Figure (a reason, a summary) — kept in the same long table as the numbers."""
    return Figure(
        family=family,
        subject=subject,
        measure=measure,
        fiscal_year=fiscal_year,
        compared_year=None,
        value=None,
        unit=None,
        printed_decimals=None,
        raw_text=None,
        text_value=text,
        subject_zh=subject_zh,
        seq=seq,
        source_location=location,
        source_text=source_text,
    )


@dataclass(frozen=True)
class ExtractionIssue:
    """Something an extractor expected and did not find, or found and could not use."""

    table: ClassVar[str] = "extraction_issues"

    extractor: str
    severity: str  # error / warning / info
    message: str
    source_location: str | None
    source_text: str | None
    layout_profile: str | None = field(default=None, kw_only=True)

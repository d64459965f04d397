"""The explanations (情况说明) of a report, read by the sentence patterns its layout profile names.

``extract_explanations`` yields the figures every pattern finds (families totals, income_by_source,
expenditure_by_type, gpb_by_class, three_public, procurement, assets, performance …) and, for the patterns
that name a record builder, their records (gpb_item: one 类/款/项 item with its budget, actual, completion,
the words comparing them and the reason). A section the profile expects but the document lacks, and a
required sentence not found in its section, are extraction issues naming them.
"""
from pipelines.classification.function_codes import match_function
from pipelines.layouts.narrative import load_narrative
from pipelines.parsing.numbers import parse_amount, parse_percent

from ..context import ExtractionContext
from ..narrative_records import GpbItem
from ..records import ExtractionIssue
from .engine import EXTRACTOR, Match, direction_of, figures_of_match, find_matches
from .text import JoinedText, join_paragraphs


def _gpb_item(match: Match, joined: JoinedText, fiscal_year: int | None) -> list:
    """A 类/款/项 item of 五(三): "1、一般公共服务支出（类）财政事务（款）行政运行（项）。…年初预算为1560.05万元，
    支出决算为1511.89万元。决算数小于预算数的主要原因：…"."""
    g = match.groups
    paragraph = joined.paragraph_at(match.start)
    amount = parse_amount(g["amount"])
    budget = parse_amount(g["budget"]) if g.get("budget") else None
    completion = parse_percent(g["completion"]) if g.get("completion") else None
    class_name = g["class"]
    code = match_function(class_name, g["kuan"], g["xiang"])
    records: list = []
    if code.function_code is None:
        records.append(ExtractionIssue(f"{EXTRACTOR}.gpb_item", "warning",
                                       f"item {g['seq']}: no functional-classification code: {code.note}",
                                       paragraph.location, paragraph.text))
    variance = g.get("variance")
    records.append(GpbItem(
        seq=int(g["seq"]),
        fiscal_year=fiscal_year,
        class_name=class_name,
        class_name_normalized=class_name if class_name.endswith("支出") else f"{class_name}支出",
        kuan_name=g["kuan"],
        xiang_name=g["xiang"],
        amount=amount.value,
        amount_raw=amount.raw,
        amount_unit=amount.unit,
        amount_decimals=amount.printed_decimals,
        completion_pct=completion.value if completion else None,
        completion_raw=completion.raw if completion else None,
        completion_decimals=completion.printed_decimals if completion else None,
        variance_text=variance,
        variance_kind=variance,
        source_location=paragraph.location,
        source_text=joined.source_text(match.start, match.end),
        parse_error=amount.error or (budget.error if budget else None),
        function_code=code.function_code,
        function_match_method=code.method,
        function_match_note=code.note,
        budget=budget.value if budget else None,
        budget_raw=budget.raw if budget else None,
        budget_unit=budget.unit if budget else None,
        budget_decimals=budget.printed_decimals if budget else None,
        budget_kind=g.get("budget_kind"),
        variance_direction=direction_of(variance) if variance else None,
        variance_reason=(g.get("reason") or None),
    ))
    return records


RECORD_BUILDERS = {"gpb_item": _gpb_item}


def extract_explanations(context: ExtractionContext) -> list:
    if not context.profile.narrative:
        return []
    spec = load_narrative(context.profile.narrative)
    joined = join_paragraphs(context.document)
    matches, sections = find_matches(spec, joined)
    records: list = []
    if not sections:
        return [ExtractionIssue(EXTRACTOR, "warning", f"the explanations' part heading was not found ({spec.source})",
                                None, None)]
    for key in (s.key for s in spec.sections if s.level == 1):
        if key not in sections:
            records.append(ExtractionIssue(EXTRACTOR, "warning", f"section {key} of {spec.source} not found", None, None))
    for match in matches:
        builder = RECORD_BUILDERS.get(match.pattern.record) if match.pattern.record else None
        records += builder(match, joined, context.fiscal_year) if builder else \
            figures_of_match(match, joined, context.fiscal_year)
    return records

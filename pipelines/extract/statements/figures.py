"""Statement cells → the explanations' fact families (fct_totals, fct_income_by_source, fct_three_public …),
by the declarative ``figures`` rules of statements.yml. Each figure keeps its cell's provenance and names its
statement (``Figure.statement``), so a figure printed both in a statement and in the text is two facts, never
collapsed. A blank cell gives no figure: blank is not a printed 0.
"""
from pipelines.layouts import FigureRule, StatementDef, vocabulary
from pipelines.parsing.labels import label_key

from ..records import Figure
from .records import StatementCell

EXTRACTOR = "statements.figures"


def _subject(rule: FigureRule, cell: StatementCell) -> str | None:
    """The figure's subject when the cell's row matches the rule's row selector, else None."""
    label = label_key(cell.row_label or "")
    if rule.row is not None:
        return rule.subject if label == rule.row else None
    if rule.row_vocab is not None:
        key = vocabulary(rule.row_vocab).key_of(cell.row_label or "")
        return (rule.subject or key) if key is not None else None
    if rule.row_level is not None:
        return (rule.subject or cell.row_label) if cell.row_level == rule.row_level else None
    return rule.subject


def _matches(rule: FigureRule, cell: StatementCell, occurrence: int) -> bool:
    return cell.column_key == rule.column and (rule.occurrence is None or rule.occurrence == occurrence)


def figures_of(definition: StatementDef, cells: list[StatementCell], fiscal_year: int | None) -> list[Figure]:
    """The figures the statement's rules select from its cells (first print of the statement only)."""
    figures: list[Figure] = []
    for rule in definition.figures:
        seen: dict[str, int] = {}
        for cell in cells:
            if cell.column_key != rule.column:
                continue
            subject = _subject(rule, cell)
            if subject is None:
                continue
            seen[subject] = seen.get(subject, 0) + 1
            if not _matches(rule, cell, seen[subject]) or cell.raw_text is None:
                continue
            if rule.occurrence is None and seen[subject] > 1:
                continue  # a label printed twice without an occurrence rule: the first print only
            figures.append(Figure(
                family=rule.family, subject=subject, measure=rule.measure, fiscal_year=fiscal_year,
                compared_year=None, value=cell.value, unit=cell.printed_unit,
                printed_decimals=cell.printed_decimals, raw_text=cell.raw_text, text_value=None,
                subject_zh=cell.row_label, seq=len([f for f in figures if f.family == rule.family]) + 1,
                source_location=cell.source_location, source_text=cell.source_text,
                parse_error=cell.parse_error, statement=definition.code, extractor=EXTRACTOR,
            ))
    return figures

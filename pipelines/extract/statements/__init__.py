"""The statements of a report (决算表), read by one general reader driven by the layout profile.

``extract_statements`` yields a StatementRecord per table, a StatementCell per value cell, the figures the
statement catalogue maps into the explanations' families, and the issues met on the way;
``extract_template_checks`` tells which statements the profile requires and the report lacks, and which
headings still carry a template placeholder.
"""
from pipelines.documents.classify import placeholder_mentions

from ..context import ExtractionContext
from ..records import ExtractionIssue
from .figures import figures_of
from .reader import read_statements
from .records import StatementCell, StatementRecord


def extract_statements(context: ExtractionContext) -> list:
    records = read_statements(context.statements)
    cells: dict[int, list[StatementCell]] = {}
    for record in records:
        if isinstance(record, StatementCell):
            cells.setdefault(record.statement_seq, []).append(record)
    for statement in context.statements:
        if statement.definition is not None and statement.occurrence == 1:
            records += figures_of(statement.definition, cells.get(statement.seq, []), context.fiscal_year)
    return records


def extract_template_checks(context: ExtractionContext) -> list:
    """Required statements the report lacks (named), and placeholder department names in its headings."""
    found = {s.definition.code for s in context.statements if s.definition}
    records: list = []
    if found:
        for code in context.profile.required_statements:
            if code not in found:
                name = context.profile.statement(code).name_zh
                records.append(ExtractionIssue("statements.template", "error",
                                               f"required statement {name} ({code}) not found", None, None))
    for location, text, name in placeholder_mentions(context.document):
        records.append(ExtractionIssue("statements.template", "error",
                                       f"placeholder department name {name!r} printed", location, text))
    return records


__all__ = ["extract_statements", "extract_template_checks", "StatementCell", "StatementRecord"]

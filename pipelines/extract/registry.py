"""Every extractor by the name a layout profile lists it under, and the landing tables they fill.

A profile (pipelines/layouts/profiles/*.yml) says which extractors read its documents. Extractors written
for one template take the Document ("module.function" names); the general ones take the ExtractionContext
(statements, template_checks).
"""
from typing import Callable

from . import (
    annex_facts,
    annex_summaries,
    basic_expenditure,
    department_kpi,
    general_public_budget,
    glossary,
    organisation,
    other_matters,
    overview,
    project_tables,
    three_public,
)
from .context import ExtractionContext
from .document_checks import extract_document_checks
from .explanations import extract_explanations
from .unit_table import extract_unit_table
from .narrative_records import GlossaryEntry, GpbItem, ProjectSummary, SpecialEvaluationIndicator, UnitRecord
from .project_records import (
    DepartmentKpiHeader,
    DepartmentKpiRow,
    DepartmentKpiTask,
    ProjectFundingRow,
    ProjectKpiRow,
    ProjectTable,
    ProjectTotalRow,
)
from .records import ExtractionIssue, Figure
from .statements import StatementCell, StatementRecord, extract_statements, extract_template_checks

Extractor = Callable[[ExtractionContext], list]

_DOCUMENT_EXTRACTORS = [
    overview.extract_totals,
    overview.extract_income_by_source,
    overview.extract_expenditure_by_type,
    general_public_budget.extract_general_public_budget,
    general_public_budget.extract_gpb_items,
    basic_expenditure.extract_basic_expenditure,
    three_public.extract_three_public,
    other_matters.extract_other_matters,
    organisation.extract_units,
    organisation.extract_staffing,
    glossary.extract_glossary,
    annex_summaries.extract_project_summaries,
    annex_summaries.extract_annex1_figures,
    annex_summaries.extract_special_evaluations,
    project_tables.extract_project_tables,
    department_kpi.extract_department_kpi,
    annex_facts.extract_annex1_finance,
    annex_facts.extract_annex1_tasks,
    annex_facts.extract_park_results,
    annex_facts.extract_annex2_facts,
]


def _on_document(function: Callable) -> Extractor:
    def run(context: ExtractionContext) -> list:
        return function(context.document)

    run.__name__ = function.__name__
    return run


EXTRACTORS: dict[str, Extractor] = {
    "statements": extract_statements,
    "template_checks": extract_template_checks,
    "explanations": extract_explanations,
    "unit_table": extract_unit_table,
    "document_checks": extract_document_checks,
    **{f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}": _on_document(f) for f in _DOCUMENT_EXTRACTORS},
}

# Every landing record type, so each landing table exists even when a document yields none of it.
FACT_RECORD_TYPES: list[type] = [
    Figure,
    ExtractionIssue,
    StatementRecord,
    StatementCell,
    GpbItem,
    UnitRecord,
    GlossaryEntry,
    ProjectSummary,
    SpecialEvaluationIndicator,
    ProjectTable,
    ProjectFundingRow,
    ProjectKpiRow,
    ProjectTotalRow,
    DepartmentKpiHeader,
    DepartmentKpiTask,
    DepartmentKpiRow,
]

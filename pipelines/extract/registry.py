"""Which extractors run on a final-accounts document, and which landing tables they fill."""
from typing import Callable

from pipelines.documents.model import Document

from . import (
    annex_facts,
    annex_summaries,
    basic_expenditure,
    department_kpi,
    general_public_budget,
    glossary,
    national_tables,
    organisation,
    other_matters,
    overview,
    project_tables,
    three_public,
)
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

Extractor = Callable[[Document], list]

EXTRACTORS: list[Extractor] = [
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
    # the nine statements of the national template (tables first, explanations after)
    national_tables.extract_summary,
    national_tables.extract_income_table,
    national_tables.extract_expenditure_table,
    national_tables.extract_fiscal_summary,
    national_tables.extract_gpb_table,
    national_tables.extract_gpb_basic_table,
    national_tables.extract_three_public_table,
    national_tables.extract_fund_tables,
    national_tables.extract_template_checks,
]

# Every landing record type, so each landing table exists even when a document yields none of it.
FACT_RECORD_TYPES: list[type] = [
    Figure,
    ExtractionIssue,
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

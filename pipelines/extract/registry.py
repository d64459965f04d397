"""Which extractors run on a final-accounts document, and which landing tables they fill."""
from typing import Callable

from pipelines.documents.model import Document

from . import department_kpi, overview, project_tables
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
    project_tables.extract_project_tables,
    department_kpi.extract_department_kpi,
]

# Every landing record type, so each landing table exists even when a document yields none of it.
FACT_RECORD_TYPES: list[type] = [
    Figure,
    ExtractionIssue,
    ProjectTable,
    ProjectFundingRow,
    ProjectKpiRow,
    ProjectTotalRow,
    DepartmentKpiHeader,
    DepartmentKpiTask,
    DepartmentKpiRow,
]

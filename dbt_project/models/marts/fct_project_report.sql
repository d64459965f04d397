-- One row per project table of each report: what that year's table says of the project in words
-- (targets, completion, conclusion, problems, improvements, who signed). dim_project shows the latest
-- year's texts; this keeps every year's.
select
    document_id,
    department_id,
    fiscal_year,
    table_seq,
    project_id,
    project_code,
    project_name,
    project_label,
    competent_department,
    implementing_unit,
    implementing_unit_id,
    annual_target,
    target_completion,
    implementation_summary,
    conclusion,
    problems,
    improvements,
    project_lead,
    finance_lead,
    source_location,
    source_text
from {{ ref('int_project_tables') }}

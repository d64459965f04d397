-- Projects per department, stable across documents and years. A project printed in several reports
-- (e.g. two years) is one row; its texts (name, unit, targets, conclusion…) are those of the latest
-- fiscal year's table (ties: the latest ingested document, then the last table printed), and
-- document_id / source_location / source_text point to that table. Year-by-year facts live in the facts.
with tables as (
    select
        p.*,
        d.ingested_at
    from {{ ref('int_project_tables') }} as p
    join {{ ref('int_documents') }} as d using (document_id)
),

spans as (
    select
        project_id,
        min(fiscal_year) as first_fiscal_year,
        max(fiscal_year) as last_fiscal_year,
        cast(count(distinct document_id) as integer) as document_count
    from tables
    group by project_id
),

latest as (
    select *
    from tables
    qualify row_number() over (
        partition by project_id
        order by fiscal_year desc nulls last, ingested_at desc nulls last, document_id desc, table_seq desc
    ) = 1
)

select
    l.project_id,
    l.project_code,
    l.project_name,
    l.department_id,
    l.implementing_unit,
    l.implementing_unit_id,
    l.implementing_unit_label_raw,
    l.competent_department,
    l.annual_target,
    l.target_completion,
    l.implementation_summary,
    l.conclusion,
    l.problems,
    l.improvements,
    l.project_lead,
    l.finance_lead,
    s.first_fiscal_year,
    s.last_fiscal_year,
    s.document_count,
    l.fiscal_year as texts_fiscal_year,
    l.document_id,
    l.table_seq,
    l.project_label_raw,
    l.source_location,
    l.source_text
from latest as l
join spans as s using (project_id)

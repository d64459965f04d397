-- Project tables of loaded documents with their stable keys.
-- project_id: a hash of the project code (codes are assigned once by the budget system and repeat in
-- every year's report); a table printed without a code falls back to department + name key.
-- implementing_unit_id: department + the unit name as printed (dim_unit maps aliases onto it).
select
    t.document_id,
    d.department_id,
    d.fiscal_year,
    t.table_seq,
    case
        when t.project_code is not null then {{ stable_id('proj', ['t.project_code']) }}
        else {{ stable_id('proj', ['d.department_id', 't.project_name_key']) }}
    end as project_id,
    t.project_code,
    t.project_name,
    t.project_name_key,
    t.project_label_raw,
    t.competent_department,
    t.implementing_unit,
    case when t.implementing_unit is not null
        then {{ stable_id('unit', ['d.department_id', 't.implementing_unit']) }} end as implementing_unit_id,
    t.implementing_unit_label_raw,
    t.annual_target,
    t.target_completion,
    t.implementation_summary,
    t.conclusion,
    t.problems,
    t.improvements,
    t.project_lead,
    t.finance_lead,
    -- A readable subject for identity checks and BI filters: the code, or the table number when uncoded.
    coalesce(t.project_code, 'table ' || t.table_seq) as project_label,
    t.source_location,
    t.source_text
from {{ ref('stg_project_tables') }} as t
join {{ ref('int_documents') }} as d using (document_id)
where d.status = 'loaded'

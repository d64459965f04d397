-- One row per project self-evaluation table (部门预算项目支出绩效自评表) as printed, typed.
with source as (
    select * from {{ source('raw', 'project_tables') }}
)

select
    document_id,
    cast(table_seq as integer) as table_seq,
    nullif(trim(project_code), '') as project_code,
    project_name,
    -- Name key for projects printed without a code: whitespace (incl. U+3000) removed, so a name
    -- re-wrapped differently in another year's report still gives the same key.
    nullif(regexp_replace(coalesce(project_name, ''), '[\s\x{3000}]+', '', 'g'), '') as project_name_key,
    project_label_raw,
    competent_department,
    implementing_unit,
    implementing_unit_label_raw,
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
from source

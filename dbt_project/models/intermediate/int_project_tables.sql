-- Project tables of loaded documents with their stable keys.
-- project_id: a hash of the project code (codes are assigned once by the budget system and repeat in
-- every year's report); a table printed without a code falls back to department + name key.
-- implementing_unit_id: the dim_unit key of the unit the table names. Tables print short names
-- (就业服务管理局 for 泸州市就业服务管理局, 局机关 for the department itself): a unit of the same report
-- whose full name ends with the printed name, or the department itself for 机关; otherwise the
-- printed name keys a unit of its own (and unit_resolved is false).
with units as (
    select document_id, unit_name, is_department_itself from {{ ref('stg_units') }}
),

resolved as (
    select
        t.document_id,
        t.table_seq,
        (
            select min(u.unit_name)
            from units as u
            where u.document_id = t.document_id
              and (
                  u.unit_name = t.implementing_unit
                  or (not u.is_department_itself and u.unit_name like '%' || t.implementing_unit)
                  or (u.is_department_itself and t.implementing_unit in ('局机关', '机关', '本级', '机关本级'))
              )
        ) as unit_name
    from {{ ref('stg_project_tables') }} as t
)

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
        then {{ stable_id('unit', ['d.department_id', 'coalesce(r.unit_name, t.implementing_unit)']) }}
    end as implementing_unit_id,
    r.unit_name is not null as implementing_unit_resolved,
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
left join resolved as r on r.document_id = t.document_id and r.table_seq = t.table_seq
where d.status = 'loaded'

-- Head of the department-wide KPI table: one row per document — funds (资金总额 = 财政拨款 + 其他资金)
-- in yuan and the annual overall goal (年度总体目标), as printed.
select
    h.document_id,
    d.department_id,
    d.fiscal_year,
    h.department_label,
    h.total_funds_yuan,
    h.fiscal_funds_yuan,
    h.other_funds_yuan,
    cast(h.printed_decimals as smallint) as printed_decimals,
    h.printed_unit,
    h.annual_goal,
    h.source_location,
    h.source_text
from {{ ref('stg_department_kpi_header') }} as h
join {{ ref('int_documents') }} as d using (document_id)
where d.status = 'loaded'

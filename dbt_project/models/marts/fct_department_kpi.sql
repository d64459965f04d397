-- Indicators of the department-wide KPI table (部门整体支出绩效目标完成情况自评表): one row per document ×
-- indicator. Same shape as fct_project_kpi: weights are printed as percentages of the 100 points, so
-- weight = weight_pct; the table prints no score and no shortfall reason (NULL columns, kept for the shape).
select
    k.document_id,
    d.department_id,
    d.fiscal_year,
    k.seq,
    {{ indicator_columns('k') }},
    k.weight_pct,
    k.weight_pct as weight,
    cast(null as decimal(9, 4)) as score,
    cast(null as varchar) as shortfall_reason,
    cast(k.weight_printed_decimals as smallint) as weight_printed_decimals,
    k.weight_raw,
    k.source_location,
    k.source_text
from {{ ref('stg_department_kpi_rows') }} as k
join {{ ref('int_documents') }} as d using (document_id)
where d.status = 'loaded'

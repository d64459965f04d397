-- Indicators of the department-wide KPI table, typed. Weights are printed as percentages (3% → 3).
with source as (
    select * from {{ source('raw', 'department_kpi_rows') }}
)

select
    document_id,
    cast(seq as integer) as seq,
    {{ indicator_columns('source', typed=true) }},
    cast(weight_pct as decimal(9, 4)) as weight_pct,
    weight_raw,
    cast(weight_printed_decimals as smallint) as weight_printed_decimals,
    source_location,
    source_text
from source

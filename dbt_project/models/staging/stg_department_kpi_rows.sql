-- Indicators of the department-wide KPI table, typed. Weights are printed as percentages (3% → 3).
with source as (
    select * from {{ source('raw', 'department_kpi_rows') }}
)

select
    document_id,
    cast(seq as integer) as seq,
    level1,
    level2,
    level1_raw,
    level2_raw,
    indicator,
    operator,
    operator_raw,
    target_text,
    target_value,
    target_unit,
    cast(target_printed_decimals as integer) as target_printed_decimals,
    measure_unit,
    actual_text,
    actual_value,
    actual_unit,
    actual_operator,
    cast(actual_printed_decimals as integer) as actual_printed_decimals,
    cast(weight_pct as decimal(9, 4)) as weight_pct,
    weight_raw,
    case when weight_pct is not null then length(coalesce(regexp_extract(weight_raw, '[.．](\d+)', 1), '')) end
        as weight_printed_decimals,
    target_met,
    source_location,
    source_text
from source

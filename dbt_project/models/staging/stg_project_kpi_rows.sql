-- Performance indicators (三级指标) of each project table, typed. Weights and scores are typed numbers;
-- the landing row keeps no raw text for them, so their printed decimals are inferred from the value
-- (trailing zeros dropped: 5.10000000 → 1, 10 → 0).
with source as (
    select * from {{ source('raw', 'project_kpi_rows') }}
)

select
    document_id,
    cast(table_seq as integer) as table_seq,
    nullif(trim(project_code), '') as project_code,
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
    cast(weight as decimal(9, 4)) as weight,
    case when weight is not null then length(coalesce(regexp_extract(rtrim(cast(weight as varchar), '0'), '\.(\d+)', 1), '')) end as weight_printed_decimals,
    cast(score as decimal(9, 4)) as score,
    case when score is not null then length(coalesce(regexp_extract(rtrim(cast(score as varchar), '0'), '\.(\d+)', 1), '')) end as score_printed_decimals,
    shortfall_reason,
    target_met,
    source_location,
    source_text
from source

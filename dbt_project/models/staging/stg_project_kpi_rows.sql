-- Performance indicators (三级指标) of each project table, typed, with the printed decimals of weights
-- and scores (for rounding tolerances).
with source as (
    select * from {{ source('raw', 'project_kpi_rows') }}
)

select
    document_id,
    cast(table_seq as integer) as table_seq,
    nullif(trim(project_code), '') as project_code,
    cast(seq as integer) as seq,
    {{ indicator_columns('source', typed=true) }},
    cast(weight as decimal(9, 4)) as weight,
    cast(weight_printed_decimals as integer) as weight_printed_decimals,
    cast(score as decimal(9, 4)) as score,
    cast(score_printed_decimals as integer) as score_printed_decimals,
    shortfall_reason,
    source_location,
    source_text
from source

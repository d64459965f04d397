-- The 合计 row of each project table: total weight and total score as printed (blank → NULL, never 0).
with source as (
    select * from {{ source('raw', 'project_total_rows') }}
)

select
    document_id,
    cast(table_seq as integer) as table_seq,
    nullif(trim(project_code), '') as project_code,
    cast(total_weight as decimal(9, 4)) as total_weight,
    total_weight_raw,
    cast(total_weight_printed_decimals as smallint) as total_weight_printed_decimals,
    cast(total_score as decimal(9, 4)) as total_score,
    total_score_raw,
    cast(total_score_printed_decimals as smallint) as total_score_printed_decimals,
    labelled,
    source_location,
    source_text
from source

-- The funding rows of each project table's 预算执行情况 block: amounts converted from the printed unit
-- to yuan (exact DECIMAL(20,2); a blank cell stays NULL), rate/weight/score as printed with their decimals.
with source as (
    select * from {{ source('raw', 'project_funding_rows') }}
)

select
    document_id,
    cast(table_seq as integer) as table_seq,
    nullif(trim(project_code), '') as project_code,
    funding,
    funding_zh,
    {{ to_yuan('initial_budget', 'unit') }} as initial_budget_yuan,
    {{ to_yuan('adjusted_budget', 'unit') }} as adjusted_budget_yuan,
    {{ to_yuan('executed', 'unit') }} as executed_yuan,
    initial_budget_raw,
    adjusted_budget_raw,
    executed_raw,
    cast(printed_decimals as integer) as printed_decimals,
    unit as printed_unit,
    cast(execution_rate_pct as decimal(9, 4)) as execution_rate_pct,
    execution_rate_raw,
    cast(execution_rate_decimals as integer) as execution_rate_printed_decimals,
    cast(weight as decimal(9, 4)) as weight,
    weight_raw,
    cast(weight_printed_decimals as smallint) as weight_printed_decimals,
    cast(score as decimal(9, 4)) as score,
    score_raw,
    -- Digits after the point of the printed score, from the parser: 9.2 → 1 (the score-sum tolerance is half a unit).
    cast(score_printed_decimals as smallint) as score_printed_decimals,
    reason,
    reason_raw,
    reason_is_boilerplate,
    source_location,
    source_text
from source

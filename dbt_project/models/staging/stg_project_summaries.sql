select
    document_id,
    cast(seq as integer) as seq,
    cast(fiscal_year as integer) as fiscal_year,
    unit_header,
    project_name,
    cast(execution_rate as decimal(9, 4)) as execution_rate_pct,
    execution_rate_raw,
    score,
    score_raw,
    stated_balance,
    stated_initial_budget,
    stated_paid,
    amount_unit,
    text as summary,
    source_location,
    source_text
from {{ source('raw', 'project_summaries') }}

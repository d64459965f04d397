-- Budget execution of each project table (预算执行情况): one row per document × project × funding row
-- (total, fiscal, fiscal_special_account, unit_own, other). Amounts in yuan, DECIMAL(20,2); a blank
-- cell stays NULL. Rate, weight and score as printed; weight and score are printed on the total row only.
select
    p.project_id,
    f.document_id,
    p.department_id,
    p.fiscal_year,
    p.table_seq,
    p.project_code,
    f.funding,
    f.funding_zh,
    f.initial_budget_yuan,
    f.adjusted_budget_yuan,
    f.executed_yuan,
    cast(f.printed_decimals as smallint) as printed_decimals,
    f.printed_unit,
    f.execution_rate_pct,
    cast(f.execution_rate_printed_decimals as smallint) as execution_rate_printed_decimals,
    f.weight,
    cast(f.weight_printed_decimals as smallint) as weight_printed_decimals,
    f.score,
    cast(f.score_printed_decimals as smallint) as score_printed_decimals,
    f.reason,
    f.reason_is_boilerplate,
    f.source_location,
    f.source_text
from {{ ref('stg_project_funding_rows') }} as f
join {{ ref('int_project_tables') }} as p using (document_id, table_seq)

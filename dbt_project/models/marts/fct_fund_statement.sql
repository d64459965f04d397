-- 政府性基金预算 / 国有资本经营预算财政拨款收入支出决算表 by functional class × column (carry-over, income,
-- expenditure total/basic/project, carry-over at the end). Most departments have no such funds and print
-- an empty statement (fct_statement.is_empty, with its note); then this mart has no row for them.
select
    document_id,
    department_id,
    fiscal_year,
    statement,
    function_code,
    row_level as level,
    row_label,
    column_key as measure,
    column_label,
    amount_yuan,
    printed_unit,
    printed_decimals,
    raw_text,
    row_seq,
    block_seq,
    column_seq,
    source_location,
    source_text
from {{ ref('int_statement_cells') }}
where statement in ('government_fund', 'state_capital') and statement_occurrence = 1 and raw_text is not null

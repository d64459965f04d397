-- 财政拨款收入支出决算总表 by line × fund: the income side's lines (this year's appropriation by budget,
-- 本年收入合计, the carry-over and its split by budget — the second print of a budget's line, row_occurrence
-- 2 — and 总计) and the expenditure side's lines (类 by name, totals) in its total and per-budget columns.
select
    document_id,
    department_id,
    fiscal_year,
    side,
    row_label as line_label,
    row_level as level,
    row_occurrence,
    function_code,
    case
        when side = 'income' then coalesce(row_key, 'total')
        else replace(column_key, 'expenditure_', '')
    end as fund,
    column_key,
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
where statement = 'fiscal_summary' and statement_occurrence = 1 and raw_text is not null

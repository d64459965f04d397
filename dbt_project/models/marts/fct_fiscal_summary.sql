-- 财政拨款收入支出决算总表 by line × fund: the income side's lines (this year's appropriation by budget,
-- 本年收入合计, the carry-over and its split by budget — the second print of a budget's line, row_occurrence
-- 2 — and 总计) and the expenditure side's lines (类 by name, totals) in its total and per-budget columns.
with lines as (
    select
        *,
        case
            when side = 'income' then coalesce(row_key, 'total')
            else replace(column_key, 'expenditure_', '')
        end as fund
    from {{ ref('int_statement_cells') }}
    where statement = 'fiscal_summary' and statement_occurrence = 1 and raw_text is not null
)

select
    s.document_id,
    s.department_id,
    s.fiscal_year,
    s.side,
    s.row_label as line_label,
    s.row_level as level,
    s.row_occurrence,
    s.function_code,
    s.fund,
    l.label_zh as fund_zh,
    s.column_key,
    s.amount_yuan,
    s.printed_unit,
    s.printed_decimals,
    s.raw_text,
    s.row_seq,
    s.block_seq,
    s.column_seq,
    s.source_location,
    s.source_text
from lines as s
left join {{ ref('code_labels') }} as l on l.vocabulary = 'fiscal_fund' and l.code = s.fund

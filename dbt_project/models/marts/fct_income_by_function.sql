-- 收入决算表: income by functional class (类/款/项, and the 合计 row) × income source, as printed (first
-- print of the statement; blank cells are not rows here — fct_statement_cell keeps them as NULL).
select
    document_id,
    department_id,
    fiscal_year,
    function_code,
    row_level as level,
    row_label as function_name,
    column_key as source,
    column_label as source_label,
    amount_yuan,
    printed_unit,
    printed_decimals,
    raw_text,
    row_seq,
    column_seq,
    source_location,
    source_text
from {{ ref('int_statement_cells') }}
where statement = 'income' and statement_occurrence = 1 and raw_text is not null
  and row_level in ('class', 'kuan', 'xiang', 'total')

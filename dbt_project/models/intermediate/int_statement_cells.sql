-- Statement cells of loaded documents, with the document's department and year, and the functional code of
-- a row: as printed, or — for the 类 lines the summary statements print by name only — the code of the
-- class of that name. `side` names the block of a two-sided statement (income / expenditure) from its
-- column key. `statement_occurrence` > 1 marks a statement printed again; typed marts read the first print.
with cells as (
    select c.*, d.department_id, d.fiscal_year, s.occurrence as statement_occurrence
    from {{ ref('stg_statement_cells') }} as c
    join {{ ref('int_documents') }} as d on d.document_id = c.document_id and d.status = 'loaded'
    join {{ ref('stg_statements') }} as s on s.document_id = c.document_id and s.statement_seq = c.statement_seq
),

class_names as (
    select function_code, name from {{ ref('function_classification') }} where level = 'class'
)

select
    c.*,
    case
        when c.statement in ('income_expenditure_summary', 'fiscal_summary') then split_part(c.column_key, '_', 1)
    end as side,
    case
        when c.row_code is not null and c.statement not in ('gpb_basic', 'organ_operating_expenses') then c.row_code
        when c.row_level = 'class' then n.function_code
    end as function_code,
    case when c.statement in ('gpb_basic', 'organ_operating_expenses') then c.row_code end as economic_code
from cells as c
left join class_names as n on c.row_level = 'class' and c.row_code is null and n.name = c.row_label

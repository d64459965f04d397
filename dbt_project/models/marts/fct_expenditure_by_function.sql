-- Expenditure by functional class, from the explanations (statement = 'text': the 类 of the structure
-- paragraph and every 类/款/项 item with its budget completion, the budget it implies and the variance
-- reason) and from the statements that print it by 类/款/项 with its 基本/项目 split (支出决算表 —
-- statement 'expenditure' — and 一般公共预算财政拨款支出决算表 — 'gpb_expenditure'), first print only.
with classes as (
    select
        f.document_id,
        f.department_id,
        f.fiscal_year,
        'text' as statement,
        'class' as level,
        c.function_code,
        f.subject as class_name,
        cast(null as varchar) as kuan_name,
        cast(null as varchar) as xiang_name,
        f.amount_yuan,
        f.printed_unit,
        f.printed_decimals,
        f.share_pct,
        f.share_printed_decimals,
        cast(null as decimal(9, 4)) as budget_completion_pct,
        cast(null as integer) as completion_printed_decimals,
        cast(null as varchar) as variance_reason,
        cast(null as decimal(20, 2)) as printed_budget_yuan,
        cast(null as varchar) as budget_kind,
        cast(null as varchar) as variance_direction,
        f.seq,
        f.extractor,
        f.layout_profile,
        f.source_location,
        f.source_text
    from {{ ref('int_figure_subjects') }} as f
    left join {{ ref('function_classification') }} as c
        on c.level = 'class' and c.name in (f.subject, f.subject || '支出')
    where f.family = 'gpb_by_class' and f.subject <> 'total' and f.statement = 'text'
),

items as (
    select
        i.document_id,
        d.department_id,
        i.fiscal_year,
        'text' as statement,
        'xiang' as level,
        i.function_code,
        i.class_name,
        i.kuan_name,
        i.xiang_name,
        i.amount_yuan,
        i.printed_unit,
        i.printed_decimals,
        cast(null as decimal(9, 4)) as share_pct,
        cast(null as integer) as share_printed_decimals,
        i.budget_completion_pct,
        i.completion_printed_decimals,
        coalesce(i.variance_reason_printed, i.variance_reason) as variance_reason,
        i.budget_yuan as printed_budget_yuan,
        i.budget_kind,
        i.variance_direction,
        i.seq,
        i.extractor,
        i.layout_profile,
        i.source_location,
        i.source_text
    from {{ ref('stg_gpb_items') }} as i
    join {{ ref('int_documents') }} as d on d.document_id = i.document_id and d.status = 'loaded'
),

statement_rows as (
    select
        document_id, department_id, fiscal_year, statement, row_seq, row_level, function_code, row_label,
        max(amount_yuan) filter (where column_key = 'total') as amount_yuan,
        max(printed_unit) filter (where column_key = 'total') as printed_unit,
        max(printed_decimals) filter (where column_key = 'total') as printed_decimals,
        max(amount_yuan) filter (where column_key = 'basic') as basic_amount_yuan,
        max(amount_yuan) filter (where column_key = 'project') as project_amount_yuan,
        coalesce(any_value(source_location) filter (where column_key = 'total'), any_value(source_location))
            as source_location,
        any_value(source_text) as source_text,
        any_value(extractor) as extractor,
        any_value(layout_profile) as layout_profile
    from {{ ref('int_statement_cells') }}
    where statement in ('expenditure', 'gpb_expenditure') and statement_occurrence = 1
      and row_level in ('class', 'kuan', 'xiang')
    group by document_id, department_id, fiscal_year, statement, row_seq, row_level, function_code, row_label
),

from_statements as (
    select
        r.document_id,
        r.department_id,
        r.fiscal_year,
        r.statement,
        r.row_level as level,
        r.function_code,
        coalesce(c.row_label, case when r.row_level = 'class' then r.row_label end) as class_name,
        case when r.row_level = 'kuan' then r.row_label else k.row_label end as kuan_name,
        case when r.row_level = 'xiang' then r.row_label end as xiang_name,
        r.amount_yuan,
        r.printed_unit,
        r.printed_decimals,
        cast(null as decimal(9, 4)) as share_pct,
        cast(null as integer) as share_printed_decimals,
        cast(null as decimal(9, 4)) as budget_completion_pct,
        cast(null as integer) as completion_printed_decimals,
        cast(null as varchar) as variance_reason,
        cast(null as decimal(20, 2)) as printed_budget_yuan,
        cast(null as varchar) as budget_kind,
        cast(null as varchar) as variance_direction,
        r.row_seq as seq,
        r.extractor,
        r.layout_profile,
        r.source_location,
        r.source_text,
        r.basic_amount_yuan,
        r.project_amount_yuan
    from statement_rows as r
    left join statement_rows as c
        on c.document_id = r.document_id and c.statement = r.statement and c.row_level = 'class'
       and r.row_level <> 'class' and c.function_code = left(r.function_code, 3)
    left join statement_rows as k
        on k.document_id = r.document_id and k.statement = r.statement and k.row_level = 'kuan'
       and r.row_level = 'xiang' and k.function_code = left(r.function_code, 5)
),

from_text as (
    select
        *,
        cast(null as decimal(20, 2)) as basic_amount_yuan,
        cast(null as decimal(20, 2)) as project_amount_yuan
    from (select * from classes union all select * from items)
)

select
    * exclude (printed_budget_yuan) replace (
        cast(printed_decimals as smallint) as printed_decimals,
        cast(share_printed_decimals as smallint) as share_printed_decimals,
        cast(completion_printed_decimals as smallint) as completion_printed_decimals
    ),
    -- The budget as printed (the national template prints 年初预算 / 全年预算), else the one the printed
    -- completion rate implies (amount ÷ rate): budget_basis says which.
    coalesce(
        printed_budget_yuan,
        case when budget_completion_pct > 0 then cast(amount_yuan * 100 / budget_completion_pct as decimal(20, 2)) end
    ) as budget_amount_yuan,
    case
        when printed_budget_yuan is not null then 'reported'
        when budget_completion_pct > 0 then 'derived'
    end as budget_basis
from (select * from from_text union all by name select * from from_statements)

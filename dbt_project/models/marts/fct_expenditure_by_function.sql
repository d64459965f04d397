-- General-public-budget expenditure by functional class: the 类 totals of the structure statement and
-- every 类/款/项 item with its budget completion, the budget it implies, and the variance reason.
with classes as (
    select
        f.document_id,
        f.department_id,
        f.fiscal_year,
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
        f.seq,
        f.source_location,
        f.source_text
    from {{ ref('int_figure_subjects') }} as f
    left join {{ ref('dim_function_class') }} as c
        on c.level = 'class' and c.name in (f.subject, f.subject || '支出')
    where f.family = 'gpb_by_class' and f.subject <> 'total'
),

items as (
    select
        i.document_id,
        d.department_id,
        i.fiscal_year,
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
        i.variance_reason,
        i.seq,
        i.source_location,
        i.source_text
    from {{ ref('stg_gpb_items') }} as i
    join {{ ref('int_documents') }} as d on d.document_id = i.document_id and d.status = 'loaded'
)

select
    *,
    -- The budget the printed completion rate implies (amount ÷ rate); derived, not printed.
    case when budget_completion_pct > 0
        then cast(amount_yuan * 100 / budget_completion_pct as decimal(20, 2))
    end as budget_amount_yuan
from (select * from classes union all select * from items)

-- 一般公共预算财政拨款基本支出决算表: basic expenditure by economic class (301, 302 …) and item (30101 …),
-- each with its category — personnel (人员经费: 301 + 303) or public (公用经费: 302 + 310) per the national
-- template (seed economic_classes) — and the printed 人员经费合计 / 公用经费合计 lines (level total).
with cells as (
    select *
    from {{ ref('int_statement_cells') }}
    where statement = 'gpb_basic' and statement_occurrence = 1 and raw_text is not null
),

categorised as (
    select
        c.*,
        case
            when c.row_level = 'total' and c.row_label like '人员经费%' then 'personnel'
            when c.row_level = 'total' and c.row_label like '公用经费%' then 'public'
            else coalesce(e.category, 'other')
        end as category
    from cells as c
    left join {{ ref('economic_classes') }} as e on e.economic_class = left(c.economic_code, 3)
)

select
    c.document_id,
    c.department_id,
    c.fiscal_year,
    c.economic_code,
    c.row_label as economic_name,
    c.row_level as level,
    c.category,
    l.label_zh as category_zh,
    c.amount_yuan,
    c.printed_unit,
    c.printed_decimals,
    c.raw_text,
    c.row_seq,
    c.block_seq,
    c.source_location,
    c.source_text
from categorised as c
left join {{ ref('code_labels') }} as l on l.vocabulary = 'economic_category' and l.code = c.category

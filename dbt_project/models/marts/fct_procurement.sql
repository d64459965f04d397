-- Government procurement by category; sme and small_micro are contracts awarded (shares of the total). The
-- national template also prints the budgets reserved for SMEs and small/micro enterprises (budget_amount_yuan)
-- and what they and the other procurement projects awarded to them.
with categories as (
    select
        document_id, department_id, fiscal_year,
        case when family = 'totals' then 'total' else subject end as category,
        amount_yuan, printed_unit, printed_decimals, budget_amount_yuan, share_pct, share_printed_decimals,
        seq, extractor, layout_profile, source_location, source_text
    from {{ ref('int_figure_subjects') }}
    where (family = 'totals' and subject = 'procurement_total')
       or (family = 'procurement' and (amount_yuan is not null or budget_amount_yuan is not null))
)

select
    c.document_id, c.department_id, c.fiscal_year,
    c.category,
    l.label_zh as category_zh,
    c.amount_yuan, c.printed_unit, cast(c.printed_decimals as smallint) as printed_decimals,
    c.budget_amount_yuan, c.share_pct, cast(c.share_printed_decimals as smallint) as share_printed_decimals,
    c.seq, c.extractor, c.layout_profile, c.source_location, c.source_text
from categories as c
left join {{ ref('code_labels') }} as l on l.vocabulary = 'procurement_category' and l.code = c.category

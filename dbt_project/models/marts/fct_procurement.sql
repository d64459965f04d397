-- Government procurement by category; sme and small_micro are contracts awarded (shares of the total). The
-- national template also prints the budgets reserved for SMEs and small/micro enterprises (budget_amount_yuan)
-- and what they and the other procurement projects awarded to them.
select
    document_id, department_id, fiscal_year,
    case when family = 'totals' then 'total' else subject end as category,
    amount_yuan, printed_unit, printed_decimals, budget_amount_yuan, share_pct, share_printed_decimals,
    seq, extractor, layout_profile, source_location, source_text
from {{ ref('int_figure_subjects') }}
where (family = 'totals' and subject = 'procurement_total')
   or (family = 'procurement' and (amount_yuan is not null or budget_amount_yuan is not null))

-- Government procurement by category; sme and small_micro are contracts awarded (shares of the total).
select
    document_id, department_id, fiscal_year,
    case when family = 'totals' then 'total' else subject end as category,
    amount_yuan, printed_unit, printed_decimals, share_pct, share_printed_decimals,
    seq, source_location, source_text
from {{ ref('int_figure_subjects') }}
where (family = 'totals' and subject = 'procurement_total')
   or (family = 'procurement' and amount_yuan is not null)

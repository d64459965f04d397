-- Every total the narrative prints for the report's own year, with its printed change against the prior year.
select
    document_id,
    department_id,
    subject as measure,
    fiscal_year,
    max(amount_yuan) filter (where measure = 'amount') as amount_yuan,
    max(printed_unit) filter (where measure = 'amount') as printed_unit,
    max(printed_decimals) filter (where measure = 'amount') as printed_decimals,
    max(amount_yuan) filter (where measure = 'change') as change_amount_yuan,
    max(printed_decimals) filter (where measure = 'change') as change_printed_decimals,
    max(pct) filter (where measure = 'growth') as growth_pct,
    max(printed_decimals) filter (where measure = 'growth') as growth_printed_decimals,
    max(compared_year) as compared_year,
    max(text_value) filter (where measure = 'change_reason') as change_reason,
    max(pct) filter (where measure = 'completion') as budget_completion_pct,
    max(pct) filter (where measure = 'share') as share_pct,
    any_value(source_location) filter (where measure = 'amount') as source_location,
    any_value(source_text) filter (where measure = 'amount') as source_text
from {{ ref('int_loaded_figures') }}
where family = 'totals'
group by document_id, department_id, subject, fiscal_year

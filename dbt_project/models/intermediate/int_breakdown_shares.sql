-- Income-by-source and expenditure-by-type rows: one row per category with amount and share side by side.
select
    document_id,
    department_id,
    family,
    subject,
    any_value(subject_zh) as subject_zh,
    any_value(fiscal_year) as fiscal_year,
    min(seq) as seq,
    max(amount_yuan) filter (where measure = 'amount') as amount_yuan,
    max(printed_decimals) filter (where measure = 'amount') as printed_decimals,
    max(printed_unit) filter (where measure = 'amount') as printed_unit,
    max(pct) filter (where measure = 'share') as share_pct,
    max(printed_decimals) filter (where measure = 'share') as share_printed_decimals,
    max(raw_text) filter (where measure = 'amount') as amount_raw_text,
    bool_or(parse_error is not null) as has_parse_error,
    any_value(source_location) as source_location,
    any_value(source_text) as source_text
from {{ ref('int_loaded_figures') }}
where family in ('income_by_source', 'expenditure_by_type') and subject <> 'total'
group by document_id, department_id, family, subject

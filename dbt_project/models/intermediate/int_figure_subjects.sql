-- Figures pivoted to one row per document × statement × family × subject × year: the printed measures
-- of one subject (amount, share, change, growth, completion, count, texts) side by side. List entries
-- (subjects ending in _item, e.g. the reception breakdown) are not pivoted — they stay in fct_figure —
-- and the singular test assert_one_figure_per_pivot_key fails if two figures would collapse here. A figure
-- printed in the text and in a statement is two rows (statement = 'text' / the statement's code).
select
    document_id,
    department_id,
    statement,
    family,
    subject,
    fiscal_year,
    any_value(subject_zh) as subject_zh,
    min(seq) as seq,
    max(amount_yuan) filter (where measure = 'amount') as amount_yuan,
    max(printed_unit) filter (where measure = 'amount') as printed_unit,
    max(printed_decimals) filter (where measure = 'amount') as printed_decimals,
    max(raw_text) filter (where measure = 'amount') as amount_raw_text,
    max(pct) filter (where measure = 'share') as share_pct,
    max(printed_decimals) filter (where measure = 'share') as share_printed_decimals,
    max(amount_yuan) filter (where measure = 'change') as change_amount_yuan,
    max(printed_decimals) filter (where measure = 'change') as change_printed_decimals,
    max(pct) filter (where measure = 'growth') as growth_pct,
    max(printed_decimals) filter (where measure = 'growth') as growth_printed_decimals,
    max(compared_year) filter (where measure in ('change', 'growth')) as compared_year,
    max(amount_yuan) filter (where measure = 'budget') as budget_amount_yuan,
    max(pct) filter (where measure = 'completion') as budget_completion_pct,
    max(printed_decimals) filter (where measure = 'completion') as completion_printed_decimals,
    max(printed_value) filter (where measure = 'count') as count_value,
    max(text_value) filter (where measure = 'change_reason') as change_reason,
    max(text_value) filter (where measure = 'variance_reason') as variance_reason,
    -- direction words: increase / decrease / flat against the prior year; greater / less / equal / flat
    -- of the actual against the budget; none for a printed "无…"
    max(text_value) filter (where measure = 'direction') as change_direction,
    max(text_value) filter (where measure = 'variance_direction') as variance_direction,
    max(text_value) filter (where measure = 'absence') as absence,
    bool_or(parse_error is not null) as has_parse_error,
    -- which extractor(s) and layout profile produced the figures of this row
    string_agg(distinct extractor, ', ' order by extractor) as extractor,
    any_value(layout_profile) as layout_profile,
    coalesce(
        any_value(source_location) filter (where measure = 'amount'),
        any_value(source_location)
    ) as source_location,
    coalesce(
        any_value(source_text) filter (where measure = 'amount'),
        any_value(source_text)
    ) as source_text
from {{ ref('int_loaded_figures') }}
where not ends_with(subject, '_item')
group by document_id, department_id, statement, family, subject, fiscal_year

-- One row per document × measure × year × place printed: the printed (reported) totals of the report's
-- year, and the prior-year totals derived from the printed change (prior = current − change; 2 rounded
-- terms). `statement` is 'text' for the explanations, a statement's code for a figure of its table;
-- measure_zh is the measure's label (seed code_labels).
with reported as (
    select *, subject as measure
    from {{ ref('int_figure_subjects') }}
    where family = 'totals'
),

derived as (
    select
        document_id,
        department_id,
        statement,
        measure,
        compared_year as fiscal_year,
        cast(amount_yuan - change_amount_yuan as decimal(20, 2)) as amount_yuan,
        printed_unit,
        cast(greatest(printed_decimals, change_printed_decimals) as smallint) as printed_decimals,
        'derived' as basis,
        'amount ' || fiscal_year || ' − change vs ' || compared_year || ' (' || source_location || ')' as derivation,
        2 as rounded_terms,
        cast(null as decimal(20, 2)) as change_amount_yuan,
        cast(null as smallint) as change_printed_decimals,
        cast(null as decimal(9, 4)) as growth_pct,
        cast(null as smallint) as growth_printed_decimals,
        cast(null as integer) as compared_year,
        cast(null as varchar) as change_reason,
        cast(null as varchar) as variance_reason,
        cast(null as decimal(9, 4)) as budget_completion_pct,
        cast(null as decimal(9, 4)) as share_pct,
        cast(null as varchar) as change_direction,
        cast(null as varchar) as variance_direction,
        cast(null as decimal(20, 2)) as budget_amount_yuan,
        extractor,
        layout_profile,
        source_location,
        source_text
    from reported
    where compared_year is not null and amount_yuan is not null and change_amount_yuan is not null
),

reported_and_derived as (
    select
        document_id,
        department_id,
        statement,
        measure,
        fiscal_year,
        amount_yuan,
        printed_unit,
        cast(printed_decimals as smallint) as printed_decimals,
        'reported' as basis,
        cast(null as varchar) as derivation,
        1 as rounded_terms,
        change_amount_yuan,
        cast(change_printed_decimals as smallint) as change_printed_decimals,
        growth_pct,
        cast(growth_printed_decimals as smallint) as growth_printed_decimals,
        compared_year,
        change_reason,
        variance_reason,
        budget_completion_pct,
        share_pct,
        change_direction,
        variance_direction,
        budget_amount_yuan,
        extractor,
        layout_profile,
        source_location,
        source_text
    from reported
    union all
    select * from derived
)

select
    t.*,
    l.label_zh as measure_zh
from reported_and_derived as t
left join {{ ref('code_labels') }} as l on l.vocabulary = 'totals_measure' and l.code = t.measure

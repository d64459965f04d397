-- “三公” expenditure by component, with budget completion, change against the prior year, share,
-- and the counts printed beside each component (INTEGER); component_zh is the label of seed code_labels.
with components as (
    select
        document_id, department_id, statement, fiscal_year,
        case when family = 'totals' then 'total' else subject end as component,
        amount_yuan, printed_unit, printed_decimals, budget_amount_yuan, budget_completion_pct, completion_printed_decimals,
        change_amount_yuan, change_printed_decimals, growth_pct, growth_printed_decimals, compared_year,
        share_pct, share_printed_decimals, change_reason, variance_reason, change_direction, variance_direction,
        absence, seq, extractor, layout_profile, source_location, source_text
    from {{ ref('int_figure_subjects') }}
    where (family = 'totals' and subject = 'three_public_total')
       or (family = 'three_public' and (amount_yuan is not null or budget_amount_yuan is not null
                                        or change_direction is not null or absence is not null))
),

counts as (
    select
        document_id,
        max({{ to_count('count_value') }}) filter (where subject = 'delegations') as delegations,
        max({{ to_count('count_value') }}) filter (where subject = 'outbound_persons') as outbound_persons,
        max({{ to_count('count_value') }}) filter (where subject = 'reception_batches') as reception_batches,
        max({{ to_count('count_value') }}) filter (where subject = 'reception_persons') as reception_persons,
        max({{ to_count('count_value') }}) filter (where subject = 'vehicles_purchased') as vehicles_purchased
    from {{ ref('int_figure_subjects') }}
    where family = 'three_public' and statement = 'text'
    group by document_id
)

select
    c.* replace (
        cast(c.printed_decimals as smallint) as printed_decimals,
        cast(c.completion_printed_decimals as smallint) as completion_printed_decimals,
        cast(c.change_printed_decimals as smallint) as change_printed_decimals,
        cast(c.growth_printed_decimals as smallint) as growth_printed_decimals,
        cast(c.share_printed_decimals as smallint) as share_printed_decimals
    ),
    l.label_zh as component_zh,
    -- the hierarchy, so that summing components never double-counts
    case
        when c.component = 'total' then null
        when c.component in ('vehicle_purchase', 'vehicle_operation') then 'vehicle_purchase_and_operation'
        when c.component in ('domestic_reception', 'foreign_reception') then 'official_reception'
        when c.component like 'vehicles_purchased_%' then 'vehicle_purchase'
        else 'total'
    end as parent_component,
    case c.component when 'outbound_travel' then n.delegations end as groups,
    case c.component
        when 'outbound_travel' then n.outbound_persons
        when 'official_reception' then n.reception_persons
        when 'domestic_reception' then n.reception_persons
    end as persons,
    case when c.component in ('official_reception', 'domestic_reception') then n.reception_batches end as batches,
    case c.component when 'vehicle_purchase' then n.vehicles_purchased end as vehicles
from components as c
left join counts as n on n.document_id = c.document_id and c.statement = 'text'
left join {{ ref('code_labels') }} as l on l.vocabulary = 'three_public_component' and l.code = c.component

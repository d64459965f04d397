-- Multi-year trend of every total: one row per department × measure × fiscal year across all loaded
-- reports. A year's amount is the figure reported by that year's own report when there is one, else
-- the prior-year figure derived from the next year's report; where both exist and disagree beyond
-- printed rounding, `derived_disagrees` flags it.
with totals as (
    select
        t.*,
        d.is_current,
        {{ half_unit_yuan('t.printed_decimals', 't.printed_unit') }} as half_unit_yuan
    from {{ ref('fct_totals') }} as t
    join {{ ref('dim_document') }} as d using (document_id)
    where t.amount_yuan is not null
    -- one source per document and measure: the explanations' figure where the text prints it, else the
    -- statement's (a figure printed in both is compared by the checks, not mixed here)
    qualify row_number() over (partition by t.document_id, t.measure, t.fiscal_year, t.basis
                               order by t.statement = 'text' desc, t.statement) = 1
),

by_basis as (
    select
        department_id,
        measure,
        fiscal_year,
        -- several documents can report the same year (a report in two formats, a re-issue): the current
        -- one (dim_document.is_current) is used; reported_versions counts the distinct amounts of all
        max(amount_yuan) filter (where basis = 'reported' and is_current) as reported_amount_yuan,
        max(document_id) filter (where basis = 'reported' and is_current) as reported_document_id,
        max(source_location) filter (where basis = 'reported' and is_current) as reported_location,
        count(distinct amount_yuan) filter (where basis = 'reported') as reported_versions,
        max(amount_yuan) filter (where basis = 'derived' and is_current) as derived_amount_yuan,
        max(document_id) filter (where basis = 'derived' and is_current) as derived_document_id,
        -- rounding envelope: the reported figure (1 term) plus the derived one (current − change, 2 terms)
        max(half_unit_yuan * rounded_terms) filter (where basis = 'derived' and is_current)
            + max(half_unit_yuan) filter (where basis = 'reported' and is_current)
            as tolerance_yuan
    from totals
    group by department_id, measure, fiscal_year
    having count(*) filter (where is_current) > 0
),

years as (
    select
        *,
        coalesce(reported_amount_yuan, derived_amount_yuan) as amount_yuan,
        case when reported_amount_yuan is not null then 'reported' else 'derived' end as basis,
        lag(fiscal_year) over w as previous_year,
        lag(coalesce(reported_amount_yuan, derived_amount_yuan)) over w as previous_amount_yuan
    from by_basis
    window w as (partition by department_id, measure order by fiscal_year)
)

select
    y.department_id,
    y.measure,
    l.label_zh as measure_zh,
    y.fiscal_year,
    y.amount_yuan,
    y.basis,
    {{ year_over_year('y.amount_yuan', 'y.previous_amount_yuan', 'y.fiscal_year', 'y.previous_year') }},
    y.reported_amount_yuan,
    y.derived_amount_yuan,
    -- NULL (unknown) when there is nothing to compare or the printed precision is unknown
    abs(y.reported_amount_yuan - y.derived_amount_yuan) > y.tolerance_yuan as derived_disagrees,
    y.reported_versions > 1 as reported_versions_disagree,
    y.reported_document_id,
    y.reported_location,
    y.derived_document_id
from years as y
left join {{ ref('code_labels') }} as l on l.vocabulary = 'totals_measure' and l.code = y.measure

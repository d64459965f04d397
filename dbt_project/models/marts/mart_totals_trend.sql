-- Multi-year trend of every total: one row per department × measure × fiscal year across all loaded
-- reports. A year's amount is the figure reported by that year's own report when there is one, else
-- the prior-year figure derived from the next year's report; where both exist and disagree beyond
-- printed rounding, `derived_disagrees` flags it.
with totals as (
    select
        t.*,
        case t.printed_unit when '亿元' then 100000000 when '万元' then 10000 else 1 end as unit_scale
    from {{ ref('fct_totals') }} as t
),

by_basis as (
    select
        department_id,
        measure,
        fiscal_year,
        -- several documents can report the same year (a report in two formats, a corrected re-issue):
        -- take the one with the smallest document_id, deterministically, and count them
        arg_min(amount_yuan, document_id) filter (where basis = 'reported') as reported_amount_yuan,
        arg_min(document_id, document_id) filter (where basis = 'reported') as reported_document_id,
        arg_min(source_location, document_id) filter (where basis = 'reported') as reported_location,
        count(distinct amount_yuan) filter (where basis = 'reported') as reported_versions,
        arg_min(amount_yuan, document_id) filter (where basis = 'derived') as derived_amount_yuan,
        arg_min(document_id, document_id) filter (where basis = 'derived') as derived_document_id,
        -- rounding envelope: the reported figure (1 term) plus the derived one (current − change, 2 terms)
        max(unit_scale * 0.5 / pow(10, printed_decimals) * rounded_terms) filter (where basis = 'derived')
            + coalesce(max(unit_scale * 0.5 / pow(10, printed_decimals)) filter (where basis = 'reported'), 0)
            as tolerance_yuan
    from totals
    group by department_id, measure, fiscal_year
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
    department_id,
    measure,
    fiscal_year,
    amount_yuan,
    basis,
    case when previous_year = fiscal_year - 1 then previous_amount_yuan end as prior_year_amount_yuan,
    case when previous_year = fiscal_year - 1
        then cast(amount_yuan - previous_amount_yuan as decimal(20, 2)) end as change_amount_yuan,
    case when previous_year = fiscal_year - 1 and previous_amount_yuan <> 0
        then cast(round((amount_yuan - previous_amount_yuan) * 100 / previous_amount_yuan, 4) as decimal(9, 4))
    end as growth_pct,
    reported_amount_yuan,
    derived_amount_yuan,
    coalesce(abs(reported_amount_yuan - derived_amount_yuan) > tolerance_yuan, false) as derived_disagrees,
    reported_versions > 1 as reported_versions_disagree,
    reported_document_id,
    reported_location,
    derived_document_id
from years

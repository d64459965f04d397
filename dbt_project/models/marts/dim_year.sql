-- Fiscal years: those reported by a loaded document and those only derived from a later report.
with years as (
    select fiscal_year, true as is_reported from {{ ref('int_documents') }} where status = 'loaded'
    union all
    select fiscal_year, basis = 'reported' from {{ ref('fct_totals') }}
)

select
    fiscal_year,
    bool_or(is_reported) as has_report
from years
where fiscal_year is not null
group by fiscal_year

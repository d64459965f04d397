-- Authorised posts (编制) and people in service (在职) by category, plus retirees.
with staffing as (
    select
        document_id, department_id, fiscal_year, source_location, source_text,
        regexp_extract(subject, '^(authorized|in_service|retired)_(.+)$', 1) as kind,
        regexp_extract(subject, '^(authorized|in_service|retired)_(.+)$', 2) as category,
        count_value
    from {{ ref('int_figure_subjects') }}
    where family = 'staffing'
)

select
    document_id,
    department_id,
    fiscal_year,
    case when kind = 'retired' then 'retired_' || category else category end as category,
    max(count_value) filter (where kind = 'authorized') as authorized,
    max(count_value) filter (where kind = 'in_service') as in_service,
    max(count_value) filter (where kind = 'retired') as retired,
    any_value(source_location) as source_location,
    any_value(source_text) as source_text
from staffing
group by all

-- Authorised posts (编制) and people in service (在职) by category, plus retirees; counts are INTEGER.
with staffing as (
    select
        document_id, department_id, fiscal_year, source_location, source_text,
        regexp_extract(subject, '^(authorized|in_service|retired)_(.+)$', 1) as kind,
        regexp_extract(subject, '^(authorized|in_service|retired)_(.+)$', 2) as category,
        count_value
    from {{ ref('int_figure_subjects') }}
    where family = 'staffing'
),

by_category as (
    select
        document_id,
        department_id,
        fiscal_year,
        case when kind = 'retired' then 'retired_' || category else category end as category,
        max({{ to_count('count_value') }}) filter (where kind = 'authorized') as authorized,
        max({{ to_count('count_value') }}) filter (where kind = 'in_service') as in_service,
        max({{ to_count('count_value') }}) filter (where kind = 'retired') as retired,
        any_value(source_location) as source_location,
        any_value(source_text) as source_text
    from staffing
    group by all
)

select
    s.document_id,
    s.department_id,
    s.fiscal_year,
    s.category,
    l.label_zh as category_zh,
    s.authorized,
    s.in_service,
    s.retired,
    s.source_location,
    s.source_text
from by_category as s
left join {{ ref('code_labels') }} as l on l.vocabulary = 'staffing_category' and l.code = s.category

-- The department itself and each subordinate unit, with its category as printed in the report.
select
    {{ stable_id('unit', ['d.department_id', 'u.unit_name']) }} as unit_id,
    d.department_id,
    u.unit_name,
    u.unit_category,
    u.unit_category_printed,
    u.is_department_itself,
    u.seq,
    u.document_id,
    d.fiscal_year,
    u.source_location,
    u.source_text
from {{ ref('stg_units') }} as u
join {{ ref('int_documents') }} as d on d.document_id = u.document_id and d.status = 'loaded'
-- one row per unit: the latest report's description
qualify row_number() over (partition by d.department_id, u.unit_name order by d.fiscal_year desc, u.document_id) = 1

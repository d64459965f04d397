select
    document_id,
    cast(seq as integer) as seq,
    unit_name,
    unit_category,
    unit_category_printed,
    category_source_location,
    is_department_itself,
    source_location,
    source_text
from {{ source('raw', 'units') }}

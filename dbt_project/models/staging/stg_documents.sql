with source as (
    select * from {{ source('raw', 'documents') }}
)

select
    document_id,
    source_file,
    file_format,
    doc_kind,
    department_name,
    cast(fiscal_year as integer) as fiscal_year,
    region,
    admin_level,
    status,
    quarantine_reason,
    byte_size,
    cast(ingested_at as timestamptz) as ingested_at,
    layout_profile,
    layout_detection
from source

select
    document_id,
    extractor,
    severity,
    message,
    source_location,
    source_text
from {{ source('raw', 'extraction_issues') }}

select
    document_id,
    source_file
from {{ source('raw', 'document_files') }}

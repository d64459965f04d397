select
    document_id,
    cast(block_seq as integer) as block_seq,
    cast(row_seq as integer) as row_seq,
    cast(col_seq as integer) as col_seq,
    kind,
    source_location,
    text as source_text
from {{ source('raw', 'source_text') }}

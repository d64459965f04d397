select
    document_id,
    cast(seq as integer) as seq,
    seq_printed,
    term,
    definition,
    source_location,
    source_text
from {{ source('raw', 'glossary') }}

select
    document_id,
    cast(seq as integer) as seq,
    seq_printed,
    cast(seq_number as integer) as seq_number,
    term,
    definition,
    source_location,
    source_text
from {{ source('raw', 'glossary') }}

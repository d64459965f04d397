with source as (
    select * from {{ source('raw', 'statements') }}
)

select
    document_id,
    cast(statement_seq as integer) as statement_seq,
    statement,
    statement_title,
    cast(occurrence as integer) as occurrence,
    printed_unit,
    is_empty,
    note,
    cast(header_rows as integer) as header_rows,
    cast(data_rows as integer) as data_rows,
    cast(value_cells as integer) as value_cells,
    cast(printed_cells as integer) as printed_cells,
    column_keys,
    column_labels,
    source_location,
    source_text,
    extractor,
    layout_profile
from source

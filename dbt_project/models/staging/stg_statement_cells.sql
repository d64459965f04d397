with source as (
    select * from {{ source('raw', 'statement_cells') }}
)

select
    document_id,
    cast(statement_seq as integer) as statement_seq,
    statement,
    statement_title,
    cast(row_seq as integer) as row_seq,
    cast(block_seq as integer) as block_seq,
    row_code,
    row_label,
    row_level,
    row_key,
    cast(row_occurrence as integer) as row_occurrence,
    cast(column_seq as integer) as column_seq,
    column_key,
    column_label,
    raw_text,
    value as printed_value,
    printed_unit,
    cast(printed_decimals as smallint) as printed_decimals,
    case when printed_unit in ('万元', '亿元', '元') then {{ to_yuan('value', 'printed_unit') }} end as amount_yuan,
    parse_error,
    source_location,
    source_text,
    extractor,
    layout_profile
from source

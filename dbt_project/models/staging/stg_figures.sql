with source as (
    select * from {{ source('raw', 'figures') }}
)

select
    document_id,
    family,
    subject,
    measure,
    cast(fiscal_year as integer) as fiscal_year,
    cast(compared_year as integer) as compared_year,
    value as printed_value,
    unit as printed_unit,
    cast(printed_decimals as integer) as printed_decimals,
    case when unit in ('万元', '亿元', '元') then {{ to_yuan('value', 'unit') }} end as amount_yuan,
    case when unit = '%' then cast(value as decimal(9, 4)) end as pct,
    raw_text,
    text_value,
    subject_zh,
    cast(seq as integer) as seq,
    source_location,
    source_text,
    parse_error,
    -- where the figure was printed: the explanations ('text') or a statement (its code)
    coalesce(statement, 'text') as statement,
    extractor,
    layout_profile
from source

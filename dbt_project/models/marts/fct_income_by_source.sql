-- Income by source (本年收入 by 来源): all eight sources of the template, zero ones included.
select
    document_id,
    department_id,
    statement,
    fiscal_year,
    subject as source,
    subject_zh as source_name_zh,
    amount_yuan,
    printed_unit,
    cast(printed_decimals as smallint) as printed_decimals,
    share_pct,
    cast(share_printed_decimals as smallint) as share_printed_decimals,
    'reported' as basis,
    seq,
    extractor,
    layout_profile,
    source_location,
    source_text
from {{ ref('int_figure_subjects') }}
where family = 'income_by_source' and subject <> 'total'

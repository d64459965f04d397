-- Expenditure by type (本年支出 by 性质): basic, project, remittance to superior, operating, subsidies.
select
    document_id,
    department_id,
    statement,
    fiscal_year,
    subject as expenditure_type,
    subject_zh as expenditure_type_zh,
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
where family = 'expenditure_by_type' and subject <> 'total'

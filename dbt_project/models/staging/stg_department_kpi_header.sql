-- Head of the department-wide KPI table (部门整体支出绩效目标完成情况自评表): funds in yuan, goal as printed.
with source as (
    select * from {{ source('raw', 'department_kpi_header') }}
)

select
    document_id,
    department_label,
    {{ to_yuan('total_funds', 'unit') }} as total_funds_yuan,
    {{ to_yuan('fiscal_funds', 'unit') }} as fiscal_funds_yuan,
    {{ to_yuan('other_funds', 'unit') }} as other_funds_yuan,
    total_funds_raw,
    fiscal_funds_raw,
    other_funds_raw,
    cast(printed_decimals as integer) as printed_decimals,
    unit as printed_unit,
    annual_goal,
    source_location,
    source_text
from source

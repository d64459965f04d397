-- The annual main tasks (年度主要任务) of the department-wide KPI table, as printed.
with source as (
    select * from {{ source('raw', 'department_kpi_tasks') }}
)

select
    document_id,
    cast(task_seq as integer) as task_seq,
    task_name,
    content,
    source_location,
    source_text
from source

-- Annual main tasks (年度主要任务) of the department-wide KPI table: one row per document × task.
select
    t.document_id,
    d.department_id,
    d.fiscal_year,
    t.task_seq,
    t.task_name,
    t.content,
    t.source_location,
    t.source_text
from {{ ref('stg_department_kpi_tasks') }} as t
join {{ ref('int_documents') }} as d using (document_id)
where d.status = 'loaded'

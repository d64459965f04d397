-- Self-evaluation scores: the department overall (§十 and annex 1), each special project (§十, annex 2), and
-- the average score of the projects a national-template report says it self-evaluated (十、预算绩效管理情况).
select
    document_id, department_id, fiscal_year,
    case when subject = 'department_overall' then 'department_overall' else 'project' end as subject,
    coalesce(subject_zh, case when family = 'performance' then '绩效自评项目平均得分' end) as subject_name,
    case when family = 'performance' then 'self_evaluation_average' else measure end as score_source,
    cast(printed_value as decimal(9, 4)) as score,
    cast(printed_decimals as smallint) as printed_decimals,
    seq,
    source_location,
    source_text,
    source_text as summary
from {{ ref('int_loaded_figures') }}
where (family = 'performance_evaluation' and printed_value is not null)
   or (family = 'special_evaluation' and measure = 'total_score')
   or (family = 'performance' and subject = 'self_evaluation' and measure = 'score')

-- Self-evaluation scores: the department overall (§十 and annex 1) and each special project (§十, annex 2).
select
    document_id, department_id, fiscal_year,
    case when subject = 'department_overall' then 'department_overall' else 'project' end as subject,
    subject_zh as subject_name,
    measure as score_source,
    cast(printed_value as decimal(9, 4)) as score,
    printed_decimals,
    seq,
    source_location,
    source_text,
    source_text as summary
from {{ ref('int_loaded_figures') }}
where (family = 'performance_evaluation' and printed_value is not null)
   or (family = 'special_evaluation' and measure = 'total_score')

-- Annex-2 special-project evaluation reports: each indicator's maximum and self-assessed score.
select
    i.document_id,
    d.department_id,
    d.fiscal_year,
    i.report_seq,
    i.report_title,
    i.category,
    i.seq,
    i.indicator_name,
    cast(i.max_score as decimal(9, 4)) as max_score,
    cast(i.score as decimal(9, 4)) as score,
    i.source_location,
    i.source_text
from {{ ref('stg_special_evaluation_indicators') }} as i
join {{ ref('int_documents') }} as d on d.document_id = i.document_id and d.status = 'loaded'

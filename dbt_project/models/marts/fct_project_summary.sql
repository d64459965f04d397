-- Annex-1 per-project narrative summaries: what the narrative says of each project's execution and
-- score, to compare with the project self-evaluation tables (fct_project_budget, fct_project_score).
select
    s.document_id,
    d.department_id,
    s.fiscal_year,
    s.seq,
    s.unit_header,
    s.project_name,
    s.execution_rate_pct,
    cast(s.score as decimal(9, 4)) as score,
    {{ to_yuan('s.stated_balance', 's.amount_unit') }} as stated_balance_yuan,
    {{ to_yuan('s.stated_initial_budget', 's.amount_unit') }} as stated_initial_budget_yuan,
    {{ to_yuan('s.stated_paid', 's.amount_unit') }} as stated_paid_yuan,
    s.stated_balance,
    s.stated_initial_budget,
    s.stated_paid,
    s.amount_unit as printed_unit,
    s.summary,
    s.source_location,
    s.source_text
from {{ ref('stg_project_summaries') }} as s
join {{ ref('int_documents') }} as d on d.document_id = s.document_id and d.status = 'loaded'

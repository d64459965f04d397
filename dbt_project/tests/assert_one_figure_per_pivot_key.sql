-- int_figure_subjects pivots figures with max(): two figures of one document × family × subject ×
-- year × measure would silently collapse into one. Families that are lists or restatements by nature
-- (annex facts, park results, scores of several special projects) are not pivoted into marts.
select document_id, statement, family, subject, fiscal_year, measure, count(*) as figures
from {{ ref('int_loaded_figures') }}
where family in ('totals', 'income_by_source', 'expenditure_by_type', 'gpb_by_class', 'three_public',
                 'procurement', 'assets', 'staffing')
  and not ends_with(subject, '_item')
group by all
having count(*) > 1

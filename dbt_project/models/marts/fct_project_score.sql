-- Score of each project table: one row per document × project. total_weight / total_score are the 合计
-- row as printed (NULL when blank). computed_score = budget score + Σ indicator scores, and only when
-- every part is printed: NULL when the budget score or any indicator score is blank, or when the table
-- has no indicator rows (a blank is missing data, never 0). The identity checks compare the two.
select
    project_id,
    document_id,
    department_id,
    fiscal_year,
    table_seq,
    project_code,
    total_weight,
    total_score,
    cast(total_score_printed_decimals as smallint) as total_score_printed_decimals,
    case
        when budget_score is not null and kpi_count > 0 and kpi_score_count = kpi_count
            then cast(budget_score + kpi_score_sum as decimal(9, 4))
    end as computed_score,
    cast(total_score - case
        when budget_score is not null and kpi_count > 0 and kpi_score_count = kpi_count
            then budget_score + kpi_score_sum
    end as decimal(9, 4)) as score_difference,
    budget_weight,
    budget_score,
    cast(kpi_count as integer) as kpi_count,
    cast(kpi_weight_sum as decimal(9, 4)) as kpi_weight_sum,
    cast(kpi_score_sum as decimal(9, 4)) as kpi_score_sum,
    cast(kpi_score_count as integer) as kpi_score_count,
    cast(blank_score_cells as integer) as blank_score_cells,
    has_total_row,
    total_row_labelled,
    total_source_location as source_location,
    total_source_text as source_text
from {{ ref('int_project_score_parts') }}

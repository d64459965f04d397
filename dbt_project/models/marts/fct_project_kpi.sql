-- Performance indicators of each project table: one row per document × project × indicator (seq 1..n
-- in printed order). Level cells merged downwards are filled down (level1_raw/level2_raw as printed).
-- target_value/actual_value are NULL for grades, qualitative rows and blank cells; weight and score
-- are NULL when blank (a blank score is missing, not 0).
select
    p.project_id,
    k.document_id,
    p.department_id,
    p.fiscal_year,
    p.table_seq,
    p.project_code,
    k.seq,
    {{ indicator_columns('k') }},
    k.weight,
    cast(k.weight_printed_decimals as smallint) as weight_printed_decimals,
    k.score,
    cast(k.score_printed_decimals as smallint) as score_printed_decimals,
    k.shortfall_reason,
    k.source_location,
    k.source_text
from {{ ref('stg_project_kpi_rows') }} as k
join {{ ref('int_project_tables') }} as p using (document_id, table_seq)

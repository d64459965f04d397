-- The parts of each project table's score, side by side: budget block (总额 row), indicator block
-- (Σ over KPI rows, with counts of blank cells) and the printed 合计 row. One row per document × table.
with budget as (
    select document_id, table_seq, weight as budget_weight, weight_printed_decimals as budget_weight_printed_decimals,
           score as budget_score, score_printed_decimals as budget_score_printed_decimals,
           source_location as budget_source_location
    from {{ ref('stg_project_funding_rows') }}
    where funding = 'total'
),

kpis as (
    select
        document_id,
        table_seq,
        count(*) as kpi_count,
        count(weight) as kpi_weight_count,
        count(score) as kpi_score_count,
        sum(weight) as kpi_weight_sum,
        sum(score) as kpi_score_sum
    from {{ ref('stg_project_kpi_rows') }}
    group by document_id, table_seq
),

totals as (
    -- One 合计 row per table; should a table print two, the labelled one (then the first printed) counts
    -- (the extractor reports the duplicate in fct_extraction_issue).
    select *
    from {{ ref('stg_project_total_rows') }}
    qualify row_number() over (partition by document_id, table_seq order by labelled desc, source_location) = 1
)

select
    p.document_id,
    p.department_id,
    p.fiscal_year,
    p.table_seq,
    p.project_id,
    p.project_code,
    p.project_label,
    b.budget_weight,
    b.budget_weight_printed_decimals,
    b.budget_score,
    b.budget_score_printed_decimals,
    coalesce(b.budget_source_location, p.source_location) as budget_source_location,
    coalesce(k.kpi_count, 0) as kpi_count,
    coalesce(k.kpi_weight_count, 0) as kpi_weight_count,
    coalesce(k.kpi_score_count, 0) as kpi_score_count,
    k.kpi_weight_sum,
    k.kpi_score_sum,
    t.total_weight,
    t.total_weight_printed_decimals,
    t.total_score,
    t.total_score_printed_decimals,
    t.total_score_raw,
    t.labelled as total_row_labelled,
    (t.table_seq is not null) as has_total_row,
    -- Score cells left blank: the 总额 score, every indicator score and the 合计 score.
    (case when b.budget_score is null then 1 else 0 end)
        + (coalesce(k.kpi_count, 0) - coalesce(k.kpi_score_count, 0))
        + (case when t.total_score is null then 1 else 0 end) as blank_score_cells,
    coalesce(t.source_location, b.budget_source_location, p.source_location) as total_source_location,
    t.source_text as total_source_text
from {{ ref('int_project_tables') }} as p
left join budget as b using (document_id, table_seq)
left join kpis as k using (document_id, table_seq)
left join totals as t using (document_id, table_seq)

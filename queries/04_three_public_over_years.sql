-- “三公”经费历年变化：每个部门每年的因公出国（境）费、公务用车购置及运行费、公务接待费是多少，比上年增减多少？
-- "Three public" expenditure (outbound travel, official vehicles, official reception) per department and year,
-- with the change against the prior year.
--
-- 怎么读 How to read the result — one row per department × fiscal year (mart_totals_trend, measure
-- three_public_total):
--   basis                  reported = 该年自己的报告印的数；derived = 只由下一年报告“比上年增加/减少…”推算出的上年数
--                          · printed by that year's own report, or derived from the next year's printed change
--   total_wan (…_yuan)     “三公”经费合计：万元两位小数 / 元精确 · total in 万元 (2 decimals) / yuan (exact)
--   outbound_travel_wan, vehicles_wan, reception_wan
--                          因公出国（境）费 / 公务用车购置及运行维护费 / 公务接待费（该年当前报告印的数；
--                          报表和文字都印时取报表）· the components as the year's current report prints them
--                          (the statement before the text); NULL for a derived year
--   budget_wan, budget_completion_pct
--                          “三公”经费预算数与完成预算百分比（印了才有）· budget and completion as printed
--   prior_year_total_wan, change_wan, growth_pct
--                          上一年合计、增减额、增长率（按本表相邻两年计算）· prior year, change and growth, computed
--   said_none              报告文字说本年无“三公”经费支出 · the text says there was no such spending
--   derived_disagrees      下一年报告推算的本年数与本年报告自己印的数不一致（超出印刷舍入）
--                          · the next report's derived figure for this year differs from its own beyond rounding
with trend as (
    select *
    from marts.mart_totals_trend
    where measure = 'three_public_total'
),

components as (
    -- arg_min(…, statement = 'text'): the statement's non-NULL figure first, else the text's
    select
        p.department_id,
        p.fiscal_year,
        arg_min(p.amount_yuan, p.statement = 'text') filter (where p.component = 'outbound_travel')
            as outbound_travel_yuan,
        arg_min(p.amount_yuan, p.statement = 'text') filter (where p.component = 'vehicle_purchase_and_operation')
            as vehicles_yuan,
        arg_min(p.amount_yuan, p.statement = 'text') filter (where p.component = 'official_reception')
            as reception_yuan,
        arg_min(p.budget_amount_yuan, p.statement = 'text') filter (where p.component = 'total') as budget_yuan,
        arg_min(p.budget_completion_pct, p.statement = 'text') filter (where p.component = 'total')
            as budget_completion_pct,
        bool_or(p.absence is not null) filter (where p.component = 'total') as said_none
    from marts.fct_three_public as p
    join marts.dim_document as d using (document_id)
    where d.is_current
    group by p.department_id, p.fiscal_year
)

select
    dep.department_name,
    t.fiscal_year,
    t.basis,
    cast(t.amount_yuan * 0.0001 as decimal(18, 2)) as total_wan,
    cast(c.outbound_travel_yuan * 0.0001 as decimal(18, 2)) as outbound_travel_wan,
    cast(c.vehicles_yuan * 0.0001 as decimal(18, 2)) as vehicles_wan,
    cast(c.reception_yuan * 0.0001 as decimal(18, 2)) as reception_wan,
    cast(c.budget_yuan * 0.0001 as decimal(18, 2)) as budget_wan,
    c.budget_completion_pct,
    cast(t.prior_year_amount_yuan * 0.0001 as decimal(18, 2)) as prior_year_total_wan,
    cast(t.change_amount_yuan * 0.0001 as decimal(18, 2)) as change_wan,
    t.growth_pct,
    c.said_none,
    t.derived_disagrees,
    t.amount_yuan as total_yuan,
    c.outbound_travel_yuan,
    c.vehicles_yuan,
    c.reception_yuan,
    d.source_file as reported_in,
    t.reported_location
from trend as t
join marts.dim_department as dep using (department_id)
left join components as c using (department_id, fiscal_year)
left join marts.dim_document as d on d.document_id = t.reported_document_id
order by dep.department_name, t.fiscal_year

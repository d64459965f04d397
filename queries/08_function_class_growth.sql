-- 各功能分类（类）支出的历年增长：哪些类的钱在增加、哪些在减少，结构怎么变？
-- Growth of expenditure by functional class across years: which classes grow, which shrink, and how the
-- department's spending structure shifts.
--
-- 怎么读 How to read the result — one row per department × 类 × fiscal year (mart_function_trend: the current
-- report of each department-year), years in order:
--   function_code, function_name    类代码与国家标准名称 (dim_function_class)
--   amount_wan (…_yuan)             该年金额：万元两位小数 / 元精确 · the year's amount, 万元 (2 decimals) / yuan (exact)
--   prior_year_wan, change_wan, growth_pct
--                                   该部门上一份报告年度的金额、增减额、增长率（%）；第一年为 NULL
--                                   · the department's previous reported year, change, growth; NULL in its first year
--   share_pct, share_change_pp      该类占该部门该年各类合计的比重（%）及比上一年变化的百分点（计算值）
--                                   · the class's share of the department-year's classes, change in percentage points
--   versions_disagree               同一年另一份报告（如同一报告的另一格式、重印本）印了不同的数
--                                   · another report of the same year printed a different amount
-- 要看“款”或“项”，把 where 条件中的 'class' 改成 'kuan' 或 'xiang' · for 款 or 项 change 'class' in the where clause.
with years as (
    select
        t.*,
        100 * t.amount_yuan / sum(t.amount_yuan) over (partition by t.department_id, t.fiscal_year) as share
    from marts.mart_function_trend as t
    where t.level = 'class'
),

with_prior_share as (
    select
        *,
        lag(share) over (partition by department_id, function_code order by fiscal_year) as prior_share
    from years
)

select
    dep.department_name,
    s.function_code,
    n.name as function_name,
    s.fiscal_year,
    cast(s.amount_yuan * 0.0001 as decimal(18, 2)) as amount_wan,
    cast(s.prior_year_amount_yuan * 0.0001 as decimal(18, 2)) as prior_year_wan,
    cast(s.change_amount_yuan * 0.0001 as decimal(18, 2)) as change_wan,
    s.growth_pct,
    cast(s.share as decimal(9, 2)) as share_pct,
    cast(s.share - s.prior_share as decimal(9, 2)) as share_change_pp,
    s.versions_disagree,
    s.amount_yuan,
    s.prior_year_amount_yuan,
    d.source_file
from with_prior_share as s
join marts.dim_department as dep using (department_id)
left join marts.dim_function_class as n using (function_code)
left join marts.dim_document as d using (document_id)
order by dep.department_name, s.function_code, s.fiscal_year

-- 预算执行偏差最大的支出项目：哪些“项”花得比预算少得最多（或超支）？报告给的原因是什么？
-- Expenditure items (项) furthest from their budget: the least (or over-) spent against budget, with the reason
-- the report gives.
--
-- 怎么读 How to read the result — one row per 项 of the explanations (一般公共预算财政拨款支出 §五(三)) of the
-- current report of a department-year, lowest completion first:
--   function_code, function_name, name_as_printed   项代码、国家标准名称、报告印的名称
--   amount_wan (…_yuan)        决算数 · actual, 万元 (2 decimals) / yuan (exact)
--   budget_wan (…_yuan)        预算数：budget_basis = reported 为报告印的预算（年初预算/全年预算），derived 为
--                              决算数 ÷ 完成率 推算 · printed budget, or derived as actual ÷ printed completion rate
--   completion_pct             完成预算的百分比：印了取印的，否则 决算 ÷ 预算 × 100 · as printed, else computed
--   unspent_wan                预算 − 决算（负数 = 超支）· budget − actual (negative = overspent)
--   variance_direction         报告说的“小于/大于/等于预算” · the report's own word (less / greater / equal)
--   variance_reason            报告给的原因 · the reason the report gives
with current_documents as (
    select document_id, source_file, department_name, fiscal_year
    from marts.dim_document
    where is_current
),

items as (
    select
        f.*,
        coalesce(
            f.budget_completion_pct,
            cast(100 * f.amount_yuan / nullif(f.budget_amount_yuan, 0) as decimal(9, 2))
        ) as completion_pct
    from marts.fct_expenditure_by_function as f
    where f.statement = 'text' and f.level = 'xiang' and f.budget_amount_yuan is not null
)

select
    d.department_name,
    d.fiscal_year,
    i.function_code,
    n.name as function_name,
    i.xiang_name as name_as_printed,
    cast(i.amount_yuan * 0.0001 as decimal(18, 2)) as amount_wan,
    cast(i.budget_amount_yuan * 0.0001 as decimal(18, 2)) as budget_wan,
    i.budget_basis,
    i.completion_pct,
    cast((i.budget_amount_yuan - i.amount_yuan) * 0.0001 as decimal(18, 2)) as unspent_wan,
    i.variance_direction,
    i.variance_reason,
    i.amount_yuan,
    i.budget_amount_yuan as budget_yuan,
    d.source_file,
    i.source_location
from items as i
join current_documents as d using (document_id)
left join marts.dim_function_class as n using (function_code)
order by i.completion_pct, i.budget_amount_yuan - i.amount_yuan desc, d.department_name, i.function_code

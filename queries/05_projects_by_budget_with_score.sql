-- 项目按预算排序，附绩效自评得分：钱最多的项目是哪些？执行了多少？自评打了多少分？
-- Projects by budget with their self-evaluation score: the largest projects, how much of the budget was
-- spent, and the score the department gave itself.
--
-- 怎么读 How to read the result — one row per project table of the current report of a department-year
-- (项目支出绩效自评表), largest adjusted budget first within a year:
--   project_code, project_name, implementing_unit   项目编码、名称、实施单位 (dim_project)
--   initial_budget_wan / adjusted_budget_wan / executed_wan (…_yuan)
--                          年初预算数 / 全年预算数（调整后）/ 全年执行数（“总额”行）：万元两位小数 / 元精确
--                          · initial budget / adjusted budget / executed (the 总额 row), 万元 (2 decimals) / yuan (exact)
--   execution_rate_pct     执行率（报告印的）· execution rate as printed
--   budget_execution_score 预算执行率得分（满分一般为 10）· the score of the budget-execution line (weight usually 10)
--   self_evaluation_score  自评表“合计”行印的总分；空白为 NULL · the total score as printed on the 合计 row, NULL if blank
--   computed_score         预算执行得分 + 各绩效指标得分之和（每一项都印了才计算）· budget score + Σ indicator scores,
--                          only when every part is printed
--   score_difference       印的总分 − 计算的总分；不为 0 说明自评表自己加错了 · printed − computed: non-zero means the
--                          table's own total is wrong
select
    dep.department_name,
    b.fiscal_year,
    b.project_code,
    p.project_name,
    p.implementing_unit,
    cast(b.initial_budget_yuan * 0.0001 as decimal(18, 2)) as initial_budget_wan,
    cast(b.adjusted_budget_yuan * 0.0001 as decimal(18, 2)) as adjusted_budget_wan,
    cast(b.executed_yuan * 0.0001 as decimal(18, 2)) as executed_wan,
    b.execution_rate_pct,
    b.score as budget_execution_score,
    s.total_score as self_evaluation_score,
    s.computed_score,
    s.score_difference,
    b.initial_budget_yuan,
    b.adjusted_budget_yuan,
    b.executed_yuan,
    d.source_file,
    b.source_location
from marts.fct_project_budget as b
join marts.dim_document as d on d.document_id = b.document_id and d.is_current
join marts.dim_project as p on p.project_id = b.project_id
left join marts.dim_department as dep on dep.department_id = b.department_id
left join marts.fct_project_score as s on s.document_id = b.document_id and s.table_seq = b.table_seq
where b.funding = 'total'
order by b.fiscal_year desc, b.adjusted_budget_yuan desc nulls last, b.project_code

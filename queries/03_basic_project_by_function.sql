-- 按功能分类的基本支出与项目支出：决算报表里每个类、款、项的支出，基本支出和项目支出各多少？
-- Basic vs project expenditure by functional class, 款 and 项, as the statements print them.
--
-- 怎么读 How to read the result — one row per department × fiscal year × statement × printed 类/款/项 row (the
-- current report of a department-year; reports that print no such statement — e.g. the Sichuan five-part
-- reports — have no rows here, see 02_basic_project_by_department.sql):
--   statement, statement_title     expenditure = 支出决算表（全部资金 all funds）; gpb_expenditure =
--                                  一般公共预算财政拨款支出决算表（一般公共预算财政拨款 general public budget only）
--   level, function_code           class 类 (3 digits) / kuan 款 (5) / xiang 项 (7)
--   function_name, name_as_printed 国家标准名称 (dim_function_class) / 报表上印的名称 · national name / as printed
--   total_wan, basic_wan, project_wan (…_yuan)
--                                  合计、基本支出、项目支出：万元两位小数 / 元精确；空白单元格为 NULL（不是 0）
--                                  · total, basic, project in 万元 (2 decimals) / yuan (exact); blank is NULL, not 0
--   project_share_pct              项目支出 ÷ 合计 × 100（计算值）· computed
--   source_location                该行在报告中的位置 · where the row is printed
with current_documents as (
    select document_id, source_file, department_name, fiscal_year
    from marts.dim_document
    where is_current
),

titles as (
    select document_id, statement, statement_title
    from marts.fct_statement
    where occurrence = 1
)

select
    d.department_name,
    d.fiscal_year,
    f.statement,
    t.statement_title,
    f.level,
    f.function_code,
    n.name as function_name,
    coalesce(f.xiang_name, f.kuan_name, f.class_name) as name_as_printed,
    cast(f.amount_yuan * 0.0001 as decimal(18, 2)) as total_wan,
    cast(f.basic_amount_yuan * 0.0001 as decimal(18, 2)) as basic_wan,
    cast(f.project_amount_yuan * 0.0001 as decimal(18, 2)) as project_wan,
    f.amount_yuan as total_yuan,
    f.basic_amount_yuan as basic_yuan,
    f.project_amount_yuan as project_yuan,
    cast(100 * f.project_amount_yuan / nullif(f.amount_yuan, 0) as decimal(9, 2)) as project_share_pct,
    d.source_file,
    f.source_location
from marts.fct_expenditure_by_function as f
join current_documents as d using (document_id)
left join titles as t using (document_id, statement)
left join marts.dim_function_class as n using (function_code)
where f.statement <> 'text'
order by d.department_name, d.fiscal_year, f.statement, f.function_code

-- 基本支出与项目支出：每个部门每年的支出里，维持运转（基本支出）和办事业（项目支出）各占多少？
-- Basic vs project expenditure: how each department's spending of a year splits into running costs (基本支出)
-- and projects (项目支出).
--
-- 怎么读 How to read the result — one row per department × fiscal year (the current report, dim_document.is_current):
--   basic_wan / project_wan (…_yuan)   基本支出 / 项目支出：万元两位小数 / 元精确 · in 万元 (2 decimals) / yuan (exact);
--                                      支出决算表的数字优先，没有该表时取情况说明文字 · the statement's figure when
--                                      printed, else the text's (printed_in: expenditure = 支出决算表, text = 文字)
--   project_share_pct                  项目支出 ÷（基本 + 项目）× 100，计算值 · computed over basic + project only
--   printed_basic_share_pct / printed_project_share_pct
--                                      文字中印的占比（占本年支出合计，含上缴上级等其他支出）· as printed, of the total
--   text_and_statement_disagree        支出决算表与文字的数字不一致时为 true；只有一方印了则为 NULL
--                                      · true when the statement and the text differ; NULL if only one prints them
-- 按功能分类的基本/项目拆分见 03_basic_project_by_function.sql · the split by functional class is query 03.
with current_documents as (
    select document_id, source_file, department_name, fiscal_year
    from marts.dim_document
    where is_current
),

types as (
    select
        document_id,
        max(amount_yuan) filter (where expenditure_type = 'basic' and statement <> 'text') as statement_basic_yuan,
        max(amount_yuan) filter (where expenditure_type = 'project' and statement <> 'text') as statement_project_yuan,
        max(amount_yuan) filter (where expenditure_type = 'basic' and statement = 'text') as text_basic_yuan,
        max(amount_yuan) filter (where expenditure_type = 'project' and statement = 'text') as text_project_yuan,
        max(share_pct) filter (where expenditure_type = 'basic' and statement = 'text') as printed_basic_share_pct,
        max(share_pct) filter (where expenditure_type = 'project' and statement = 'text') as printed_project_share_pct,
        max(statement) filter (where statement <> 'text') as statement
    from marts.fct_expenditure_by_type
    where expenditure_type in ('basic', 'project')
    group by document_id
),

chosen as (
    select
        *,
        coalesce(statement_basic_yuan, text_basic_yuan) as basic_yuan,
        coalesce(statement_project_yuan, text_project_yuan) as project_yuan,
        case when coalesce(statement_basic_yuan, statement_project_yuan) is not null then statement else 'text' end
            as printed_in
    from types
)

select
    d.department_name,
    d.fiscal_year,
    cast(c.basic_yuan * 0.0001 as decimal(18, 2)) as basic_wan,
    cast(c.project_yuan * 0.0001 as decimal(18, 2)) as project_wan,
    c.basic_yuan,
    c.project_yuan,
    cast(100 * c.project_yuan / nullif(c.basic_yuan + c.project_yuan, 0) as decimal(9, 2)) as project_share_pct,
    c.printed_basic_share_pct,
    c.printed_project_share_pct,
    c.printed_in,
    c.statement_basic_yuan <> c.text_basic_yuan or c.statement_project_yuan <> c.text_project_yuan
        as text_and_statement_disagree,
    d.source_file
from chosen as c
join current_documents as d using (document_id)
order by d.department_name, d.fiscal_year

-- 一般公共预算财政拨款支出按功能分类（类）：每个部门、每个年度，各“类”花了多少钱？
-- General-public-budget expenditure by functional class (类): how much each department spent per class and year.
--
-- 怎么读 How to read the result — one row per department × fiscal year × 类 (only the current report of a
-- department-year, dim_document.is_current, so a report loaded as .docx and .pdf counts once):
--   function_code, function_name   国家政府收支分类科目的类代码与标准名称 (dim_function_class); the printed
--                                  name is in name_as_printed when the code is outside the national seed
--   amount_wan / amount_yuan       金额：万元（两位小数）/ 元（精确） · amount in 万元 (2 decimals) / yuan (exact)
--   printed_in                     数字取自哪里：gpb_expenditure = 一般公共预算财政拨款支出决算表; text = 情况说明文字
--                                  (the statement is preferred when the report prints both)
--   share_pct                      占该部门该年各类合计的百分比（计算值）· share of the classes' sum, computed
--   printed_share_pct              报告文字中印的占比 · the share as printed in the text (NULL when not printed)
--   all_funds_amount_wan           支出决算表（全部资金，不只是财政拨款）同一类的金额；未印则为 NULL
--                                  · the same class in 支出决算表 (all funds), NULL when that statement is absent
-- 一个类若只印在文字中而未映射到代码，function_code 为 NULL，名称见 name_as_printed（不会被丢弃）。
with current_documents as (
    select document_id, source_file, department_name, fiscal_year
    from marts.dim_document
    where is_current
),

classes as (
    select
        document_id,
        function_code,
        -- the statement before the text: arg_min takes the non-NULL amount of the lowest rank
        arg_min(amount_yuan, statement = 'text') filter (where statement in ('gpb_expenditure', 'text'))
            as amount_yuan,
        arg_min(statement, statement = 'text') filter (where statement in ('gpb_expenditure', 'text'))
            as printed_in,
        arg_min(source_location, statement = 'text') filter (where statement in ('gpb_expenditure', 'text'))
            as source_location,
        max(class_name) as name_as_printed,
        max(share_pct) filter (where statement = 'text') as printed_share_pct,
        max(amount_yuan) filter (where statement = 'expenditure') as all_funds_amount_yuan
    from marts.fct_expenditure_by_function
    where level = 'class'
    group by document_id, function_code, case when function_code is null then class_name end
)

select
    d.department_name,
    d.fiscal_year,
    c.function_code,
    n.name as function_name,
    c.name_as_printed,
    cast(c.amount_yuan * 0.0001 as decimal(18, 2)) as amount_wan,
    c.amount_yuan,
    c.printed_in,
    cast(100 * c.amount_yuan / sum(c.amount_yuan) over (partition by c.document_id) as decimal(9, 2)) as share_pct,
    c.printed_share_pct,
    cast(c.all_funds_amount_yuan * 0.0001 as decimal(18, 2)) as all_funds_amount_wan,
    c.all_funds_amount_yuan,
    d.source_file,
    c.source_location
from classes as c
join current_documents as d using (document_id)
left join marts.dim_function_class as n using (function_code)
order by d.department_name, d.fiscal_year, c.function_code

-- 文字与报表打架：情况说明里写的数字或“大于/小于/等于预算”等说法，与报表上的数字对不上的地方。
-- Where a report's explanations contradict its own statements: a figure of the text that differs from the
-- statement printing it, or a word (决算数大于/小于/等于预算数, 持平…) that the numbers contradict.
--
-- 怎么读 How to read the result — one row per contradiction in any loaded report (every document, not only the
-- current one: a re-issued copy is checked too), warnings first:
--   family          text_vs_statement = 文字数字与报表数字不符 · a figure of the text vs the statement;
--                   wording = 文字用词与数字矛盾 · a direction word vs the numbers
--   rule, description, subject   规则、规则说明、检查对象（如 "totals/three_public_total/budget vs three_public"）
--   lhs, rhs        text_vs_statement：lhs = 文字中的数，rhs = 报表中的数；wording：两边的数（如预算数、决算数）。
--                   金额为元，百分比按印刷值 · money in yuan, percentages as printed
--   difference, tolerance        差额与允许的舍入误差 · difference and the rounding tolerance
--   text_location, statement_location, source_text
--                   文字所在位置、报表单元格位置（若有）、文字原文 · where the text is, where the statement cell is, the text
select
    d.department_name,
    d.fiscal_year,
    d.source_file,
    c.family,
    c.rule_id as rule,
    c.rule_description as description,
    c.subject,
    c.lhs,
    c.rhs,
    c.difference,
    c.tolerance,
    c.severity,
    c.detail,
    c.source_location as text_location,
    c.related_location as statement_location,
    c.source_text
from marts.fct_identity_check as c
join marts.dim_document as d using (document_id)
where c.status = 'violation' and c.family in ('text_vs_statement', 'wording')
order by
    case c.severity when 'error' then 1 when 'warning' then 2 else 3 end,
    d.department_name,
    d.fiscal_year,
    d.source_file,
    c.rule_id,
    c.subject

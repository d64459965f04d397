-- 一份报告的全部问题：这份决算报告哪里对不上、哪里读不出来？
-- Every finding of one report: what does not add up in it, and what could not be read.
--
-- ▶ 参数 PARAMETERS — 在下面的 params 里改（只改这一处）· edit the params CTE below (the only place to edit):
--   source_file                  文件名（报告以多个文件名到达时任一个都行）· a file name the report arrived under
--   department_name, fiscal_year 不按文件名时：部门全称和年度（取该部门该年的当前报告）；此时把 source_file 设为 NULL
--                                · or, with source_file set to NULL, the department's full name and the fiscal year
--                                (the current report of that department-year is taken)
--
-- 怎么读 How to read the result — one row per finding, errors first:
--   finding_kind     identity_check = 一条会计恒等式不成立（fct_identity_check 中 status = 'violation'）;
--                    extraction_issue = 读取时发现的问题或没能解析的数字 (fct_extraction_issue);
--                    quarantine = 报告未入库及原因 (dim_document.quarantine_reason)
--   severity         error > warning > info（info 多为印刷舍入造成的小差异 · mostly rounding artefacts）
--   rule             规则编号或抽取器 · the rule id, or the extractor
--   description      规则说明或问题描述 · what the rule checks, or the issue's message
--   subject          检查的对象（科目、项目、报表行）· what was checked
--   lhs, rhs         两边的数字：金额为元，百分比、得分、人数按印刷值 · both numbers: money in yuan, percentages,
--                    scores and counts as printed
--   difference, tolerance   差额与允许的舍入误差 · the difference and the rounding tolerance allowed
--   source_location, related_location, source_text
--                    数字印在哪里（另一边印在哪里）及原文 · where it is printed, where the other side is, the text
with params as (
    select
        'luzhou_hrss_2023.txt' as source_file,
        cast(null as varchar) as department_name,
        cast(null as integer) as fiscal_year
),

chosen as (
    select d.document_id, d.source_file, d.department_name, d.fiscal_year, d.status, d.quarantine_reason
    from marts.dim_document as d
    cross join params as p
    where list_contains(string_split(d.source_files, '; '), p.source_file)
       or (p.source_file is null and d.department_name = p.department_name and d.fiscal_year = p.fiscal_year
           and d.is_current)
),

findings as (
    select
        c.document_id,
        'identity_check' as finding_kind,
        c.severity,
        c.rule_id as rule,
        c.rule_description as description,
        c.subject,
        c.lhs,
        c.rhs,
        c.difference,
        c.tolerance,
        c.detail,
        c.source_location,
        c.related_location,
        c.source_text
    from marts.fct_identity_check as c
    where c.status = 'violation'

    union all

    select
        i.document_id,
        'extraction_issue',
        i.severity,
        i.extractor,
        i.message,
        null, null, null, null, null, null,
        i.source_location,
        null,
        i.source_text
    from marts.fct_extraction_issue as i

    union all

    select
        d.document_id,
        'quarantine',
        'error',
        d.status,
        d.quarantine_reason,
        null, null, null, null, null, null, null, null, null
    from marts.dim_document as d
    where d.status <> 'loaded'
)

select
    ch.department_name,
    ch.fiscal_year,
    ch.source_file,
    f.finding_kind,
    f.severity,
    f.rule,
    f.description,
    f.subject,
    f.lhs,
    f.rhs,
    f.difference,
    f.tolerance,
    f.detail,
    f.source_location,
    f.related_location,
    f.source_text
from findings as f
join chosen as ch using (document_id)
order by
    case f.severity when 'error' then 1 when 'warning' then 2 else 3 end,
    case f.finding_kind when 'quarantine' then 1 when 'identity_check' then 2 else 3 end,
    f.rule,
    f.subject,
    f.source_location,
    f.description,
    f.lhs

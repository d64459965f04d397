-- 报告总览：收到了哪些文件？哪些入库、哪些被隔离（为什么）？每份报告各有多少问题？
-- Every file received: loaded or quarantined (and why), and how many findings each report has.
--
-- 怎么读 How to read the result — one row per document (the same bytes under several file names are one document;
-- source_files lists the names):
--   status, quarantine_reason      loaded 已入库 / quarantined 已隔离（原因）/ withdrawn 文件已从 raw/ 移走
--   is_current                     该部门该年份用于趋势分析的那一份（同一报告多种格式时只算一份）
--                                  · the report of the department-year the trend marts use
--   violations_error / _warning / _info
--                                  不成立的会计恒等式条数，按严重程度 · identity violations by severity
--   not_checkable                  数据不足、无法检查的恒等式条数 · identities that could not be evaluated
--   issues_error / _warning / _info
--                                  读取问题条数，按严重程度 · extraction issues by severity
-- 某一份报告的明细见 06_findings_of_one_report.sql · the details of one report: query 06.
with checks as (
    select
        document_id,
        count(*) filter (where status = 'violation' and severity = 'error') as violations_error,
        count(*) filter (where status = 'violation' and severity = 'warning') as violations_warning,
        count(*) filter (where status = 'violation' and severity = 'info') as violations_info,
        count(*) filter (where status = 'insufficient_data') as not_checkable
    from marts.fct_identity_check
    group by document_id
),

issues as (
    select
        document_id,
        count(*) filter (where severity = 'error') as issues_error,
        count(*) filter (where severity = 'warning') as issues_warning,
        count(*) filter (where severity = 'info') as issues_info
    from marts.fct_extraction_issue
    group by document_id
)

select
    d.source_file,
    d.source_files,
    d.file_format,
    d.doc_kind,
    d.department_name,
    d.fiscal_year,
    d.status,
    d.quarantine_reason,
    d.is_current,
    coalesce(c.violations_error, 0) as violations_error,
    coalesce(c.violations_warning, 0) as violations_warning,
    coalesce(c.violations_info, 0) as violations_info,
    coalesce(c.not_checkable, 0) as not_checkable,
    coalesce(i.issues_error, 0) as issues_error,
    coalesce(i.issues_warning, 0) as issues_warning,
    coalesce(i.issues_info, 0) as issues_info,
    d.layout_profile,
    d.ingested_at
from marts.dim_document as d
left join checks as c using (document_id)
left join issues as i using (document_id)
order by d.status, d.department_name, d.fiscal_year, d.source_file

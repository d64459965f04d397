-- 前后两年对不上：哪些部门在新一年报告里写的“上年数”，与它自己上一年报告印的数不一致？
-- Departments whose figures for a year disagree between their own reports: the prior-year amount a later
-- report implies ("比上年增加/减少…") against the amount the earlier report printed — and a year printed
-- differently by two reports of the same department-year (a re-issue, a corrected copy).
--
-- 怎么读 How to read the result — one row per department × measure × fiscal year that disagrees
-- (mart_totals_trend.derived_disagrees or reported_versions_disagree):
--   measure                     指标代码（income_total 收入合计、expenditure_total 支出合计、
--                               three_public_total “三公”经费合计、organ_operating_expenses 机关运行经费 …）
--   reported_wan (…_yuan)       该年自己的（当前）报告印的数 · what that year's own (current) report printed
--   derived_wan (…_yuan)        下一年报告的“本年数 − 增减额”推算出的该年数 · implied by the next year's report:
--                               its amount − its printed change
--   difference_wan              reported − derived（万元）
--   derived_disagrees           两者之差超出印刷舍入允许的范围 · they differ beyond printed rounding
--   reported_versions_disagree  同一部门同一年有多份报告（或同一报告的文字与报表）印了不同的数
--                               · reports (or the text and a statement) of that department-year print different amounts
--   versions                    每份报告（文件名）印的数（万元）· each report's printed amounts, by file name
--   reported_in, derived_from, derivation   印出该年数的文件；推算所依据的文件与句子位置
--                               · the file that printed the year, the file and sentence the derived figure comes from
with disagreeing as (
    select *
    from marts.mart_totals_trend
    where derived_disagrees or reported_versions_disagree
),

printed as (
    -- every amount a report printed for a department-year, current report or not: "file: amount in 万元"
    select
        t.department_id,
        t.measure,
        t.fiscal_year,
        d.source_file || ': ' || cast(cast(t.amount_yuan * 0.0001 as decimal(18, 2)) as varchar) as version
    from marts.fct_totals as t
    join marts.dim_document as d using (document_id)
    where t.basis = 'reported' and t.amount_yuan is not null
),

versions as (
    select department_id, measure, fiscal_year, string_agg(distinct version, '; ' order by version) as versions
    from printed
    group by department_id, measure, fiscal_year
),

derivations as (
    select document_id, measure, fiscal_year, any_value(derivation order by derivation) as derivation
    from marts.fct_totals
    where basis = 'derived'
    group by document_id, measure, fiscal_year
)

select
    dep.department_name,
    g.measure,
    g.fiscal_year,
    cast(g.reported_amount_yuan * 0.0001 as decimal(18, 2)) as reported_wan,
    cast(g.derived_amount_yuan * 0.0001 as decimal(18, 2)) as derived_wan,
    cast((g.reported_amount_yuan - g.derived_amount_yuan) * 0.0001 as decimal(18, 2)) as difference_wan,
    g.derived_disagrees,
    g.reported_versions_disagree,
    v.versions,
    g.reported_amount_yuan,
    g.derived_amount_yuan,
    rep.source_file as reported_in,
    g.reported_location,
    der.source_file as derived_from,
    x.derivation
from disagreeing as g
join marts.dim_department as dep using (department_id)
left join versions as v using (department_id, measure, fiscal_year)
left join marts.dim_document as rep on rep.document_id = g.reported_document_id
left join marts.dim_document as der on der.document_id = g.derived_document_id
left join derivations as x
    on x.document_id = g.derived_document_id and x.measure = g.measure and x.fiscal_year = g.fiscal_year
order by dep.department_name, g.fiscal_year, g.measure

-- Multi-year trend of general-public-budget expenditure by functional class and item: one row per
-- department × function_code × fiscal year, with the prior year's amount, change and growth.
with amounts as (
    select
        f.department_id,
        f.function_code,
        f.level,
        f.fiscal_year,
        -- the current report of the department-year (dim_document.is_current); versions_disagree
        -- says whether another report of the same year printed a different amount
        max(f.amount_yuan) filter (where d.is_current) as amount_yuan,
        max(coalesce(f.xiang_name, f.class_name)) filter (where d.is_current) as name_as_printed,
        max(f.document_id) filter (where d.is_current) as document_id,
        count(distinct f.amount_yuan) > 1 as versions_disagree
    from (
        -- general-public-budget expenditure only, one source per document: the 一般公共预算财政拨款支出决算表
        -- where the report prints it (every level, printed codes), else the explanations (支出决算表 is
        -- all funds: another measure)
        select *
        from {{ ref('fct_expenditure_by_function') }}
        where statement in ('text', 'gpb_expenditure')
        qualify dense_rank() over (partition by document_id order by statement = 'gpb_expenditure' desc) = 1
    ) as f
    join {{ ref('dim_document') }} as d using (document_id)
    where f.function_code is not null
    group by f.department_id, f.function_code, f.level, f.fiscal_year
    having count(*) filter (where d.is_current) > 0
),

with_prior as (
    select
        *,
        lag(fiscal_year) over w as previous_year,
        lag(amount_yuan) over w as previous_amount_yuan
    from amounts
    window w as (partition by department_id, function_code order by fiscal_year)
)

select
    department_id,
    function_code,
    level,
    fiscal_year,
    amount_yuan,
    name_as_printed,
    {{ year_over_year('amount_yuan', 'previous_amount_yuan', 'fiscal_year', 'previous_year') }},
    versions_disagree,
    document_id
from with_prior

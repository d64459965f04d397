-- Reporting departments, as named by their own loaded reports.
select
    department_id,
    any_value(department_name order by fiscal_year desc) as department_name,
    any_value(region order by fiscal_year desc) as region,
    any_value(admin_level order by fiscal_year desc) as admin_level,
    min(fiscal_year) as first_fiscal_year,
    max(fiscal_year) as last_fiscal_year,
    cast(count(*) as integer) as documents
from {{ ref('int_documents') }}
where status = 'loaded'
group by department_id

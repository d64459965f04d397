-- The national expenditure functional classification (政府收支分类科目, 支出功能分类), 2023 edition.
select
    function_code,
    level,
    name,
    nullif(parent_code, '') as parent_code,
    cast(edition as integer) as edition
from {{ ref('function_classification') }}

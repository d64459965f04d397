-- The national expenditure functional classification (政府收支分类科目, 支出功能分类) from the reference seed,
-- plus every well-formed code a loaded document prints that the seed lacks: such a row takes the name as
-- first printed, `in_reference = false` (a warning in fct_extraction_issue says which document printed it),
-- so printed codes always resolve and a new edition's code never fails a build.
with reference as (
    select
        function_code,
        level,
        name,
        nullif(parent_code, '') as parent_code,
        cast(edition as integer) as edition,
        nullif(verified_by, '') as verified_by,
        true as in_reference,
        cast(null as varchar) as first_printed_in
    from {{ ref('function_classification') }}
),

printed as (
    select
        function_code,
        case length(function_code) when 3 then 'class' when 5 then 'kuan' else 'xiang' end as level,
        arg_min(row_label, document_id || lpad(cast(row_seq as varchar), 6, '0')) as name,
        case length(function_code) when 3 then null else left(function_code, length(function_code) - 2) end
            as parent_code,
        cast(null as integer) as edition,
        cast(null as varchar) as verified_by,
        false as in_reference,
        min(document_id) as first_printed_in
    from {{ ref('int_statement_cells') }}
    where row_code is not null and function_code is not null and length(function_code) in (3, 5, 7)
      and row_label is not null
      and function_code not in (select function_code from reference)
    group by function_code
)

select * from reference
union all
select * from printed

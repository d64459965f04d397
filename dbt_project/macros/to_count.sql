{#- A printed count (人, 辆, 个, 批次 …) as INTEGER, the marts' type for counts. The extractors read counts as
    whole digits, so the cast is exact; a fractional value could only be a pipeline fault and fails the
    build instead of being rounded. -#}
{% macro to_count(value_column) -%}
    case
        when {{ value_column }} is null then null
        when {{ value_column }} = trunc({{ value_column }}) then cast({{ value_column }} as integer)
        else error('a count that is not a whole number: ' || cast({{ value_column }} as varchar))
    end
{%- endmacro %}

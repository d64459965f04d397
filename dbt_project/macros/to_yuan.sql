{#- A printed amount in its printed unit (万元, 亿元, 元) converted to exact yuan, DECIMAL(20,2). -#}
{% macro to_yuan(value_column, unit_column) -%}
    cast(
        {{ value_column }} * case {{ unit_column }}
            when '亿元' then 100000000
            when '万元' then 10000
            when '元' then 1
        end
    as decimal(20, 2))
{%- endmacro %}

{#- Half a unit of the last printed digit, in yuan, exact (DECIMAL): 2 decimals of 万元 → 50.00 yuan.
    NULL when the printed decimals are unknown — an unknown tolerance is never a pass. -#}
{% macro half_unit_yuan(decimals_column, unit_column) -%}
    cast(
        case {{ decimals_column }}
            when 0 then 0.5 when 1 then 0.05 when 2 then 0.005 when 3 then 0.0005 when 4 then 0.00005
        end
        * case {{ unit_column }} when '亿元' then 100000000 when '万元' then 10000 when '元' then 1 end
    as decimal(20, 6))
{%- endmacro %}

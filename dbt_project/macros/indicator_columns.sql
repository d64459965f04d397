{#- The columns every performance-indicator row shares (project tables and the department-wide table),
    written once. In staging (typed=true) they are cast; in marts they are passed through. -#}
{% macro indicator_columns(alias, typed=false) -%}
    {{ alias }}.level1,
    {{ alias }}.level2,
    {{ alias }}.level1_raw,
    {{ alias }}.level2_raw,
    {{ alias }}.indicator,
    {{ alias }}.operator,
    {{ alias }}.operator_raw,
    {{ alias }}.target_text,
    {{ alias }}.target_value,
    {{ alias }}.target_unit,
    {% if typed %}cast({{ alias }}.target_printed_decimals as integer) as {% else %}{{ alias }}.{% endif %}target_printed_decimals,
    {{ alias }}.measure_unit,
    {{ alias }}.actual_text,
    {{ alias }}.actual_value,
    {{ alias }}.actual_unit,
    {{ alias }}.actual_operator,
    {% if typed %}cast({{ alias }}.actual_printed_decimals as integer) as {% else %}{{ alias }}.{% endif %}actual_printed_decimals,
    {{ alias }}.target_met
{%- endmacro %}

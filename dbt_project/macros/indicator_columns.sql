{#- The columns every performance-indicator row shares (project tables and the department-wide table),
    written once. The printed decimals are cast to SMALLINT in every layer (the marts' contract type for
    printed decimals), whatever type the layer below delivers; `typed` is kept for the staging callers. -#}
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
    cast({{ alias }}.target_printed_decimals as smallint) as target_printed_decimals,
    {{ alias }}.measure_unit,
    {{ alias }}.actual_text,
    {{ alias }}.actual_value,
    {{ alias }}.actual_unit,
    {{ alias }}.actual_operator,
    cast({{ alias }}.actual_printed_decimals as smallint) as actual_printed_decimals,
    {{ alias }}.target_met
{%- endmacro %}

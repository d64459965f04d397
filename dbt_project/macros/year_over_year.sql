{#- prior_year_amount_yuan, change_amount_yuan and growth_pct from a series ordered by year: only
    against the immediately preceding year, and no growth on a zero base (not computable). -#}
{% macro year_over_year(amount, previous_amount, year, previous_year) -%}
    case when {{ previous_year }} = {{ year }} - 1 then {{ previous_amount }} end as prior_year_amount_yuan,
    case when {{ previous_year }} = {{ year }} - 1
        then cast({{ amount }} - {{ previous_amount }} as decimal(20, 2)) end as change_amount_yuan,
    case when {{ previous_year }} = {{ year }} - 1 and {{ previous_amount }} <> 0
        then cast(round(({{ amount }} - {{ previous_amount }}) * 100 / {{ previous_amount }}, 4) as decimal(9, 4))
    end as growth_pct
{%- endmacro %}

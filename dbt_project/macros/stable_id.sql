{#- A key that stays the same across documents and years: a hash of normalised name parts. -#}
{% macro stable_id(prefix, columns) -%}
    '{{ prefix }}_' || substr(md5(concat_ws('|', {% for c in columns %}coalesce(trim(cast({{ c }} as varchar)), ''){% if not loop.last %}, {% endif %}{% endfor %})), 1, 16)
{%- endmacro %}

{#-
  dbt's generic data tests, returning the failing rows themselves instead of only the failing values, so
  that every failure names the document its rows came from (their document_id). The run then quarantines
  that document alone and builds the others (pipelines/warehouse/isolation.py); a failure whose rows name
  no document stops the build as a pipeline fault. Same pass/fail semantics as dbt's own tests (NULLs
  pass unique, accepted_values and relationships, as there).
-#}

{% macro default__test_unique(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is not null
qualify count(*) over (partition by {{ column_name }}) > 1
{% endmacro %}


{% macro default__test_not_null(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is null
{% endmacro %}


{% macro default__test_accepted_values(model, column_name, values, quote=True) %}
select *
from {{ model }}
where {{ column_name }} not in (
    {%- for value in values -%}
        {% if quote %}'{{ value }}'{% else %}{{ value }}{% endif %}{% if not loop.last %}, {% endif %}
    {%- endfor -%}
)
{% endmacro %}


{% macro default__test_relationships(model, column_name, to, field) %}
select child.*
from {{ model }} as child
left join (select distinct {{ field }} as to_field from {{ to }}) as parent
    on child.{{ column_name }} = parent.to_field
where child.{{ column_name }} is not null
  and parent.to_field is null
{% endmacro %}

{#- Every item of a separator-joined list column is one of the accepted values (a NULL list is allowed). -#}
{% test accepted_list_values(model, column_name, values, separator=';') %}
select item
from (
    select unnest(string_split({{ column_name }}, '{{ separator }}')) as item
    from {{ model }}
    where {{ column_name }} is not null
)
where item not in ({% for value in values %}'{{ value }}'{{ ', ' if not loop.last }}{% endfor %})
{% endtest %}

{#- A key made of several columns is unique (dbt_utils would need a package download; we stay offline).
    Returns the rows sharing a key, so that a failure names their documents (see macros/isolating_tests.sql). -#}
{% test dbt_utils_free_unique_combination(model, columns) %}
select *
from {{ model }}
qualify count(*) over (partition by {{ columns | join(', ') }}) > 1
{% endtest %}

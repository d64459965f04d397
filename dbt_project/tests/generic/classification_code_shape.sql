{#- A classification code agrees with its row: digits only, 3/5/7 of them for a 类/款/项 (level_column), and a
    款/项 hangs under the code it starts with (parent_column), a 类 under nothing. -#}
{% test classification_code_shape(model, column_name, level_column='level', parent_column='parent_code') %}
select *
from {{ model }}
where not regexp_full_match({{ column_name }}, '[0-9]+')
   or length({{ column_name }}) != case {{ level_column }} when 'class' then 3 when 'kuan' then 5 when 'xiang' then 7 end
   or coalesce({{ parent_column }}, '') != case {{ level_column }}
        when 'class' then ''
        else left({{ column_name }}, length({{ column_name }}) - 2)
      end
{% endtest %}

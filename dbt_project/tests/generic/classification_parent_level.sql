{#- The tree has exactly three levels: the parent (column_name) of a 款 is a 类, the parent of a 项 is a 款. -#}
{% test classification_parent_level(model, column_name, key_column='function_code', level_column='level') %}
select child.*
from {{ model }} as child
join {{ model }} as parent on parent.{{ key_column }} = child.{{ column_name }}
where parent.{{ level_column }} != case child.{{ level_column }} when 'kuan' then 'class' when 'xiang' then 'kuan' end
   or child.{{ level_column }} = 'class'
{% endtest %}

-- Asset counts as printed: vehicles by use and equipment over 1 million yuan (§十 assets), and the
-- official-vehicle fleet by type (§七 三公). The two sections may disagree; both are kept.
select
    document_id, department_id, fiscal_year,
    case when family = 'assets' then 'assets' else 'three_public' end as section,
    subject as asset_item,
    subject_zh as asset_item_zh,
    {{ to_count('count_value') }} as item_count,
    seq, extractor, layout_profile, source_location, source_text
from {{ ref('int_figure_subjects') }}
where (family = 'assets' and count_value is not null)
   or (family = 'three_public' and subject like 'fleet%')

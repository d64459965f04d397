-- Every accounting identity evaluated per document: both sides, the difference, the tolerance derived
-- from printed precision, the status, and the sentence or cell the figures were printed in.
with results as (
    select * from {{ ref('stg_identity_results') }}
),

-- only the locations a result names: grouping every source text of hundreds of reports took ~1.5 GB
quoted as (
    select document_id, source_location from results where source_location is not null
    union
    select document_id, related_location from results where related_location is not null
),

texts as (
    select s.document_id, s.source_location, any_value(s.source_text) as source_text
    from {{ ref('stg_source_text') }} as s
    semi join quoted as q on q.document_id = s.document_id and q.source_location = s.source_location
    group by s.document_id, s.source_location
)

select
    r.document_id,
    d.department_id,
    d.fiscal_year,
    r.rule_id,
    r.rule_description,
    r.family,
    r.relation,
    r.subject,
    r.lhs,
    r.rhs,
    r.difference,
    r.tolerance,
    r.unit,
    r.status,
    r.severity,
    r.detail,
    r.source_location,
    t.source_text,
    r.related_location,
    rt.source_text as related_source_text
from results as r
left join {{ ref('int_documents') }} as d using (document_id)
left join texts as t on t.document_id = r.document_id and t.source_location = r.source_location
left join texts as rt on rt.document_id = r.document_id and rt.source_location = r.related_location

-- Figures of loaded documents only, with the document's department and year attached.
select
    f.*,
    d.department_id
from {{ ref('stg_figures') }} as f
join {{ ref('int_documents') }} as d using (document_id)
where d.status = 'loaded'

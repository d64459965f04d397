-- The report's glossary (名词解释): terms and definitions to show beside the figures.
select
    g.document_id,
    d.department_id,
    d.fiscal_year,
    g.seq,
    g.seq_printed,
    g.seq_number,
    g.term,
    g.definition,
    g.source_location
from {{ ref('stg_glossary') }} as g
join {{ ref('int_documents') }} as d on d.document_id = g.document_id and d.status = 'loaded'

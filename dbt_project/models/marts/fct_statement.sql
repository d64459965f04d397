-- One row per statement table of every loaded document: which statement, its unit, whether it is empty
-- (and the note under it), how many cells were read. A statement the layout requires and the document
-- lacks is listed in fct_extraction_issue.
select
    s.document_id,
    d.department_id,
    d.fiscal_year,
    s.statement_seq,
    s.statement,
    s.statement_title,
    s.occurrence,
    s.printed_unit,
    s.is_empty,
    s.note,
    s.header_rows,
    s.data_rows,
    s.value_cells,
    s.printed_cells,
    s.column_keys,
    s.column_labels,
    s.layout_profile,
    s.extractor,
    s.source_location,
    s.source_text
from {{ ref('stg_statements') }} as s
join {{ ref('int_documents') }} as d on d.document_id = s.document_id and d.status = 'loaded'

-- Documents with their stable department key and every file name they arrived under.
with files as (
    select document_id, min(source_file) as first_file, string_agg(source_file, '; ' order by source_file) as source_files
    from {{ ref('stg_document_files') }}
    group by document_id
)

select
    d.document_id,
    coalesce(f.first_file, d.source_file) as source_file,
    f.source_files,
    d.file_format,
    d.doc_kind,
    case when d.department_name is not null then {{ stable_id('dept', ['d.department_name']) }} end as department_id,
    d.department_name,
    d.fiscal_year,
    d.region,
    d.admin_level,
    d.status,
    d.quarantine_reason,
    d.byte_size,
    d.ingested_at,
    d.layout_profile,
    d.layout_detection
from {{ ref('stg_documents') }} as d
left join files as f using (document_id)

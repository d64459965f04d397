-- One row per ingested document: loaded, or quarantined with the reason.
select
    document_id,
    source_file,
    source_files,
    file_format,
    doc_kind,
    department_id,
    department_name,
    fiscal_year,
    status,
    quarantine_reason,
    byte_size,
    ingested_at
from {{ ref('int_documents') }}

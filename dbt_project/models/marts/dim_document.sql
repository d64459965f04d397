-- One row per ingested document: loaded, or quarantined with the reason. is_current marks the one
-- loaded document per department × fiscal year that trend marts use (a report can arrive in several
-- formats or be re-issued): the text or Word rendition before the PDF, then the latest ingested.
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
    ingested_at,
    layout_profile,
    layout_detection,
    status = 'loaded' and row_number() over (
        partition by department_id, fiscal_year, status
        order by case file_format when 'txt' then 1 when 'docx' then 2 when 'xlsx' then 3 when 'xls' then 3 else 4 end,
                 ingested_at desc, document_id
    ) = 1 as is_current
from {{ ref('int_documents') }}

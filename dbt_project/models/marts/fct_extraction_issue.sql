-- Everything an extractor could not use: findings of the extractors and printed figures that did not parse.
select document_id, extractor, severity, message, source_location, source_text
from {{ ref('stg_extraction_issues') }}
union all
select
    document_id,
    family as extractor,
    'warning' as severity,
    'figure not parsed (' || subject || ' ' || measure || '): ' || parse_error as message,
    source_location,
    source_text
from {{ ref('stg_figures') }}
where parse_error is not null

select
    document_id,
    cast(report_seq as integer) as report_seq,
    report_title,
    category,
    cast(seq as integer) as seq,
    indicator_name,
    max_score,
    max_score_raw,
    score,
    score_raw,
    name_location,
    source_location,
    source_text
from {{ source('raw', 'special_evaluation_indicators') }}

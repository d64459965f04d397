-- Every figure of every loaded report in long form, with provenance: the catch-all for figures that have
-- no dedicated mart, and the way from any number back to its sentence (statement = 'text') or to the
-- statement cell it was mapped from (statement = its code).
select
    document_id, department_id, fiscal_year, compared_year, statement, family, subject, subject_zh, measure,
    printed_value, printed_unit, cast(printed_decimals as smallint) as printed_decimals, amount_yuan, pct, raw_text, text_value,
    seq, parse_error, source_location, source_text, extractor, layout_profile
from {{ ref('int_loaded_figures') }}

-- Every narrative figure of every loaded report in long form, with provenance: the catch-all for
-- figures that have no dedicated mart, and the way from any number back to its sentence.
select
    document_id, department_id, fiscal_year, compared_year, family, subject, subject_zh, measure,
    printed_value, printed_unit, printed_decimals, amount_yuan, pct, raw_text, text_value,
    seq, parse_error, source_location, source_text
from {{ ref('int_loaded_figures') }}

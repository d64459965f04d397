-- The identity engine's results, typed (the engine writes exact Decimals; audit.identity_results).
select
    document_id,
    rule_id,
    rule_description,
    family,
    relation,
    subject,
    cast(lhs as decimal(24, 4)) as lhs,
    cast(rhs as decimal(24, 4)) as rhs,
    cast(difference as decimal(24, 4)) as difference,
    cast(tolerance as decimal(24, 6)) as tolerance,
    status,
    severity,
    detail,
    source_location,
    related_location,
    unit
from {{ ref('identity_results') }}

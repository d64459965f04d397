"""fct_income_by_source and fct_expenditure_by_type: keys, and agreement with the landing figures.

A category is keyed with the place it was printed (statement || ':' || key: the text and a statement may
both print it). `landing_mismatch` is computed exactly in SQL (DECIMAL): a mart amount that differs from the figure
it was built from (printed value × unit) is a pipeline fault.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a suite is built: importing GX costs ~5 s (see gx_runner.warm_up)
    import great_expectations as gx

from .common import suite

_RECONCILE = """
select m.document_id, m.statement || ':' || m.{key} as category,
       m.amount_yuan is not distinct from l.amount_yuan as amount_matches,
       m.source_location is not null as has_location
from {table} m
left join (
    select document_id, statement, subject, max(amount_yuan) as amount_yuan
    from staging.stg_figures where family = '{family}' and measure = 'amount' group by all
) l on l.document_id = m.document_id and l.statement = m.statement and l.subject = m.{key}
"""


def _build(name: str):
    def build_suite() -> gx.ExpectationSuite:
        import great_expectations as gx

        return suite(name, [
            gx.expectations.ExpectColumnValuesToBeInSet(column="amount_matches", value_set=[True], severity="critical"),
        ])
    return build_suite


INCOME_QUERY = _RECONCILE.format(key="source", table="marts.fct_income_by_source", family="income_by_source")
EXPENDITURE_QUERY = _RECONCILE.format(key="expenditure_type", table="marts.fct_expenditure_by_type",
                                      family="expenditure_by_type")
build_income_suite = _build("fct_income_by_source_integrity")
build_expenditure_suite = _build("fct_expenditure_by_type_integrity")

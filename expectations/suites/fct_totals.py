"""fct_totals: a derived row (a prior-year amount computed from a printed change) says how. (Its key, basis
vocabulary and locations are dbt tests — one home per check.)"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a suite is built: importing GX costs ~5 s (see gx_runner.warm_up)
    import great_expectations as gx

from .common import suite

TABLE = "marts.fct_totals"
QUERY = f"select document_id, statement, measure, fiscal_year, basis, derivation, source_location from {TABLE}"


def build_suite() -> gx.ExpectationSuite:
    import great_expectations as gx

    return suite("fct_totals_integrity", [
        gx.expectations.ExpectColumnValuesToNotBeNull(
            column="derivation", row_condition='basis == "derived"', condition_parser="pandas", severity="critical"),
    ])

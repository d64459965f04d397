"""fct_totals: a derived row (a prior-year amount computed from a printed change) says how. (Its key, basis
vocabulary and locations are dbt tests — one home per check.)"""
import great_expectations as gx

from .common import suite

TABLE = "marts.fct_totals"
QUERY = f"select document_id, statement, measure, fiscal_year, basis, derivation, source_location from {TABLE}"


def build_suite() -> gx.ExpectationSuite:
    return suite("fct_totals_integrity", [
        gx.expectations.ExpectColumnValuesToNotBeNull(
            column="derivation", row_condition='basis == "derived"', condition_parser="pandas", severity="critical"),
    ])

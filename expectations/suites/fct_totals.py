"""fct_totals: one row per document × place printed (statement) × measure × year; reported rows trace to a sentence; derived rows say how."""
import great_expectations as gx

from .common import key_expectations, suite

TABLE = "marts.fct_totals"
QUERY = f"select document_id, statement, measure, fiscal_year, basis, derivation, source_location from {TABLE}"


def build_suite() -> gx.ExpectationSuite:
    return suite("fct_totals_integrity", [
        *key_expectations(["document_id", "statement", "measure", "fiscal_year"]),
        gx.expectations.ExpectColumnValuesToBeInSet(column="basis", value_set=["reported", "derived"], severity="critical"),
        gx.expectations.ExpectColumnValuesToNotBeNull(column="source_location", severity="critical"),
        gx.expectations.ExpectColumnValuesToNotBeNull(
            column="derivation", row_condition='basis == "derived"', condition_parser="pandas", severity="critical"),
    ])

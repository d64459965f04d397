"""dim_document: one row per document; a quarantined document always says why."""
import great_expectations as gx

from .common import key_expectations, suite

TABLE = "marts.dim_document"
QUERY = f"select document_id, status, quarantine_reason, doc_kind, file_format from {TABLE}"


def build_suite() -> gx.ExpectationSuite:
    return suite("dim_document_integrity", [
        *key_expectations(["document_id"]),
        gx.expectations.ExpectColumnValuesToBeInSet(column="status", value_set=["loaded", "quarantined", "withdrawn"], severity="critical"),
        gx.expectations.ExpectColumnValuesToNotBeNull(
            column="quarantine_reason", row_condition='status != "loaded"', condition_parser="pandas",
            severity="critical"),
        gx.expectations.ExpectColumnValuesToBeNull(
            column="quarantine_reason", row_condition='status == "loaded"', condition_parser="pandas",
            severity="critical"),
        gx.expectations.ExpectColumnValuesToBeInSet(
            column="doc_kind", value_set=["final_accounts"], row_condition='status == "loaded"',
            condition_parser="pandas", severity="critical"),
    ])

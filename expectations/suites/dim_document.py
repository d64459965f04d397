"""dim_document: a quarantined document always says why, a loaded one is a final account. (Its key and status
vocabulary are dbt tests — one home per check.)"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a suite is built: importing GX costs ~5 s (see gx_runner.warm_up)
    import great_expectations as gx

from .common import suite

TABLE = "marts.dim_document"
QUERY = f"select document_id, status, quarantine_reason, doc_kind, file_format from {TABLE}"


def build_suite() -> gx.ExpectationSuite:
    import great_expectations as gx

    return suite("dim_document_integrity", [
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

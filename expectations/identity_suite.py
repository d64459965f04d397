"""The identity suite, generated from the registry (expectations/identities/*.yml): one expectation per rule.

A rule holds when none of its rows is a violation of severity warning or error (an info violation — a rounding
artefact — is reported, not held against the rule); missing inputs are reported separately. These are findings
about the document, so their severity is the rule's (warning), never a pipeline failure. The table's key and
status vocabulary are dbt tests (one home per check).
"""
import great_expectations as gx

from pipelines.identities.registry import Rule, load_rules

from .suites.common import suite

TABLE = "marts.fct_identity_check"
# Only the rows an expectation can fail on: a pass is info, and an info row is never held against its rule.
# (Reading every row cost ~20 s of pandas filtering per build at 200 reports, for the same outcome.)
QUERY = f"select document_id, rule_id, subject, status, severity from {TABLE} where severity <> 'info'"
_GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}


def rule_expectation(rule: Rule):
    return gx.expectations.ExpectColumnValuesToNotBeInSet(
        column="status", value_set=["violation"],
        row_condition=f'rule_id == "{rule.id}" and severity != "info"', condition_parser="pandas",
        severity=_GX_SEVERITY[rule.severity],
        meta={"rule_id": rule.id, "description": rule.description, "family": rule.family},
        description=f"{rule.id}: {rule.description}",
    )


def build_suite(rules: list[Rule] | None = None) -> gx.ExpectationSuite:
    rules = load_rules() if rules is None else rules
    return suite("identities", [
        *[rule_expectation(rule) for rule in rules],
    ])

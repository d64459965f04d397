"""The identity suite, generated from the registry (expectations/identities/*.yml): no rule is violated.

A rule holds when none of its rows is a violation of severity warning or error (an info violation — a rounding
artefact — is reported, not held against the rule): the suite validates those violations (QUERY), one
expectation per rule severity saying none is a rule of that severity; which rules are violated, and how often,
is read from the same rows (violated_rules). Missing inputs are reported separately. These are findings about
the document, so their severity is the rule's (warning), never a pipeline failure. The table's key and status
vocabulary are dbt tests (one home per check).

One expectation per rule (107) cost 3.2–3.9 s of GX's per-expectation work in every build at 200 reports; one
per severity, over the same rows, 0.07 s, with the same outcome and each violated rule still named with its count.
"""
import great_expectations as gx

from pipelines.identities.registry import Rule, load_rules

from .suites.common import suite

TABLE = "marts.fct_identity_check"
# The rows held against their rule: violations of severity warning or error (a pass is info, and an info
# violation — a rounding artefact — is reported in the mart, not held against its rule). The expectations then
# read one column without a row condition (107 pandas row conditions over every non-info row took 10 s at 200
# reports, and reading every row 20 s more).
QUERY = (f"select document_id, rule_id as violated_rule, subject from {TABLE} "
         "where status = 'violation' and severity <> 'info'")
_GX_SEVERITY = {"error": "critical", "warning": "warning", "info": "info"}


def severity_expectation(severity: str, rules: list[Rule]):
    """The rules of one severity hold: none of the violations held against a rule is one of theirs."""
    return gx.expectations.ExpectColumnValuesToNotBeInSet(
        column="violated_rule", value_set=[rule.id for rule in rules],
        severity=_GX_SEVERITY[severity],
        meta={"rules": {rule.id: rule.description for rule in rules}},
        description=f"no {severity} rule is violated ({len(rules)} rules)",
    )


def build_suite(rules: list[Rule] | None = None) -> gx.ExpectationSuite:
    rules = load_rules() if rules is None else rules
    by_severity: dict[str, list[Rule]] = {}
    for rule in rules:
        by_severity.setdefault(rule.severity, []).append(rule)
    return suite("identities", [severity_expectation(severity, of_severity)
                                for severity, of_severity in sorted(by_severity.items())])


def violated_rules(violations) -> list[str]:
    """One line per rule with violations held against it (QUERY's rows), most violations first."""
    counts = violations["violated_rule"].value_counts()
    return [f"{rule}: {count} violation(s)" for rule, count in sorted(counts.items(), key=lambda c: (-c[1], c[0]))]

"""Building a suite (keys and vocabularies are dbt tests: one home per check)."""
import great_expectations as gx


def suite(name: str, expectations: list) -> gx.ExpectationSuite:
    result = gx.ExpectationSuite(name=name)
    for expectation in expectations:
        result.add_expectation(expectation)
    return result

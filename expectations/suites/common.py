"""Expectations every mart shares: its key is present and unique."""
import great_expectations as gx


def key_expectations(columns: list[str]) -> list:
    """NULL or duplicate keys can only come from the pipeline: critical."""
    expectations = [gx.expectations.ExpectColumnValuesToNotBeNull(column=c, severity="critical") for c in columns]
    if len(columns) == 1:
        expectations.append(gx.expectations.ExpectColumnValuesToBeUnique(column=columns[0], severity="critical"))
    else:
        expectations.append(gx.expectations.ExpectCompoundColumnsToBeUnique(column_list=columns, severity="critical"))
    return expectations


def suite(name: str, expectations: list) -> gx.ExpectationSuite:
    result = gx.ExpectationSuite(name=name)
    for expectation in expectations:
        result.add_expectation(expectation)
    return result

"""Building a suite (keys and vocabularies are dbt tests: one home per check)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a suite is built: importing GX costs ~5 s (see gx_runner.warm_up)
    import great_expectations as gx


def suite(name: str, expectations: list) -> gx.ExpectationSuite:
    import great_expectations as gx

    result = gx.ExpectationSuite(name=name)
    for expectation in expectations:
        result.add_expectation(expectation)
    return result

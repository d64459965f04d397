"""Great Expectations 1.x suites as code, and the runner that validates DuckDB marts through pandas."""

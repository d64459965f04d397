"""DuckDB I/O: landing records into schema raw, reading marts back. No Dagster here."""

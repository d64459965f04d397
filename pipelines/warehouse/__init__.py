"""DuckDB I/O outside dbt: landing records into schema raw, and publishing the built warehouse."""

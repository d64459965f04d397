"""Extractors: pure functions from a Document to landing records (no Dagster, no DuckDB)."""

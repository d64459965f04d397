"""Pure parsing helpers: no Dagster, no dbt, no I/O."""

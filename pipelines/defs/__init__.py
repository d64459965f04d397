"""Dagster wiring: assets, checks, sensors and resources. Parsing logic lives outside this package."""

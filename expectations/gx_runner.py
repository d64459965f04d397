"""Validate a pandas DataFrame against a suite with an ephemeral, offline GX context.

No Data Docs are rendered: their pages load scripts from a CDN (blank offline), are named `__none__` and
pile up run after run; the findings report (pipelines/reports, reports/index.html) is what people read, and
a check's outcome is in its Dagster asset check. Nothing is written to disk.

GX's SQL datasource on DuckDB fails silently (STACK.md), so marts are read with DuckDB into pandas
and validated as dataframes. Money identities are never computed here: DuckDB's `.df()` turns
DECIMAL into float; the identity engine computes them exactly and GX checks its statuses.
"""
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd


@dataclass
class SuiteOutcome:
    suite_name: str
    success: bool
    evaluated: int
    failed: list[str] = field(default_factory=list)  # one line per failed expectation


def warm_up() -> None:
    """Import GX now (~5 s of imports, on one core). The build calls this right after starting dbt, whose own
    start (~7 s: imports, parse state) runs on the other core, so the checks after the models find GX loaded
    instead of adding its import to every build. Nothing else imports it before a suite runs: a run with no
    check to make never pays for it."""
    import gc

    import great_expectations  # noqa: F401

    gc.freeze()  # GX's ~260,000 objects live as long as the run: kept out of its full collections


def _context():
    import great_expectations as gx  # slow import (~5 s): only when a suite runs (or warm_up)
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    defaults = InMemoryStoreBackendDefaults()
    config = DataContextConfig(
        analytics_enabled=False,  # no usage statistics: nothing leaves the machine
        stores=dict(defaults.stores),
        expectations_store_name=defaults.expectations_store_name,
        validation_results_store_name=defaults.validation_results_store_name,
        checkpoint_store_name=defaults.checkpoint_store_name,
        data_docs_sites={},
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _describe(result) -> str:
    cfg = result.expectation_config
    kwargs = {k: v for k, v in cfg.kwargs.items() if k not in ("batch_id",)}
    observed = result.result or {}
    detail = observed.get("unexpected_count", observed.get("observed_value", ""))
    return f"{cfg.type} {kwargs} → unexpected: {detail} {observed.get('partial_unexpected_list', '')}".strip()


def validate(frames: dict[str, tuple[pd.DataFrame, Callable]]) -> list[SuiteOutcome]:
    """Validate each named DataFrame against the suite its builder returns."""
    import great_expectations as gx

    context = _context()
    source = context.data_sources.add_pandas("marts")
    outcomes: list[SuiteOutcome] = []
    for name, (frame, build_suite) in frames.items():
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        suite = context.suites.add_or_update(build_suite())
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        checkpoint = context.checkpoints.add(gx.Checkpoint(name=name, validation_definitions=[definition]))
        run = checkpoint.run(batch_parameters={"dataframe": frame})
        result = next(iter(run.run_results.values()))
        failed = [_describe(r) for r in result.results if not r.success]
        outcomes.append(SuiteOutcome(suite.name, bool(result.success), len(result.results), failed))
    return outcomes

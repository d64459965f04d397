"""Validate a pandas DataFrame against a suite with an ephemeral, offline GX context.

GX's SQL datasource on DuckDB fails silently (STACK.md), so marts are read with DuckDB into pandas
and validated as dataframes. Money identities are never computed here: DuckDB's `.df()` turns
DECIMAL into float; the identity engine computes them exactly and GX checks its statuses.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd


@dataclass
class SuiteOutcome:
    suite_name: str
    success: bool
    evaluated: int
    failed: list[str] = field(default_factory=list)  # one line per failed expectation


def _context(reports_dir: Path | None = None):
    import great_expectations as gx  # slow import (~5 s): only when a suite runs
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    defaults = InMemoryStoreBackendDefaults()
    stores, sites = dict(defaults.stores), {}
    if reports_dir is not None:
        # Validation results accumulate on disk so the Data Docs index lists every suite of every run,
        # although each check builds its own short-lived context.
        stores["validation_results_store"] = {
            "class_name": "ValidationResultsStore",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(reports_dir / "gx_validations")},
        }
        sites = {"local_site": {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(reports_dir / "data_docs")},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        }}
    config = DataContextConfig(
        analytics_enabled=False,  # no usage statistics: nothing leaves the machine
        stores=stores,
        expectations_store_name=defaults.expectations_store_name,
        validation_results_store_name=defaults.validation_results_store_name,
        checkpoint_store_name=defaults.checkpoint_store_name,
        data_docs_sites=sites,
        progress_bars=ProgressBarsConfig(globally=False),
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def _describe(result) -> str:
    cfg = result.expectation_config
    kwargs = {k: v for k, v in cfg.kwargs.items() if k not in ("batch_id",)}
    observed = result.result or {}
    detail = observed.get("unexpected_count", observed.get("observed_value", ""))
    return f"{cfg.type} {kwargs} → unexpected: {detail} {observed.get('partial_unexpected_list', '')}".strip()


def validate(frames: dict[str, tuple[pd.DataFrame, Callable]], reports_dir: Path | None = None) -> list[SuiteOutcome]:
    """Validate each named DataFrame against the suite its builder returns; with ``reports_dir``, keep
    the results and render Data Docs to ``reports_dir/data_docs``."""
    import great_expectations as gx

    context = _context(reports_dir)
    source = context.data_sources.add_pandas("marts")
    outcomes: list[SuiteOutcome] = []
    for name, (frame, build_suite) in frames.items():
        batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe(name)
        suite = context.suites.add_or_update(build_suite())
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        actions = [gx.checkpoint.UpdateDataDocsAction(name="data_docs")] if reports_dir is not None else []
        checkpoint = context.checkpoints.add(gx.Checkpoint(name=name, validation_definitions=[definition], actions=actions))
        run = checkpoint.run(batch_parameters={"dataframe": frame})
        result = next(iter(run.run_results.values()))
        failed = [_describe(r) for r in result.results if not r.success]
        outcomes.append(SuiteOutcome(suite.name, bool(result.success), len(result.results), failed))
    return outcomes

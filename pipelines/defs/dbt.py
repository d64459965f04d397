"""dbt models as Dagster assets (staging → intermediate → marts, and the identity engine as a Python model)."""
from functools import cached_property
from importlib.metadata import version as installed_version

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets
from dagster_duckdb import DuckDBResource
from packaging.version import Version

from expectations.gx_runner import warm_up
from pipelines import settings
from pipelines.ingest import RECORD_TYPES
from pipelines.warehouse.build_inputs import prepare_build, reset_derived_schemas

from .dbt_project import dbt_project, invocation_target_path
from .partitions import WAREHOUSE_WRITER_POOL

# Rounds of build → quarantine the documents whose rows fail a test → build again. Each round quarantines
# at least one document. The first round is one `dbt build`, which skips what is downstream of a failing
# test; the rounds after it build every model before any test runs, so the second finds every document
# whose rows fail a test and the third builds without them.
MAX_ISOLATION_ROUNDS = 3

# dbt tests are not Dagster asset checks (three events each, ~15 s a build for 230 tests): their outcome is
# metadata on each model's materialization (pipelines/warehouse/dbt_results.py); a failing one fails the step.
TRANSLATOR = DagsterDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=False))


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    name="warehouse_models",
    pool=WAREHOUSE_WRITER_POOL,
    dagster_dbt_translator=TRANSLATOR,
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: DuckDBResource):
    """Staging, intermediate and mart models with their dbt data tests, and the identity engine between the
    marts it reads and fct_identity_check (dbt_project/models/audit/identity_results.py). A test failing on the
    rows of some documents quarantines those documents alone and builds the others
    (pipelines/warehouse/isolation.py)."""
    from pipelines.warehouse import incremental, isolation

    fingerprint = isolation.pipeline_fingerprint()
    with warehouse.get_connection() as con:
        started_at = prepare_build(context, con, fingerprint)
    for round_number in range(MAX_ISOLATION_ROUNDS):
        events, invocation = build_then_test(context, dbt, at_once=round_number == 0)
        if invocation.is_successful():
            yield from with_test_outcomes(events, invocation)
            return
        try:
            run_results = invocation.get_artifact("run_results.json")
        except Exception as exc:  # dbt stopped before running anything (a project error): a pipeline fault
            raise dg.Failure(description=f"dbt failed before building (see its output above): {exc!r}") from exc
        tests, errors = isolation.failed_nodes(run_results)
        with warehouse.get_connection() as con:
            failures = [isolation.read_back(con, t) for t in tests]
            loaded = isolation.loaded_documents(con)
            verdict = isolation.decide(
                failures, [f"{e['unique_id']}: {e.get('message')}" for e in errors], loaded,
                settings.max_quarantine_share())
            if verdict.fault:
                raise dg.Failure(description=verdict.fault)
            isolation.quarantine(con, verdict.quarantine, failures, fingerprint)
            incremental.note_quarantined(con, started_at, verdict.quarantine)
            for document_id, reason in verdict.quarantine.items():
                context.log.warning(f"quarantined {loaded.get(document_id, document_id)} "
                                    f"({document_id[:12]}…): {reason}")
            reset_derived_schemas(con)
            isolation.refresh_build_input(con, [t.table for t in RECORD_TYPES])
    raise dg.Failure(description=f"dbt tests still fail after {MAX_ISOLATION_ROUNDS} rounds of quarantine "
                                 "— a pipeline fault, nothing published")


def build_then_test(context: dg.AssetExecutionContext, dbt: DbtCliResource, at_once: bool = False):
    """``at_once``: one `dbt build`, models and their tests in one dbt process (a run where every test passes
    starts dbt once here, not twice: ~8 s). Otherwise seeds and models first, then every data test: unlike
    `dbt build`, a failing test does not skip what is downstream of it, so the tests of every layer run and
    name every failing document at once.
    Returns the events (kept until the round is known to be the last) and the last invocation."""
    if at_once:
        build = dbt.cli(["build", *dbt_flags()], context=context, raise_on_error=False,
                        target_path=_target_path(context))
        warm_up()  # GX's imports while dbt starts on the other core
        return list(build.stream()), build
    models = dbt.cli(["build", *dbt_flags("test")], context=context, raise_on_error=False,
                     target_path=_target_path(context))
    warm_up()  # GX's imports while dbt starts on the other core
    events = list(models.stream())
    if not models.is_successful():
        return events, models
    tests = dbt.cli(["test", *dbt_flags()], context=context, raise_on_error=False, target_path=_target_path(context))
    return events + list(tests.stream()), tests


def dbt_flags(*excluded_types: str) -> list[str]:
    """The flags of every dbt call of a build: its threads (settings.dbt_threads), and the resource types it
    leaves out — these, and dbt's unit tests unless the settings ask for them (settings.dbt_unit_tests: ~2 s
    of a build)."""
    kinds = [*excluded_types, *([] if settings.dbt_unit_tests() else ["unit_test"])]
    return ["--threads", str(settings.dbt_threads()), *(["--exclude-resource-type", *kinds] if kinds else [])]


def with_test_outcomes(events: list, invocation):
    """The models' outputs, each carrying the outcome of its dbt tests; the per-test observations dagster-dbt
    makes when tests are not asset checks are dropped (the same ~20 ms per event the checks cost)."""
    from pipelines.warehouse.dbt_results import outcomes_by_model

    outcomes = outcomes_by_model(invocation.get_artifact("run_results.json"), invocation.manifest)
    for event in events:
        if isinstance(event, dg.AssetObservation):
            continue
        if isinstance(event, dg.Output) and event.metadata.get("unique_id") is not None:
            unique_id = event.metadata["unique_id"]
            unique_id = getattr(unique_id, "value", unique_id)
            if unique_id in outcomes:
                event = event.with_metadata({**event.metadata, **outcomes[unique_id].metadata()})
        yield event


def _target_path(context: dg.AssetExecutionContext):
    """target/<asset>-<run>-<random>: the name cli.py's cleanup removes after the run."""
    return invocation_target_path(f"{context.op.name}-{context.run_id[:8]}")


class OfflineDbtCliResource(DbtCliResource):
    """dagster-dbt learns the dbt version by running `dbt --version`, which asks PyPI for the latest
    release. The installed dbt-core is the version; no process, no network."""

    @cached_property
    def _cli_version(self) -> Version:
        return Version(installed_version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args):
        """dagster-dbt opens dbt's adapter in this process before starting dbt (~2 s a call, measured: loading
        dbt's flags, project and macros), only for fetch_column_metadata / fetch_row_counts, which these assets
        do not use. Without it the invocation has no adapter, as with dbt Fusion."""
        return None


def dbt_resource() -> DbtCliResource:
    """dbt started through pipelines/warehouse/dbt_child.py, so that it dies with the run that started it."""
    import sys

    from pipelines.warehouse import dbt_child

    return OfflineDbtCliResource(project_dir=dbt_project, profiles_dir=str(settings.DBT_PROJECT_DIR),
                                 dbt_executable=sys.executable, global_config_flags=[dbt_child.__file__])

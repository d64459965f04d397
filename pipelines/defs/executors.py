"""Where the extraction job's steps run: in this process (default), or on a Dask cluster (dagster-dask).

Extraction of many documents is the only work that needs more than one machine; it writes Parquet folders,
never the DuckDB file, so its steps may run anywhere that sees raw/ and the landing folder. The build job
(dbt, checks, publication) stays on the Dagster run worker: one writer, one publisher.

Within the extraction step, documents fan out over the local cores, or — when the step runs on a Dask
worker — over the same Dask cluster (pipelines/extraction.py)."""
import dagster as dg

from pipelines import settings


class _StepArguments:
    """A step's arguments, opaque to Dask. Since dask 2024.12, Client.submit walks every tuple among its
    arguments looking for futures, and Dagster's run records (named tuples holding records that refuse
    iteration) make dagster-dask 0.29's submit fail with "Iteration is not allowed on `@record`"."""

    def __init__(self, *args):
        self.args = args


def _run_step(arguments: _StepArguments, dependencies):
    from dagster_dask.executor import query_on_dask_worker

    return query_on_dask_worker(dependencies, *arguments.args)


def _dask_executor_class():
    import dask.distributed
    from dagster._utils import iterate_with_context
    from dagster._core.errors import raise_execution_interrupts
    from dagster_dask.executor import DaskExecutor, get_dask_resource_requirements

    class DaskStepExecutor(DaskExecutor):
        """dagster-dask's executor for an existing scheduler or a local cluster, its steps' arguments wrapped."""

        def execute(self, plan_context, execution_plan):
            if self.cluster_type == "existing":
                cluster = self.cluster_configuration["address"]
            elif self.cluster_type == "local":
                cluster = dask.distributed.LocalCluster(**self.build_dict(plan_context.job_name))
            else:
                raise ValueError(f"cluster {self.cluster_type!r}: use 'existing' (a scheduler address) or 'local'")
            with dask.distributed.Client(cluster) as client:
                futures = {}
                for level in execution_plan.get_steps_to_execute_by_level():
                    for step in level:
                        dependencies = [futures[key] for step_input in step.step_inputs
                                        for key in step_input.dependency_keys]
                        futures[step.key] = client.submit(
                            _run_step, _StepArguments(
                                plan_context.reconstructable_job, plan_context.dagster_run, plan_context.run_config,
                                [step.key], plan_context.instance.get_ref(), execution_plan.known_state),
                            dependencies, key=f"{plan_context.job_name}.{step.key}",
                            resources=get_dask_resource_requirements(step.tags))
                completed = dask.distributed.as_completed(list(futures.values()), with_results=True)
                for _, events in iterate_with_context(raise_execution_interrupts, completed):
                    yield from events

    return DaskStepExecutor


def dask_executor() -> dg.ExecutorDefinition:
    """dagster-dask's executor (same configuration: cluster.existing.address or cluster.local)."""
    from dagster_dask import dask_executor as library_executor  # dask imports in ~3 s: only where it is used

    @dg.executor(name="dask", config_schema=library_executor.config_schema,
                 requirements=dg.multiple_process_executor_requirements())
    def _dask(init_context):
        ((cluster_type, configuration),) = init_context.executor_config["cluster"].items()
        return _dask_executor_class()(cluster_type, configuration)

    return _dask


def extraction_executor() -> dg.ExecutorDefinition | None:
    """The Dask cluster at JUESUAN_DASK_SCHEDULER, or None: the code location's in-process executor."""
    address = settings.dask_scheduler()
    if not address:
        return None
    return dask_executor().configured({"cluster": {"existing": {"address": address}}}, name="dask_extraction")

"""Where the extraction job's steps run: in this process (default), or on a Dask cluster (dagster-dask).

Extraction of many documents is the only work that needs more than one machine; it writes Parquet folders,
never the DuckDB file, so its steps may run anywhere that sees raw/ and the landing folder. The build job
(dbt, checks, publication) stays on the Dagster run worker: one writer, one publisher.

Within the extraction step, documents fan out over the local cores, or — when the step runs on a Dask
worker — over the same Dask cluster (pipelines/extraction.py)."""
import dagster as dg

from pipelines import settings


def extraction_executor() -> dg.ExecutorDefinition | None:
    """The Dask cluster at JUESUAN_DASK_SCHEDULER, or None: the code location's in-process executor."""
    address = settings.dask_scheduler()
    if not address:
        return None
    from dagster_dask import dask_executor  # dask imports in ~3 s: only where a cluster is configured

    return dask_executor.configured({"cluster": {"existing": {"address": address}}}, name="dask_extraction")

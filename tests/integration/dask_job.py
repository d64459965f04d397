"""The extraction job as a Dask deployment runs it: the code location's job with the dagster-dask executor
(what JUESUAN_DASK_SCHEDULER selects, pipelines/defs/executors.py), reconstructable on the Dask workers."""


def extract_job():
    from pipelines.definitions import defs
    from pipelines.defs.executors import dask_executor

    return defs.resolve_job_def("extract_documents_job").with_executor_def(dask_executor())

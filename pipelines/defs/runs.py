"""Under `dagster dev`: runs whose process died are failed and their pool slots freed, every minute.

The CLI does the same at the start of every run (pipelines/run_control.py); this sensor covers a daemon
that stays up while a run worker is killed — without it the dead run would keep its `duckdb_writer`
slot and every later run would wait for ever."""
import dagster as dg

from pipelines import run_control


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def dead_runs_sensor(context: dg.SensorEvaluationContext) -> dg.SkipReason:
    recovered: list[str] = []
    run_control.recover_stale_runs(context.instance, log=recovered.append)
    for line in recovered:
        context.log.warning(line)
    return dg.SkipReason("; ".join(recovered) or "no dead run")

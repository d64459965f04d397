"""`python -m pipelines.cli run`: register every document in raw/ and build the warehouse in-process.

This is what `make run` calls: the same Dagster definitions and instance (DAGSTER_HOME) as
`make dev`, without a daemon — new documents are extracted in one run, then dbt, the identity
engine and the checks run in a second.

A run first makes sure nothing left behind blocks it (pipelines/run_control.py): it takes the
warehouse lock (another run in progress → a message saying which, and exit code 75), fails the
records of runs whose process died and frees their pool slots. At the end it prunes old run records
and reports.
"""
import argparse
import os
import socket
import sys

from pipelines import run_control, settings


def run(only_new: bool = False) -> int:
    settings.export_for_subprocesses()
    build_file = settings.build_path()
    try:
        run_control.acquire(build_file, settings.lock_wait_seconds(), log=print)
    except run_control.Busy as exc:
        print(f"{exc}. This run exits; set JUESUAN_LOCK_WAIT=<seconds> to wait for it instead.")
        return run_control.EXIT_BUSY
    try:
        import dagster as dg

        instance = dg.DagsterInstance.get()
        live = run_control.recover_stale_runs(instance, log=print)
        if live:
            print("another run is in progress: " + "; ".join(str(r) for r in live) + ". This run exits.")
            return run_control.EXIT_BUSY
        if build_file.exists():  # a process holding the build file open for writing: say who, do not hang
            import duckdb

            try:
                run_control.connect_when_free(str(build_file), settings.lock_wait_seconds(), print,
                                              duckdb.connect).close()
            except run_control.Busy as exc:
                print(f"{exc}. This run exits.")
                return run_control.EXIT_BUSY
        try:
            return _run(instance, only_new)
        finally:
            _prune(instance)
    finally:
        run_control.release(build_file)


def _run(instance, only_new: bool) -> int:
    from pipelines.defs.documents import new_document_keys
    from pipelines.defs.partitions import documents_partitions
    from pipelines.discovery import scan
    from pipelines.extraction import NEW, RE_EXTRACTED, UNCHANGED, plan
    from pipelines.warehouse import incremental
    from pipelines.warehouse.isolation import pipeline_fingerprint
    from pipelines.warehouse.landing_files import extractor_version, read_manifests

    snapshot = scan(settings.raw_dir(), settings.settle_seconds())
    files = snapshot.by_document()
    known = instance.get_dynamic_partitions(documents_partitions.name)
    new_keys = new_document_keys(files, known)
    if new_keys:
        instance.add_dynamic_partitions(documents_partitions.name, new_keys)
    keys = instance.get_dynamic_partitions(documents_partitions.name)
    # Extracted once per (content hash, extractor version): only documents whose landing folder is missing or
    # was written by another extractor version (or under other file names) are read.
    manifests = read_manifests(settings.landing_dir())
    decisions = plan([k for k in keys if k in files], files, manifests, extractor_version())
    targets = [d.document_id for d in decisions
               if d.action == NEW or (d.action == RE_EXTRACTED and not only_new)]
    counts = {action: sum(d.action == action for d in decisions) for action in (NEW, RE_EXTRACTED, UNCHANGED)}
    print(f"{len(files)} document(s) in {settings.raw_dir()}: {counts[NEW]} new, {counts[RE_EXTRACTED]} to "
          f"extract again, {counts[UNCHANGED]} unchanged; extracting {len(targets)}")
    for entry in snapshot.not_read():
        print(f"  {entry.action}: {entry.name} ({entry.kind}): {entry.reason}")
    if not targets and incremental.published_fingerprint(settings.warehouse_path()) == incremental.inputs_fingerprint(
            snapshot, manifests, pipeline_fingerprint()):
        print(f"nothing new: no document to extract and nothing changed since the last build; "
              f"the warehouse is current: {settings.warehouse_path()}")
        return 0
    from pipelines.defs.dbt_project import prepare_dbt_manifest

    prepare_dbt_manifest()
    from pipelines.definitions import defs

    tags = {run_control.PID_TAG: str(os.getpid()), run_control.HOST_TAG: socket.gethostname()}
    if targets:
        # One run over the range: the asset's single-run backfill policy extracts every key in it that needs
        # it (unchanged keys in the range are skipped; keys whose file has left raw/ keep their rows).
        first, last = min(targets, key=keys.index), max(targets, key=keys.index)
        extract = defs.resolve_job_def("extract_documents_job").execute_in_process(
            instance=instance, raise_on_error=False,
            tags={**tags, "dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
        )
        if not extract.success:
            _print_failures(extract)
            return 1
    build = defs.resolve_job_def("build_warehouse").execute_in_process(
        instance=instance, raise_on_error=False, tags=tags)
    _remove_dbt_run_folders()
    if build.success:
        print(f"warehouse: {settings.warehouse_path()}")
        return 0
    _print_failures(build)
    print(f"build failed: {settings.warehouse_path()} was not replaced (see the errors above)")
    return 1


def _print_failures(result) -> None:
    """The reason of each failed step, last, where a person reads it (not lost among the run's events)."""
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            error = event.step_failure_data.error
            message = (event.step_failure_data.user_failure_data.description
                       if event.step_failure_data.user_failure_data else None) or error.message.strip()
            print(f"step {event.step_key} failed: {message}")


def _prune(instance) -> None:
    runs = run_control.prune_runs(instance, settings.keep_runs())
    reports = run_control.prune_reports(settings.reports_dir(), settings.keep_reports())
    if runs or reports:
        print(f"pruned {runs} old run record(s) and {reports} old validation report(s) "
              f"(keeping {settings.keep_runs()} runs, {settings.keep_reports()} reports per suite)")


def _remove_dbt_run_folders() -> None:
    """dagster-dbt leaves a target/<asset>-<run> folder per invocation; they are only logs of that run."""
    import shutil

    for folder in (settings.DBT_PROJECT_DIR / "target").glob("*_models-*"):
        shutil.rmtree(folder, ignore_errors=True)


def prepare() -> int:
    """Before `dagster dev`: parse the dbt project, and clear what runs that died left behind."""
    settings.export_for_subprocesses()
    from pipelines.defs.dbt_project import prepare_dbt_manifest

    prepare_dbt_manifest()
    import dagster as dg

    run_control.recover_stale_runs(dg.DagsterInstance.get(), log=print)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipelines.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="extract documents in raw/ and build the warehouse")
    run_parser.add_argument("--only-new", action="store_true", help="extract only documents not seen before")
    sub.add_parser("prepare", help="parse the dbt project (manifest for Dagster); fail dead runs' records")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        return prepare()
    return run(only_new=args.only_new)


if __name__ == "__main__":
    sys.exit(main())

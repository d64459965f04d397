"""`juesuan` (or `python -m pipelines.cli`): run the pipeline, and read what it published.

`juesuan run` is what `make run` calls: the same Dagster definitions and instance (DAGSTER_HOME) as
`make dev`, without a daemon — new documents are extracted in one run, then dbt, the identity
engine and the checks run in a second.

The terminal shows what a person reads (progress, a summary, what failed and what to do); Dagster's and
dbt's detail goes to a log file beside the warehouse (`--verbose` shows it too).

A run first makes sure nothing left behind blocks it (pipelines/run_control.py): it takes the
warehouse lock (another run in progress → a message saying which, and exit code 75), fails the
records of runs whose process died and frees their pool slots. At the end it prunes old run records
and reports.
"""
import argparse
import gc
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from pipelines import run_control, settings


_say = print  # the terminal; during a run, RunConsole.say (print itself then writes to the log file)
_built = False  # whether this run built the warehouse (else the last build's counts are not this run's)


def run(only_new: bool = False, verbose: bool = False) -> int:
    global _say
    from pipelines.console import RunConsole

    settings.export_for_subprocesses()
    with RunConsole(settings.log_dir(), verbose) as console:
        _say = console.say
        try:
            console.say(f"juesuan run: {settings.raw_dir()} → {settings.warehouse_path()} "
                        f"(detail: {console.log_path})")
            code = _locked_run(only_new)
            if code == 0:
                _say_summary()
            elif code != run_control.EXIT_BUSY:
                console.say(
                    "nothing was published; the previous warehouse stays and BI users still read it.\n"
                    "what to do: the failed step above names the check and, where one document tripped it, the "
                    "document (that one is quarantined and the others publish, so a failure here is a pipeline "
                    "fault — our code, a vocabulary or layout file, a seed, a model). If you changed such a "
                    "file, fix it and run again; otherwise report it with the run's log file: "
                    f"{console.log_path}")
            return code
        except BaseException as exc:  # a crash is reported where a person reads it, then raised
            console.say(f"the run stopped: {type(exc).__name__}: {exc}. Detail: {console.log_path}")
            raise
        finally:
            _say = print


def _say_summary() -> None:
    from pipelines import summary

    path = settings.warehouse_path()
    report = settings.reports_dir() / "index.html"
    _say(summary.render(summary.read(path), _run_counts(path) if _built else None,
                        report if report.exists() else None))


def _run_counts(path) -> dict[str, int] | None:
    """What this run did to each document, where the run recorded it (runs.document_actions)."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        try:
            return dict(con.execute(
                "select action, count(*) from runs.document_actions "
                "where run_started_at = (select max(run_started_at) from runs.document_actions) "
                "group by 1 order by 2 desc, 1").fetchall()) or None
        except duckdb.CatalogException:
            return None


def _locked_run(only_new: bool) -> int:
    build_file = settings.build_path()
    try:
        run_control.acquire(build_file, settings.lock_wait_seconds(), log=_say)
    except run_control.Busy as exc:
        _say(f"{exc}. This run exits; set JUESUAN_LOCK_WAIT=<seconds> (or --lock-wait) to wait for it instead.")
        return run_control.EXIT_BUSY
    try:
        import dagster as dg

        instance = dg.DagsterInstance.get()
        live = run_control.recover_stale_runs(instance, log=_say)
        if live:
            _say("another run is in progress: " + "; ".join(str(r) for r in live) + ". This run exits.")
            return run_control.EXIT_BUSY
        if build_file.exists():  # a process holding the build file open for writing: say who, do not hang
            import duckdb

            try:
                run_control.connect_when_free(str(build_file), settings.lock_wait_seconds(), _say,
                                              duckdb.connect).close()
            except run_control.Busy as exc:
                _say(f"{exc}. This run exits.")
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
    _say(f"{len(files)} document(s) in {settings.raw_dir()}: {counts[NEW]} new, {counts[RE_EXTRACTED]} to "
          f"extract again, {counts[UNCHANGED]} unchanged; extracting {len(targets)}")
    for entry in snapshot.not_read():
        _say(f"  {entry.action}: {entry.name} ({entry.kind}): {entry.reason}")
    if not targets and incremental.published_fingerprint(settings.warehouse_path()) == incremental.inputs_fingerprint(
            snapshot, manifests, pipeline_fingerprint()):
        _say(f"nothing new: no document to extract and nothing changed since the last build; "
              f"the warehouse is current: {settings.warehouse_path()}")
        return 0
    from pipelines.defs.dbt_project import prepare_dbt_manifest

    prepare_dbt_manifest()
    from pipelines.definitions import defs

    # The definitions (Dagster's, dagster-dbt's manifest, the layouts) live until the process ends: frozen, the
    # collector's full passes during the run skip them (~400,000 objects; 2.8 s of full collections measured in
    # a one-new run at 200 reports).
    gc.freeze()

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
    global _built
    _built = True
    build = defs.resolve_job_def("build_warehouse").execute_in_process(
        instance=instance, raise_on_error=False, tags=tags)
    _remove_dbt_run_folders()
    if build.success:
        print(f"warehouse: {settings.warehouse_path()}")
        return 0
    _print_failures(build)
    _say(f"build failed: {settings.warehouse_path()} was not replaced (see the errors above)")
    return 1


def _print_failures(result) -> None:
    """The reason of each failed step, last, where a person reads it (not lost among the run's events)."""
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data and event.step_failure_data.error:
            error = event.step_failure_data.error
            message = (event.step_failure_data.user_failure_data.description
                       if event.step_failure_data.user_failure_data else None) or error.message.strip()
            _say(f"step {event.step_key} failed: {message}")


def _prune(instance) -> None:
    runs = run_control.prune_runs(instance, settings.keep_runs())
    reports = run_control.prune_reports(settings.reports_dir(), settings.keep_reports())
    logs = run_control.prune_logs(settings.log_dir(), settings.keep_runs())
    if runs or reports or logs:
        _say(f"pruned {runs} old run record(s) and {reports} old validation report(s) "
             f"and {logs} old log file(s) (keeping {settings.keep_runs()} runs, {settings.keep_reports()} reports per suite)")


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


def status() -> int:
    """What the published warehouse holds, and whether a run is in progress."""
    from pipelines import summary

    try:
        run_control.acquire(settings.build_path(), 0, log=lambda _: None)
    except run_control.Busy as exc:
        print(f"a run is in progress: {exc}")
    else:
        run_control.release(settings.build_path())
        print("no run in progress")
    path = settings.warehouse_path()
    if not path.exists():
        print(f"no warehouse published yet at {path}: `juesuan run` builds it from {settings.raw_dir()}")
        return 1
    print(f"published {datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec='seconds')}")
    print(summary.render(summary.read(path)))
    return 0


def findings(document: str | None, limit: int) -> int:
    """Every violated check (of one document, by id prefix or file name), worst first."""
    from pipelines import summary

    path = settings.warehouse_path()
    if not path.exists():
        print(f"no warehouse published yet at {path}")
        return 1
    found = summary.read(path, worst=limit, document=document)
    if document and not found.documents_by_status:
        print(f"no document {document!r} in {path} (give a file name or the start of a document id)")
        return 1
    print(summary.render(found))
    return 0


def export(file_format: str, target: str) -> int:
    """Every mart (and dim) table of the published warehouse as one Parquet or CSV file each."""
    import duckdb

    path = settings.warehouse_path()
    if not path.exists():
        print(f"no warehouse published yet at {path}")
        return 1
    out = Path(target).resolve()
    out.mkdir(parents=True, exist_ok=True)
    options = "(format parquet)" if file_format == "parquet" else "(format csv, header true)"
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [t for (t,) in con.execute("select table_name from duckdb_tables() where schema_name = 'marts' "
                                            "order by 1").fetchall()]
        for table in tables:
            destination = out / f"{table}.{file_format}"
            con.execute(f"copy marts.{table} to '{_sql_string(destination)}' {options}")
    print(f"exported {len(tables)} tables of {path} to {out} as {file_format}")
    return 0


def _sql_string(path: Path) -> str:
    return str(path).replace("'", "''")


def dev(port: int) -> int:
    """The Dagster UI and daemon (sensors, the nightly schedule) on 127.0.0.1."""
    code = prepare()
    if code:
        return code
    dagster = Path(sys.executable).with_name("dagster")
    os.execv(str(dagster), [str(dagster), "dev", "-m", "pipelines.definitions", "-h", "127.0.0.1", "-p", str(port)])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="juesuan", description="Departmental final-accounts reports (部门决算) into a DuckDB fiscal warehouse.",
        epilog="Settings default to the environment variables named in each flag's help.")
    parser.add_argument("--raw-dir", help="folder of the reports to read (JUESUAN_RAW_DIR, default raw/)")
    parser.add_argument("--warehouse", help="the published DuckDB file (JUESUAN_WAREHOUSE, default "
                                            "warehouse/juesuan.duckdb)")
    parser.add_argument("--reports-dir", help="where the findings report is written (JUESUAN_REPORTS_DIR, "
                                              "default reports/)")
    parser.add_argument("--log-dir", help="where each run's log file goes (JUESUAN_LOG_DIR, default logs/ beside "
                                          "the warehouse)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_parser = sub.add_parser("run", help="extract the documents in the raw folder, build, check and publish",
                                description="Extract new documents, build the warehouse with dbt, check it, publish "
                                            "it and write the findings report; ends with a summary.")
    run_parser.add_argument("--only-new", action="store_true", help="extract only documents not seen before")
    run_parser.add_argument("--verbose", "-v", action="store_true",
                            help="show Dagster's and dbt's detail too (it always goes to the run's log file)")
    run_parser.add_argument("--lock-wait", type=float, metavar="SECONDS",
                            help="wait this long for another run to finish (JUESUAN_LOCK_WAIT, default 0: exit)")
    sub.add_parser("status", help="what the published warehouse holds; whether a run is in progress",
                   description="Documents by status, facts, findings by severity, and whether a run is in progress.")
    findings_parser = sub.add_parser("findings", help="the violated checks, worst first (of one document)",
                                     description="Violated checks of the published warehouse, worst first.")
    findings_parser.add_argument("document", nargs="?", help="a file name or the start of a document id")
    findings_parser.add_argument("--limit", type=int, default=50, help="how many findings to list (default 50)")
    export_parser = sub.add_parser("export", help="write every mart as Parquet or CSV files",
                                   description="One file per mart table of the published warehouse.")
    export_parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    export_parser.add_argument("directory", help="the folder to write into (created if missing)")
    dev_parser = sub.add_parser("dev", help="the Dagster UI with the sensor and the nightly schedule",
                                description="Runs `dagster dev` on 127.0.0.1 after clearing what dead runs left.")
    dev_parser.add_argument("--port", type=int, default=3000)
    sub.add_parser("prepare", help="parse the dbt project (manifest for Dagster); fail dead runs' records")
    return parser


_FLAG_SETTINGS = {"raw_dir": "JUESUAN_RAW_DIR", "warehouse": "JUESUAN_WAREHOUSE",
                  "reports_dir": "JUESUAN_REPORTS_DIR", "log_dir": "JUESUAN_LOG_DIR", "lock_wait": "JUESUAN_LOCK_WAIT"}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    for flag, variable in _FLAG_SETTINGS.items():  # a flag overrides its environment variable
        value = getattr(args, flag, None)
        if value is not None:
            os.environ[variable] = str(Path(value).resolve()) if flag.endswith("dir") or flag == "warehouse" \
                else str(value)
    if args.command == "prepare":
        return prepare()
    if args.command == "status":
        return status()
    if args.command == "findings":
        return findings(args.document, args.limit)
    if args.command == "export":
        return export(args.format, args.directory)
    if args.command == "dev":
        return dev(args.port)
    code = run(only_new=args.only_new, verbose=args.verbose)
    # The interpreter's shutdown collects every object left (~600,000 after a build): 3.7 s measured after
    # the summary is printed. Frozen objects are not collected; the process's exit frees them.
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())

"""`python -m pipelines.cli run`: register every document in raw/ and build the warehouse in-process.

This is what `make run` calls: the same Dagster definitions and instance (DAGSTER_HOME) as
`make dev`, without a daemon — new documents are extracted in one run, then dbt, the identity
engine and the checks run in a second.
"""
import argparse
import sys

from pipelines import settings


def run(only_new: bool = False) -> int:
    settings.export_for_subprocesses()
    from pipelines.defs.dbt_project import prepare_dbt_manifest

    prepare_dbt_manifest()
    import dagster as dg

    from pipelines.definitions import defs
    from pipelines.defs.documents import new_document_keys
    from pipelines.defs.partitions import documents_partitions
    from pipelines.discovery import discover

    instance = dg.DagsterInstance.get()
    files = discover(settings.raw_dir())
    known = instance.get_dynamic_partitions(documents_partitions.name)
    new_keys = new_document_keys(files, known)
    if new_keys:
        instance.add_dynamic_partitions(documents_partitions.name, new_keys)
    keys = instance.get_dynamic_partitions(documents_partitions.name)
    targets = new_keys if only_new else [k for k in keys if k in files]
    print(f"{len(files)} document(s) in {settings.raw_dir()}, {len(new_keys)} new; extracting {len(targets)}")
    if targets:
        # One run over the range: the asset's single-run backfill policy extracts every key in it
        # (keys in the range whose file has left raw/ are skipped and keep their rows).
        first, last = min(targets, key=keys.index), max(targets, key=keys.index)
        extract = defs.resolve_job_def("extract_documents_job").execute_in_process(
            instance=instance,
            tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
        )
        if not extract.success:
            return 1
    build = defs.resolve_job_def("build_warehouse").execute_in_process(instance=instance, raise_on_error=False)
    _remove_dbt_run_folders()
    print(f"warehouse: {settings.warehouse_path()}" if build.success else
          f"build failed: {settings.warehouse_path()} was not replaced (see the errors above)")
    return 0 if build.success else 1


def _remove_dbt_run_folders() -> None:
    """dagster-dbt leaves a target/<asset>-<run> folder per invocation; they are only logs of that run."""
    import shutil

    for folder in (settings.DBT_PROJECT_DIR / "target").glob("*_models-*"):
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pipelines.cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="extract documents in raw/ and build the warehouse")
    run_parser.add_argument("--only-new", action="store_true", help="extract only documents not seen before")
    sub.add_parser("prepare", help="parse the dbt project (manifest for Dagster)")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        from pipelines.defs.dbt_project import prepare_dbt_manifest

        prepare_dbt_manifest()
        return 0
    return run(only_new=args.only_new)


if __name__ == "__main__":
    sys.exit(main())

"""The build's inputs, before dbt runs: landing folders loaded into schema raw, withdrawn and restored
documents, what happened to each, and fresh derived schemas. Importable without a dbt manifest."""
from pipelines import settings
from pipelines.ingest import RECORD_TYPES


# What dbt makes: seeds (schema reference) and models. Dropped before every build, so each is made from the
# current project: a model removed leaves no stale view, and a seed whose columns changed in an upgrade is
# created anew — dbt loads a seed into an existing table with that table's columns, and fails on the new file.
DBT_SCHEMAS = ("reference", "staging", "intermediate", "marts")


def reset_derived_schemas(con) -> None:
    """The schemas dbt makes are rebuilt from scratch (DBT_SCHEMAS)."""
    for schema in DBT_SCHEMAS:
        con.execute(f"drop schema if exists {schema} cascade")


def prepare_build(context, con, fingerprint: str):
    """Before dbt: load the landing folders extracted since the last build into schema raw, withdraw documents
    whose file left raw/ (restore those whose file came back), record the folder, what happened to each
    document and the build's inputs, and give dbt its input. Returns the build's timestamp."""
    from pipelines.discovery import DEFERRED, DOCUMENT, scan
    from pipelines.warehouse import incremental, isolation
    from pipelines.warehouse.folder import record_folder
    from pipelines.warehouse.landing import awaiting_new_version, ingested_document_ids, mark_withdrawn
    from pipelines.warehouse.record_columns import ensure_table
    from pipelines.warehouse.landing_files import changed_since_load, load_documents, read_manifests

    started_at = incremental.run_started_now()
    # Every landing table exists even before the first document (an empty raw/ still builds).
    for record_type in RECORD_TYPES:
        ensure_table(con, record_type)
    landing = settings.landing_dir()
    manifests = read_manifests(landing)
    loaded_now = changed_since_load(con, manifests)
    if settings.raw_dir().is_dir():  # a missing folder (unmounted?) withdraws nothing
        snapshot = scan(settings.raw_dir(), settings.settle_seconds())
        present = set(snapshot.by_document())
        status = dict(con.execute("select document_id, status from raw.documents").fetchall())
        # a file put back: its landing folder is loaded again, which sets the status extraction gave it
        restored = {d for d in present if status.get(d) == "withdrawn" and d in manifests and d not in loaded_now}
        load_documents(con, landing, {**loaded_now, **{d: manifests[d] for d in restored}}, RECORD_TYPES)
        known = ingested_document_ids(con)
        unread = {e.name for e in snapshot.entries  # new bytes not extracted yet, files still being written
                  if (e.action == DOCUMENT and e.document_id not in known) or e.action == DEFERRED}
        waiting = awaiting_new_version(con, present, unread)
        for document_id, names in waiting.items():
            context.log.warning(f"{', '.join(names)} now holds a version not extracted yet: the next run extracts "
                                f"it; until then document {document_id[:12]}… stays current")
        before = dict(con.execute("select document_id, source_file from raw.documents where status = 'loaded'"
                                  ).fetchall())
        withdrawn = mark_withdrawn(con, present, keep=set(waiting))
        if withdrawn:
            context.log.warning(f"{withdrawn} document(s) withdrawn: their files left {settings.raw_dir()}")
        still = {d for (d,) in con.execute("select document_id from raw.documents where status = 'loaded'").fetchall()}
        for entry in snapshot.not_read():
            context.log.warning(f"{entry.action}: {entry.name} ({entry.kind}): {entry.reason}")
        record_folder(con, snapshot)
        incremental.record_actions(con, started_at, incremental.build_actions(
            snapshot, loaded_now, restored, {d: n for d, n in before.items() if d not in still}), settings.keep_runs())
        incremental.record_build_state(con, incremental.inputs_fingerprint(snapshot, manifests, fingerprint))
    else:
        load_documents(con, landing, loaded_now, RECORD_TYPES)
    retried = isolation.forget_stale_quarantines(con, fingerprint)
    if retried:
        context.log.info(f"{retried} document(s) quarantined by an earlier version of the pipeline are tried again")
    reset_derived_schemas(con)
    isolation.refresh_build_input(con, [t.table for t in RECORD_TYPES])
    return started_at

import dagster as dg

# One partition per document, keyed by document_id (sha256 of the bytes): the same report
# dropped twice under two names is one partition, and a key never changes meaning.
documents_partitions = dg.DynamicPartitionsDefinition(name="documents")

# Every step that writes the DuckDB file runs in this pool; dagster.yaml limits it to 1 so
# writers never overlap (DuckDB allows one writing process per file).
WAREHOUSE_WRITER_POOL = "duckdb_writer"

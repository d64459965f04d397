"""Benchmarks: `make bench`. Prints figures; asserts nothing (these machines are shared and noisy).

1. extraction of the reference report (read + classify + every extractor), repeated;
2. landing one document into DuckDB;
3. the whole `make run` path on N distinct documents in a temporary folder, to show that the
   per-document cost is the extraction, not a Dagster run per document.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipelines.ingest import RECORD_TYPES, ingest_file  # noqa: E402
from pipelines.warehouse.landing import replace_document  # noqa: E402

REFERENCE = REPO / "tests" / "fixtures" / "luzhou_hrss_2023.txt"


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(times) * 1000:8.1f} ms   min {min(times) * 1000:8.1f} ms   (n={len(times)})")


def bench_extraction() -> None:
    report("extract reference report (txt, 12,546 lines)", timed(lambda: ingest_file([REFERENCE]), 10))
    report("extract reference report (docx)", timed(lambda: ingest_file([REFERENCE.with_suffix(".docx")]), 3))
    report("extract reference report (pdf, 189 pages)", timed(lambda: ingest_file([REFERENCE.with_suffix(".pdf")]), 1))


def bench_landing() -> None:
    import duckdb

    result = ingest_file([REFERENCE])
    with tempfile.TemporaryDirectory() as tmp:
        con = duckdb.connect(str(Path(tmp) / "w.duckdb"))
        report(f"land one document ({len(result.records):,} rows)",
               timed(lambda: replace_document(con, result.document_id, result.records, RECORD_TYPES), 5))


def bench_pipeline(documents: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        raw = root / "raw"
        raw.mkdir()
        text = REFERENCE.read_text(encoding="utf-8")
        for i in range(documents):  # distinct bytes → distinct documents
            (raw / f"report_{i}.txt").write_text(text + "\n" * (i + 1), encoding="utf-8")
        (root / "home").mkdir()
        shutil.copy(REPO / "dagster.yaml", root / "home" / "dagster.yaml")
        env = {**os.environ, "JUESUAN_RAW_DIR": str(raw), "JUESUAN_WAREHOUSE": str(root / "w.duckdb"),
               "JUESUAN_REPORTS_DIR": str(root / "reports"), "DAGSTER_HOME": str(root / "home"),
               "PYTHONPATH": str(REPO)}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=REPO, env=env, check=True,
                       capture_output=True)
        elapsed = time.perf_counter() - start
        print(f"{'make run path, ' + str(documents) + ' document(s)':<48} {elapsed:8.1f} s total")


if __name__ == "__main__":
    bench_extraction()
    bench_landing()
    for n in (1, 5):
        bench_pipeline(n)

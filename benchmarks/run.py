"""Benchmarks: `make bench`. Prints figures; asserts nothing (these machines are shared and noisy).

1. PDF reading (read_pdf -> Document) side by side with a naive pdfplumber pass over the same file
   (extract_text + extract_tables on every page), interleaved run by run, and their ratio (issue 8 asks
   for at most 1/3); the reference report and the Shanghai S01 report;
2. extraction of the reference report (read + classify + every extractor), repeated;
3. landing one document into DuckDB;
4. the whole `make run` path on N distinct documents in a temporary folder, to show that the
   per-document cost is the extraction, not a Dagster run per document.

JUESUAN_BENCH_PDF_REPEAT sets the number of PDF runs (default 5).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipelines.documents.pdf_reader import read_pdf  # noqa: E402
from pipelines.ingest import RECORD_TYPES, ingest_file  # noqa: E402
from pipelines.warehouse.landing import replace_document  # noqa: E402

REFERENCE = REPO / "tests" / "fixtures" / "luzhou_hrss_2023.txt"
SHANGHAI_S01 = REPO / "tests" / "fixtures" / "peer" / "S01_putuo_czj_2024_final_GOOD.pdf"
PDF_TARGET_RATIO = 1 / 3


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(times) * 1000:8.1f} ms   min {min(times) * 1000:8.1f} ms   (n={len(times)})")


def naive_pdfplumber_pass(data: bytes) -> None:
    """The yardstick: what a first attempt with pdfplumber would do on every page."""
    import pdfplumber

    with pdfplumber.open(BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.flush_cache()


def _wall_and_cpu(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _spread(label: str, runs: list[tuple[float, float]]) -> None:
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    print(f"  {label:<34} wall min {min(walls):6.2f} s  median {statistics.median(walls):6.2f}  "
          f"max {max(walls):6.2f}   cpu min {min(cpus):6.2f} s")


def bench_pdf_reading(path: Path, label: str, repeat: int) -> None:
    """read_pdf against the naive pass, alternating run by run so that other sessions' load on the shared
    machine hits both alike; the ratio of the fastest runs is the figure, the per-run ratios its spread."""
    data = path.read_bytes()
    ours, naive = [], []
    for _ in range(repeat):
        ours.append(_wall_and_cpu(lambda: read_pdf("bench", path.name, data)))
        naive.append(_wall_and_cpu(lambda: naive_pdfplumber_pass(data)))
    print(f"PDF reading, {label}: {repeat} interleaved runs")
    _spread("read_pdf -> Document (ours)", ours)
    _spread("naive pdfplumber pass", naive)
    per_run = sorted(o[0] / n[0] for o, n in zip(ours, naive))
    ratio = min(w for w, _ in ours) / min(w for w, _ in naive)
    cpu_ratio = min(c for _, c in ours) / min(c for _, c in naive)
    print(f"  {'ratio ours / naive':<34} {ratio:.3f} wall ({cpu_ratio:.3f} cpu), per run {per_run[0]:.3f}"
          f"-{per_run[-1]:.3f}   target <= {PDF_TARGET_RATIO:.3f}")
    if shutil.which("pdftotext"):
        layout = [_wall_and_cpu(lambda: subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                                       capture_output=True)) for _ in range(repeat)]
        print(f"  {'(pdftotext -layout, for scale)':<34} wall min {min(w for w, _ in layout):6.2f} s")


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
    pdf_repeat = int(os.environ.get("JUESUAN_BENCH_PDF_REPEAT", "5"))
    bench_pdf_reading(REFERENCE.with_suffix(".pdf"), "reference report (189 pages)", pdf_repeat)
    bench_pdf_reading(SHANGHAI_S01, "Shanghai S01 (25 pages)", pdf_repeat)
    bench_extraction()
    bench_landing()
    for n in (1, 5):
        bench_pipeline(n)

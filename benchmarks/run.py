"""Benchmarks: `make bench`. Prints figures; asserts nothing (these machines are shared and noisy).

1. PDF reading (read_pdf -> Document) side by side with a naive pdfplumber pass over the same file
   (extract_text + extract_tables on every page), interleaved run by run, and their ratio (issue 8 asks
   for at most 1/3); the reference report and the Shanghai S01 report;
2. extraction of the reference report (read + classify + every extractor), repeated;
3. landing one document: its Parquet folder, then loading it into DuckDB;
4. the whole `make run` path on N distinct documents in a temporary folder, to show that the
   per-document cost is the extraction, not a Dagster run per document;
5. nightly at scale (issue 11), side by side: the build of an empty folder (the fixed cost of any build), 20 vs
   200 generated reports, a no-op re-run, one new report among 200, extraction with 1 vs 2 worker processes, and the peak memory of the 200 run.

JUESUAN_BENCH_PDF_REPEAT sets the number of PDF runs (default 5); JUESUAN_BENCH_ONLY=scale runs part 5 only.
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
from pipelines.warehouse.landing_files import load_documents, read_manifests, write_document  # noqa: E402

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
        landing, con = Path(tmp) / "landing", duckdb.connect(str(Path(tmp) / "w.duckdb"))
        report(f"write one landing folder ({len(result.records):,} rows)",
               timed(lambda: write_document(landing, result.document_id, result.records, RECORD_TYPES, {}), 5))
        report("load it into DuckDB (the build)",
               timed(lambda: load_documents(con, landing, read_manifests(landing), RECORD_TYPES), 5))


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


CHINESE_DIGITS = "零一二三四五六七八九"


def generated_report(i: int) -> str:
    """The reference report as another department's: its name numbered in Chinese digits (泸州市第一二三…局;
    a name with Arabic digits is no department name and would be quarantined), so each report has its own
    bytes (and its own document id) while the text to extract stays the reference's."""
    text = REFERENCE.read_text(encoding="utf-8")
    number = "".join(CHINESE_DIGITS[int(d)] for d in str(i + 1))
    return text.replace("泸州市人力资源和社会保障局", f"泸州市第{number}人力资源和社会保障局")


def _write_reports(raw: Path, numbers) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (raw / f"report_{i:04d}.txt").write_text(generated_report(i), encoding="utf-8")


def _tree_rss(process) -> int:
    import psutil

    try:
        root = psutil.Process(process.pid)
        return sum(p.memory_info().rss for p in [root, *root.children(recursive=True)])
    except psutil.Error:
        return 0


def _pipeline_run(root: Path, loaded: int) -> tuple[float, int, str]:
    """One `make run` (pipelines.cli run) on root/raw: wall seconds, peak memory of its process tree, output.
    Stops the benchmark unless the warehouse then holds `loaded` documents: a run that quarantined the
    generated reports would time an empty build."""
    home = root / "home"
    if not home.exists():
        home.mkdir()
        shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    env = {**os.environ, "JUESUAN_RAW_DIR": str(root / "raw"), "JUESUAN_WAREHOUSE": str(root / "w" / "juesuan.duckdb"),
           "JUESUAN_REPORTS_DIR": str(root / "reports"), "DAGSTER_HOME": str(home), "PYTHONPATH": str(REPO),
           "JUESUAN_SETTLE_SECONDS": "0"}
    env.pop("JUESUAN_LANDING_DIR", None)
    start, peak = time.perf_counter(), 0
    with open(root / "run.log", "w") as log:
        process = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run"], cwd=REPO, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            peak = max(peak, _tree_rss(process))
            time.sleep(0.25)
    elapsed = time.perf_counter() - start
    print(f"  (run on {root.name}: {elapsed:.1f} s, peak {peak / 2**20:.0f} MB)", file=sys.stderr, flush=True)
    output = (root / "run.log").read_text(errors="replace")
    _keep_detail_log(root)
    if process.returncode != 0:
        raise SystemExit(f"pipeline run failed in {root}:\n{output[-3000:]}")
    if f"documents: {loaded} loaded, 0 quarantined" not in output:
        raise SystemExit(f"expected {loaded} documents loaded and none quarantined in {root}:\n{output[-3000:]}")
    return elapsed, peak, output


def _keep_detail_log(root: Path) -> None:
    """JUESUAN_BENCH_LOGS=DIR: keep each run's detail log (Dagster's and dbt's timestamped lines), which goes
    with the temporary folders otherwise — where a run's time went."""
    keep = os.environ.get("JUESUAN_BENCH_LOGS")
    logs = sorted((root / "w" / "logs").glob("run-*.log"), key=lambda p: p.stat().st_mtime)
    if keep and logs:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(logs[-1], Path(keep) / f"{root.name}-{len(list(Path(keep).glob(root.name + '-*')))}.log")


def _extraction_seconds(raw: Path, workers: int) -> float:
    from pipelines.discovery import scan
    from pipelines.extraction import extract_all, plan, tasks_for
    from pipelines.warehouse.landing_files import extractor_version

    entries = scan(raw).by_document()
    version = extractor_version()
    with tempfile.TemporaryDirectory() as landing:
        tasks = tasks_for(plan(sorted(entries), entries, {}, version), entries, Path(landing), version)
        start = time.perf_counter()
        extract_all(tasks, workers)
        return time.perf_counter() - start


EXTRACTION_REPORTS = 40


def bench_scale(small: int = 20, large: int = 200) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root_empty, root_small, root_large = Path(tmp) / "empty", Path(tmp) / "small", Path(tmp) / "large"
        for root, n in ((root_empty, 0), (root_small, small), (root_large, large)):
            root.mkdir()
            _write_reports(root / "raw", range(n))
        # what any build costs, whatever it holds: Dagster and dbt start, every model and test runs, the checks
        t_empty, _, _ = _pipeline_run(root_empty, 0)
        t_small, _, _ = _pipeline_run(root_small, small)
        t_large, peak, _ = _pipeline_run(root_large, large)
        t_noop, _, noop_output = _pipeline_run(root_large, large)
        _write_reports(root_large / "raw", [large])
        t_one, _, _ = _pipeline_run(root_large, large + 1)
        # 40 reports (each ~1.7 s of extraction on one core): enough to repay starting the worker processes
        root_workers = Path(tmp) / "workers"
        _write_reports(root_workers / "raw", range(EXTRACTION_REPORTS))
        one_worker = _extraction_seconds(root_workers / "raw", 1)
        two_workers = _extraction_seconds(root_workers / "raw", 2)
    rows += [
        ("build of an empty folder (fixed cost)", f"{t_empty:7.1f} s", f"{t_empty / t_large:.1%} of the full {large} run"),
        (f"full run, {small} reports", f"{t_small:7.1f} s", ""),
        (f"full run, {large} reports", f"{t_large:7.1f} s", f"ratio {t_large / t_small:.1f} (target <= 10)"),
        (f"no-op re-run, {large} reports", f"{t_noop:7.1f} s",
         f"{t_noop / t_large:.1%} of the full run (target <= 10%)"
         + ("" if "nothing new" in noop_output else "  [did not say 'nothing new']")),
        (f"one new report among {large}", f"{t_one:7.1f} s", f"{t_one / t_large:.1%} of the full run (target <= 15%)"),
        (f"extraction of {EXTRACTION_REPORTS} reports, 1 worker", f"{one_worker:7.1f} s", ""),
        (f"extraction of {EXTRACTION_REPORTS} reports, 2 workers", f"{two_workers:7.1f} s",
         f"speed-up {one_worker / two_workers:.2f}x"),
        (f"peak memory, full run of {large}", f"{peak / 2**20:7.0f} MB", "(process tree; target <= 1536 MB)"),
    ]
    print(f"\nNightly at scale ({os.cpu_count()} cores; generated variants of the reference report, 12,546 lines each)")
    for label, value, note in rows:
        print(f"  {label:<40} {value:>10}   {note}")


if __name__ == "__main__":
    if os.environ.get("JUESUAN_BENCH_ONLY") == "scale":
        bench_scale()
        sys.exit(0)
    pdf_repeat = int(os.environ.get("JUESUAN_BENCH_PDF_REPEAT", "5"))
    bench_pdf_reading(REFERENCE.with_suffix(".pdf"), "reference report (189 pages)", pdf_repeat)
    bench_pdf_reading(SHANGHAI_S01, "Shanghai S01 (25 pages)", pdf_repeat)
    bench_extraction()
    bench_landing()
    for n in (1, 5):
        bench_pipeline(n)
    bench_scale()

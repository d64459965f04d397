"""Shared fixtures. The warehouse is built ONCE per session with the real `make run` path
(python -m pipelines.cli run: Dagster in-process, dbt, identity engine, GX checks) and shared by
every end-to-end test; unit tests never touch it.

`make test` runs the suite in parallel workers (pytest-xdist, with the scheduler below). Each session warehouse is
still built once: the tests using one are grouped onto one worker, and a test of another worker that needs
it too waits for that build and reads the result (`_built_once`, the pattern pytest-xdist documents)."""
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
REFERENCE_TXT = FIXTURES / "luzhou_hrss_2023.txt"


# The session warehouses, by the fixtures that use them.
_WAREHOUSES = (("poison", {"poison_warehouse", "poisoned"}), ("formats", {"other_formats_warehouse", "every_sample"}),
               ("reference", {"built_warehouse", "marts"}))
# Which worker's warehouse each test module mostly reads: all its tests go to that worker, which builds the
# warehouse once (a test of the module needing another warehouse waits for the worker building that one). A
# module missing here is still correct — its tests are scheduled one by one and share the builds — only slower.
WAREHOUSE_OF_MODULE = {
    **dict.fromkeys(["tests/e2e/test_cli.py", "tests/e2e/test_documents.py", "tests/e2e/test_findings_report.py",
                     "tests/e2e/test_identity_findings.py", "tests/e2e/test_narrative_marts.py",
                     "tests/e2e/test_warehouse_contract.py", "tests/integration/test_project_marts.py"], "reference"),
    **dict.fromkeys(["tests/e2e/test_explanations.py", "tests/e2e/test_formats.py", "tests/e2e/test_other_department.py",
                     "tests/e2e/test_peer_reports.py", "tests/e2e/test_queries.py", "tests/e2e/test_statement_marts.py",
                     "tests/e2e/test_trends.py"], "formats"),
    "tests/e2e/test_run_isolation.py": "poison",
    "tests/e2e/test_code_labels.py": "formats",
    # a unit of its own, after the builds: it reads the poison and the reference warehouses, built by two workers
    "tests/e2e/test_run_isolation.py::test_the_reference_publishes_complete_beside_every_poison_document": "both",
}


def _unit(nodeid: str) -> str | None:
    """The work unit of a test: its function's entry, else its module's (None: a unit of its own)."""
    function = nodeid.split("[", 1)[0]
    return WAREHOUSE_OF_MODULE.get(function, WAREHOUSE_OF_MODULE.get(nodeid.split("::", 1)[0]))


def _warehouses_used(item) -> set[str]:
    used = set(getattr(item, "fixturenames", ()))
    return {name for name, fixtures in _WAREHOUSES if used & fixtures}


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's `loadgroup` marks do not reach its scheduler under pytest 9 (node ids are no longer
    rewritable), so the grouping is done here: one work unit per warehouse, every other test on its own."""
    from xdist.scheduler import LoadScopeScheduling

    # Units in collection order (UNIT_ORDER below), not xdist's default of the largest first: that gave the
    # formats build the second worker at once, whose tests then waited for the reference build idle.
    config.option.loadscopereorder = False

    class ByWarehouse(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _unit(nodeid) or nodeid

    return ByWarehouse(config, log)


# The order the scheduler hands out work units (in collection order, each worker taking the next when it is
# nearly done): the reference build (three runs) to one worker, the poison build to the other, the formats build
# to whichever finishes first — by then the reference warehouse its comparisons also read is built — and every
# other test after them, filling in.
UNIT_ORDER = ("reference", "poison", "formats", "both")


def pytest_collection_modifyitems(config, items):
    # Within a unit, the tests that also read another warehouse come last, when the other worker has built it:
    # a worker does not wait idle for the other's build.
    def order(item) -> tuple[int, bool]:
        own = _unit(item.nodeid)
        rank = UNIT_ORDER.index(own) if own in UNIT_ORDER else len(UNIT_ORDER)
        return rank, own is not None and bool(_warehouses_used(item) - {own})

    items.sort(key=order)


def _built_once(name: str, tmp_path_factory, worker_id: str, build):
    """``build()`` once per test session, whichever worker asks first; the others wait and read its result."""
    if worker_id == "master":  # not distributed
        return build()
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    result = shared / "result.pickle"
    with FileLock(str(shared / "lock")):
        if result.is_file():
            return pickle.loads(result.read_bytes())
        built = build()
        result.write_bytes(pickle.dumps(built))
        return built


@pytest.fixture(scope="session")
def golden() -> dict:
    return json.loads((FIXTURES / "golden" / "golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def expected_violations() -> list[dict]:
    return json.loads((FIXTURES / "golden" / "expected_violations.json").read_text(encoding="utf-8"))


@dataclass
class BuiltWarehouse:
    path: Path
    raw_dir: Path
    first_run_counts: dict[str, int]
    second_run_counts: dict[str, int]
    first_run_contents: dict[str, str]
    second_run_contents: dict[str, str]
    run_output: str
    second_run_output: str  # a rebuild with nothing to extract (the folder's listing changed)
    third_run_output: str  # nothing changed at all
    landing_tokens: tuple[dict[str, str], dict[str, str]]  # landing folder versions before and after the re-runs


def _table_counts(path: Path) -> dict[str, int]:
    """Rows per table; the run records (schema runs) grow with every build and are left out."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select table_schema || '.' || table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema <> 'runs' order by 1").fetchall()
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for (t,) in tables}


def _mart_contents(path: Path) -> dict[str, str]:
    """A digest of every mart's rows (order-independent), timestamps of ingestion excluded."""
    import hashlib

    import duckdb

    digests = {}
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute("select table_name from information_schema.tables "
                             "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1").fetchall()
        for (table,) in tables:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_schema = 'marts' "
                "and table_name = ? and column_name <> 'ingested_at' order by ordinal_position", [table]).fetchall()]
            rows = sorted(repr(r) for r in con.execute(
                f"select {', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)} from marts.{table}").fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def _run_pipeline(env: dict) -> str:
    result = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise AssertionError(f"pipeline run failed ({result.returncode}):\n{with_run_log(result.stdout)[-8000:]}\n"
                             f"{result.stderr[-6000:]}")
    return with_run_log(result.stdout + result.stderr)


def with_run_log(output: str) -> str:
    """A run's terminal lines followed by its log file (Dagster's and dbt's detail), named on the first line."""
    match = re.search(r"\(detail: (.+?\.log)\)", output)
    log = Path(match.group(1)).read_text(encoding="utf-8", errors="replace") if match else ""
    return f"{output}{RUN_LOG_MARK}\n{log}"


RUN_LOG_MARK = "--- the run's log file ---"


def populate_raw_dir(raw: Path) -> None:
    """The reference report, the same bytes under a second name, and files that must be quarantined."""
    raw.mkdir(parents=True)
    shutil.copy(REFERENCE_TXT, raw / "luzhou_hrss_2023.txt")
    shutil.copy(REFERENCE_TXT, raw / "copy_of_the_same_report.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.bin").write_bytes(bytes(range(256)) * 8)
    shutil.copy(FIXTURES / "quarantine" / "budget_2024.txt", raw / "budget_2024.txt")
    (raw / "truncated.pdf").write_bytes((FIXTURES / "luzhou_hrss_2023.pdf").read_bytes()[:20000])


def pipeline_env(root: Path, raw: Path) -> tuple[dict, Path]:
    """Environment of an isolated `make run`: its own raw dir, warehouse, reports and Dagster home."""
    home = root / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "dagster.yaml", home / "dagster.yaml")
    warehouse = root / "warehouse" / "juesuan.duckdb"
    env = {**os.environ, "JUESUAN_RAW_DIR": str(raw), "JUESUAN_WAREHOUSE": str(warehouse),
           "JUESUAN_REPORTS_DIR": str(root / "reports"), "DAGSTER_HOME": str(home),
           "PYTHONPATH": str(REPO), "JUESUAN_DBT_UNIT_TESTS": "1"}  # the nightly default leaves them to `make test`
    return env, warehouse


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory, worker_id) -> BuiltWarehouse:
    return _built_once("built_warehouse", tmp_path_factory, worker_id, lambda: _build_warehouse(tmp_path_factory))


def _build_warehouse(tmp_path_factory) -> BuiltWarehouse:
    root = tmp_path_factory.mktemp("pipeline")
    raw = root / "raw"
    populate_raw_dir(raw)
    env, warehouse = pipeline_env(root, raw)
    output = _run_pipeline(env)
    first, first_contents = _table_counts(warehouse), _mart_contents(warehouse)
    tokens_before = _landing_tokens(warehouse.parent / "landing")
    # Re-running must change nothing — and must not be blocked by a BI tool reading the warehouse. A hidden
    # file (skipped, but part of the folder's listing) makes the second run rebuild without extracting.
    import duckdb

    (raw / ".DS_Store").write_bytes(b"\0")
    with duckdb.connect(str(warehouse), read_only=True) as reader:
        second_output = _run_pipeline(env)
        assert reader.execute("select count(*) from marts.dim_document").fetchone()[0] > 0  # its snapshot still reads
    second, second_contents = _table_counts(warehouse), _mart_contents(warehouse)
    third_output = _run_pipeline(env)
    return BuiltWarehouse(warehouse, raw, first, second, first_contents, second_contents, output + second_output,
                          second_output, third_output, (tokens_before, _landing_tokens(warehouse.parent / "landing")))


def _landing_tokens(landing: Path) -> dict[str, str]:
    """document_id → the version of its landing folder (a new token each time it is written)."""
    return {m.parent.name: json.loads(m.read_text(encoding="utf-8"))["token"] for m in landing.glob("*/manifest.json")}


@pytest.fixture(scope="session")
def marts(built_warehouse):
    """A read-only connection to the built warehouse."""
    import duckdb

    con = duckdb.connect(str(built_warehouse.path), read_only=True)
    yield con
    con.close()


def year_shifted_reference() -> str:
    """The reference report moved one year later (2023 → 2024, 2022 → 2023): the same department's
    next report, with the same projects and the same printed figures."""
    return _year_shifted(REFERENCE_TXT.read_text(encoding="utf-8"))


def _year_shifted(text: str) -> str:
    return text.replace("2023", "\x00").replace("2022", "2023").replace("\x00", "2024")


@pytest.fixture(scope="session")
def other_formats_warehouse(tmp_path_factory, worker_id) -> Path:
    return _built_once("other_formats", tmp_path_factory, worker_id, lambda: _build_other_formats(tmp_path_factory))


def _build_other_formats(tmp_path_factory) -> Path:
    """The same report as DOCX and PDF, its next year's report, a report of another department and year,
    three real Shanghai reports in the national nine-table template, the blank template, six budgets and a
    statement printing a code outside the seed — every shared sample — built by the same pipeline into a
    second warehouse."""
    root = tmp_path_factory.mktemp("formats")
    raw = root / "raw"
    raw.mkdir()
    for suffix in ("docx", "pdf"):
        shutil.copy(FIXTURES / f"luzhou_hrss_2023.{suffix}", raw / f"luzhou_hrss_2023.{suffix}")
    shutil.copy(FIXTURES / "variant_department.txt", raw / "variant_department.txt")
    (raw / "luzhou_hrss_2024_year_shifted.txt").write_text(year_shifted_reference(), encoding="utf-8")
    for peer in (FIXTURES / "peer").glob("*.pdf"):  # real reports of other departments, another template
        shutil.copy(peer, raw / peer.name)
    # every other shared sample: the blank national template and six budgets (all quarantined with a reason)
    for other in (FIXTURES / "peer" / "other").glob("*.pdf"):
        shutil.copy(other, raw / other.name)
    # a statement printing a functional code the reference seed lacks: a warning, never a failed build
    shutil.copy(FIXTURES / "national_tables" / "printed_code_outside_seed.txt", raw / "printed_code_outside_seed.txt")
    env, warehouse = pipeline_env(root, raw)
    _run_pipeline(env)
    return warehouse


# --- a raw folder holding the reference beside every poison document (tests/e2e/test_run_isolation.py) --

WITHDRAWN_NAME = "removed_before_the_last_run.txt"
NON_UTF8_NAME = os.fsdecode(b"\xff\xfe\xe5\x86\xb3\xe7\xae\x97.txt")  # bytes 0xFF 0xFE, then 决算.txt in UTF-8


def repeated_pdf(source: Path, target: Path) -> None:
    """A PDF whose pages are the source's pages twice (a report exported twice into one file)."""
    import pypdfium2 as pdfium

    pdf, copy = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    copy.import_pages(pdf)
    copy.import_pages(pdf)
    copy.save(str(target))


def populate_poison_dir(raw: Path, outside: Path) -> None:
    """The reference report beside documents and entries that once blocked or emptied the warehouse."""
    reference = REFERENCE_TXT.read_text(encoding="utf-8")
    lines = reference.split("\n")
    raw.mkdir(parents=True)
    outside.mkdir(parents=True)
    shutil.copy(REFERENCE_TXT, raw / "luzhou_hrss_2023.txt")
    (raw / "luzhou_printed_twice.txt").write_text(reference + "\n" + reference, encoding="utf-8")
    (raw / "luzhou_annex2_twice.txt").write_text("\n".join(lines + lines[lines.index("附件2"):]), encoding="utf-8")
    repeated_pdf(FIXTURES / "peer" / "S03_putuo_shgzb_2024_final.pdf", raw / "S03_printed_twice.pdf")
    shutil.copy(FIXTURES / "poison" / "figure_printed_twice.txt", raw / "figure_printed_twice.txt")
    shutil.copy(FIXTURES / "poison" / "unknown_function_code.txt", raw / "unknown_function_code.txt")
    shutil.copy(FIXTURES / "variant_department.txt", raw / NON_UTF8_NAME)
    # extracted by the killed run, removed before the last one: withdrawn (tests/e2e/test_run_isolation.py)
    (raw / WITHDRAWN_NAME).write_text(_year_shifted((FIXTURES / "variant_department.txt").read_text(encoding="utf-8")),
                                      encoding="utf-8")
    (outside / "elsewhere.txt").write_text(year_shifted_reference(), encoding="utf-8")
    (raw / "link_out.txt").symlink_to(outside / "elsewhere.txt")
    os.mkfifo(raw / "a_fifo")
    (raw / "subfolder").mkdir()
    shutil.copy(FIXTURES / "variant_department.txt", raw / "subfolder" / "nested.txt")


class _Copying:
    """A copy in progress for as long as the context lasts: the file grows every half second."""

    def __init__(self, path: Path):
        import threading

        self.path, self.done = path, threading.Event()
        self.thread = threading.Thread(target=self._write, daemon=True)

    def _write(self) -> None:
        data = REFERENCE_TXT.read_bytes()
        with self.path.open("ab") as f:
            for start in range(0, len(data), 512):
                if self.done.wait(0.5):
                    return
                f.write(data[start:start + 512])
                f.flush()

    def __enter__(self):
        self.path.write_bytes(REFERENCE_TXT.read_bytes()[:4096])
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the live child processes of ``pid``, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
                found.append((int(stat.parent.name), (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _wait(predicate, timeout: float, what: str):
    import time

    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)
    return value


@dataclass
class PoisonWarehouse:
    path: Path
    raw_dir: Path
    killed_pid: int
    dbt_pid: int
    dbt_outlived_its_run: bool
    second_run: subprocess.CompletedProcess  # started while the first was running
    run_output: str  # the run after the killed one


@pytest.fixture(scope="session")
def poison_warehouse(tmp_path_factory, worker_id) -> PoisonWarehouse:
    return _built_once("poison", tmp_path_factory, worker_id, lambda: _build_poison(tmp_path_factory))


def _build_poison(tmp_path_factory) -> PoisonWarehouse:
    """One folder, every fault at once: a run is killed (kill -9) while dbt builds, a second run is started
    while the first runs, and the next run must then publish the reference complete on its own."""
    import signal

    root = tmp_path_factory.mktemp("poison")
    raw = root / "raw"
    populate_poison_dir(raw, root / "outside")
    env, _ = pipeline_env(root, raw)
    warehouse = root / "published 'quoted' \"double\" 决算" / "juesuan.duckdb"  # any character in the path
    env.update(JUESUAN_WAREHOUSE=str(warehouse), JUESUAN_KEEP_RUNS="2")
    with (root / "killed_run.log").open("wb") as log:
        first = subprocess.Popen([sys.executable, "-m", "pipelines.cli", "run"], cwd=REPO, env=env,
                                 stdout=log, stderr=subprocess.STDOUT)
        try:
            def dbt_started():
                if first.poll() is not None:
                    raise AssertionError((root / "killed_run.log").read_text(errors="replace")[-6000:])
                # dbt runs in its launcher's process (pipelines/warehouse/dbt_child.py)
                return next((pid for pid, cmd in _children(first.pid) if "/dbt_child.py build " in cmd), None)

            dbt_pid = _wait(dbt_started, 900, "the run's dbt build")
            second = subprocess.run([sys.executable, "-m", "pipelines.cli", "run"], cwd=REPO, env=env,
                                    capture_output=True, text=True, timeout=300)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
    try:
        _wait(lambda: not Path(f"/proc/{dbt_pid}").exists() or "Z" in Path(f"/proc/{dbt_pid}/stat").read_text()
              .rsplit(")", 1)[1].split()[:1], 30, "dbt to die with its run")
        outlived = False
    except AssertionError:
        outlived = True
        os.kill(dbt_pid, signal.SIGKILL)
    (raw / WITHDRAWN_NAME).unlink()
    with _Copying(raw / "in_progress.txt"):
        output = _run_pipeline(env)
    return PoisonWarehouse(warehouse, raw, first.pid, dbt_pid, outlived, second, output)

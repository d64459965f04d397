"""The terminal of a run shows what a person reads; Dagster's, dbt's and every child process's detail goes
to the run's log file (and also to the terminal with --verbose); progress is drawn from juesuan.progress."""
import subprocess
import sys
import textwrap

from pipelines.console import ProgressHandler, progress_line

SCRIPT = textwrap.dedent("""
    import logging, os, subprocess, sys
    from pathlib import Path
    from pipelines.console import RunConsole
    with RunConsole(Path(sys.argv[1]), verbose=sys.argv[2] == "1") as console:
        print("dagster detail")
        logging.getLogger("dagster").warning("a library's warning")
        subprocess.run(["sh", "-c", "echo dbt child output; echo dbt error >&2"])
        console.say("for people")
        for i in range(1, 21):
            logging.getLogger("juesuan.progress").info("extracted", extra={"done": i, "total": 20, "document": f"d{i}.txt"})
        print(console.log_path, file=console.terminal)
    print("after the run")
""")


def _run(tmp_path, verbose: bool):
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "logs"), "1" if verbose else "0"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    log_path = result.stdout.strip().splitlines()[-2]
    return result.stdout, result.stderr, open(log_path, encoding="utf-8").read()


def test_detail_goes_to_the_log_file_and_people_read_the_rest(tmp_path):
    out, err, log = _run(tmp_path, verbose=False)
    assert "for people" in out and "after the run" in out
    for detail in ("dagster detail", "a library's warning", "dbt child output", "dbt error"):
        assert detail in log and detail not in out + err
    assert "for people" not in log
    # not a terminal (CI, cron): the first document, then one line per tenth of the work, the last complete
    progress = [line for line in out.splitlines() if line.startswith("extracting [")]
    assert len(progress) == 11 and progress[-1] == progress_line(20, 20, "d20.txt")


def test_verbose_shows_the_detail_too(tmp_path):
    out, _, log = _run(tmp_path, verbose=True)
    assert "dbt child output" in out and "dagster detail" in out and "for people" in out
    assert "dbt child output" in log


def test_progress_bar_on_a_terminal_is_redrawn_in_place():
    class Tty:
        def __init__(self):
            self.written = ""

        def isatty(self):
            return True

        def write(self, text):
            self.written += text

        def flush(self):
            pass

    import logging

    tty = Tty()
    handler = ProgressHandler(tty, width=60)
    for i in (1, 2):
        handler.emit(logging.makeLogRecord({"done": i, "total": 2, "document": "泸州.txt"}))
    assert tty.written.count("\r") == 2 and tty.written.endswith("\n")
    assert progress_line(1, 2, "a.txt") == "extracting [###############...............] 1/2 a.txt"

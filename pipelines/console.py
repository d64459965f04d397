"""The terminal of a run: a few lines a person reads, while Dagster's and dbt's detail goes to a log file.

Dagster's loggers, dbt's subprocess and every library write to the process's stdout/stderr. Rather than
configure each, the run redirects file descriptors 1 and 2 to the run's log file (so child processes inherit
it) and writes its own lines to a copy of the original terminal. With ``verbose`` the detail is also shown
(a thread copies it to the terminal as it comes).

Progress: extraction emits one record per document on the ``juesuan.progress`` logger
(``extra={"done": i, "total": n, "document": name}``); on a terminal they become one redrawn bar, elsewhere
(CI, cron mail) a line every tenth of the work.
"""
import io
import logging
import os
import sys
import threading
from datetime import datetime
from pathlib import Path

PROGRESS_LOGGER = "juesuan.progress"
_BAR_WIDTH = 30


class RunConsole:
    """``with RunConsole(log_dir, verbose) as console: console.say(...)`` — everything else goes to the log."""

    def __init__(self, log_dir: Path, verbose: bool = False, terminal: io.TextIOBase | None = None):
        self.log_dir, self.verbose = log_dir, verbose
        self.log_path = log_dir / f"run-{datetime.now().strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.log"
        self._terminal_arg = terminal
        self.terminal: io.TextIOBase | None = None
        self._saved_fds: tuple[int, int] | None = None
        self._tee: threading.Thread | None = None
        self._progress: ProgressHandler | None = None

    def __enter__(self) -> "RunConsole":
        self.log_dir.mkdir(parents=True, exist_ok=True)
        sys.stdout.flush()
        sys.stderr.flush()
        self._saved_fds = (os.dup(1), os.dup(2))
        self.terminal = self._terminal_arg or io.TextIOWrapper(
            io.FileIO(os.dup(self._saved_fds[0]), "w"), encoding="utf-8", errors="replace",
            line_buffering=True, write_through=True)
        log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        if self.verbose:  # detail to the log file and the terminal
            read_end, write_end = os.pipe()
            self._tee = threading.Thread(target=_copy, args=(read_end, log, self._saved_fds[0]), daemon=True)
            self._tee.start()
            target = write_end
        else:
            target = log
        os.dup2(target, 1)
        os.dup2(target, 2)
        os.close(target)
        self._progress = ProgressHandler(self.terminal, _terminal_width(self._saved_fds[0]))
        progress = logging.getLogger(PROGRESS_LOGGER)
        progress.addHandler(self._progress)
        progress.setLevel(logging.INFO)
        return self

    def say(self, line: str = "") -> None:
        if self._progress:
            self._progress.clear()
        print(line, file=self.terminal, flush=True)

    def __exit__(self, *exc) -> None:
        logging.getLogger(PROGRESS_LOGGER).removeHandler(self._progress)
        self._progress.clear()
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(self._saved_fds[0], 1)  # closes our end of the pipe or the log: the tee sees its end
        os.dup2(self._saved_fds[1], 2)
        for fd in self._saved_fds:
            os.close(fd)
        if self._tee:
            self._tee.join(timeout=5)


def _copy(read_end: int, log: int, terminal: int) -> None:
    with os.fdopen(read_end, "rb", buffering=0) as source:
        while chunk := source.read(65536):
            os.write(log, chunk)
            try:
                os.write(terminal, chunk)
            except OSError:
                pass
    os.close(log)


class ProgressHandler(logging.Handler):
    """Renders ``juesuan.progress`` records: a redrawn bar on a terminal, else a line every tenth."""

    def __init__(self, stream: io.TextIOBase, width: int = 100):
        super().__init__(logging.INFO)
        self.stream, self.width = stream, width
        self.interactive = bool(getattr(stream, "isatty", lambda: False)())
        self._drawn = False
        self._last_tenth = -1

    def emit(self, record: logging.LogRecord) -> None:
        done, total = getattr(record, "done", None), getattr(record, "total", None)
        if not isinstance(done, int) or not isinstance(total, int) or total <= 0:
            return
        line = progress_line(done, total, str(getattr(record, "document", "")))
        if self.interactive:
            self.stream.write("\r" + line[:self.width].ljust(self.width))
            self.stream.flush()
            self._drawn = done < total
            if done >= total:
                self.stream.write("\n")
            return
        tenth = done * 10 // total
        if tenth != self._last_tenth or done == total:
            self._last_tenth = tenth
            self.stream.write(line + "\n")
            self.stream.flush()

    def clear(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * self.width + "\r")
            self._drawn = False


def progress_line(done: int, total: int, document: str) -> str:
    filled = _BAR_WIDTH * done // total
    return f"extracting [{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {done}/{total} {document}"


def _terminal_width(fd: int) -> int:
    try:
        return max(40, os.get_terminal_size(fd).columns - 1)
    except OSError:
        return 100

"""What is in the landing folder: every entry of raw/, and for each what the run does with it.

Only regular files directly inside raw/ are documents; each is read once and identified by the hash of
the bytes read. Everything else is recorded with the reason it is not read, never skipped silently:
a folder or a FIFO is *skipped*, a symbolic link leading out of raw/ is *quarantined* (the pipeline
does not read files elsewhere on the machine), and a file still being written — its size or
modification time changes while it is read or within ``settle_seconds`` after — is *deferred* to the
next run, so a copy in progress is never loaded as a complete report.
"""
import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from pipelines.names import printable_name

DOCUMENT = "document"
SKIPPED = "skipped"
QUARANTINED = "quarantined"
DEFERRED = "deferred"

# Names that browsers, copy tools and editors give files while they are being written.
_PARTIAL_SUFFIXES = (".part", ".partial", ".crdownload", ".download", ".tmp", ".swp")


class FileChanged(Exception):
    """The file changed while it was read: its bytes are not one version of it."""


@dataclass(frozen=True)
class RawEntry:
    name: str  # printable form of the file name (any bytes the file system allows)
    path: Path
    kind: str  # file / symlink / folder / fifo / socket / device / other
    action: str  # document / skipped / quarantined / deferred
    reason: str | None = None
    document_id: str | None = None
    byte_size: int | None = None
    mtime_ns: int | None = None
    target: Path | None = None  # the regular file read (the link's target, for a link inside raw/)


@dataclass
class Snapshot:
    raw_dir: Path
    entries: list[RawEntry] = field(default_factory=list)
    taken_at: str = ""

    def by_document(self) -> dict[str, list[RawEntry]]:
        """document_id → the entries holding those bytes (one report may arrive under several names)."""
        found: dict[str, list[RawEntry]] = {}
        for entry in self.entries:
            if entry.action == DOCUMENT:
                found.setdefault(entry.document_id, []).append(entry)
        return found

    def documents(self) -> dict[str, list[Path]]:
        return {doc: [e.path for e in entries] for doc, entries in self.by_document().items()}

    def not_read(self) -> list[RawEntry]:
        return [e for e in self.entries if e.action != DOCUMENT]


def read_file(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of one regular file, read in one go; FileChanged when it changed meanwhile.

    Opened without following a final symbolic link and without blocking, so a FIFO or a link swapped
    in after the folder was listed is refused instead of hanging the run or leading out of raw/."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise FileChanged("no longer a regular file")
        chunks, remaining = [], before.st_size  # the size it had: a file that keeps growing is not read for ever
        while remaining > 0 and (chunk := os.read(fd, min(remaining, 1 << 20))):
            chunks.append(chunk)
            remaining -= len(chunk)
        after = os.fstat(fd)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns) or len(data) != after.st_size:
        raise FileChanged(f"changed while it was read ({before.st_size} → {after.st_size} bytes)")
    return data, after


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "fifo"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"), (stat.S_ISREG, "file")):
        if test(mode):
            return name
    return "other"


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass(frozen=True)
class _Verdict:
    kind: str
    action: str  # DOCUMENT: read ``target``
    reason: str | None = None
    target: Path | None = None


def classify_entry(path: Path, raw_dir: Path) -> _Verdict:
    """What an entry of raw/ is and whether it is read, from its metadata only (nothing opened)."""
    name = printable_name(path.name)
    try:
        info = path.lstat()
    except FileNotFoundError:
        return _Verdict("other", SKIPPED, "disappeared while the folder was listed")
    kind = "symlink" if stat.S_ISLNK(info.st_mode) else _kind(info.st_mode)
    if name.startswith("."):
        return _Verdict(kind, SKIPPED, "hidden file (name starts with a dot)")
    if name.startswith("~$") or name.lower().endswith(_PARTIAL_SUFFIXES):
        return _Verdict(kind, SKIPPED, "a partial download or an editor's temporary file")
    if kind == "symlink":
        resolved = Path(os.path.realpath(path))
        if not _inside(resolved, raw_dir.resolve()):
            return _Verdict(kind, QUARANTINED,
                            f"symbolic link to {printable_name(str(resolved))}, outside the landing folder: not read")
        try:
            target_kind = _kind(resolved.stat().st_mode)
        except FileNotFoundError:
            return _Verdict(kind, SKIPPED, "broken symbolic link")
        if target_kind != "file":
            return _Verdict(kind, SKIPPED, f"symbolic link to a {target_kind}, not to a file")
        return _Verdict(kind, DOCUMENT, None, resolved)
    if kind == "folder":
        return _Verdict(kind, SKIPPED, "a folder: documents in sub-folders are not read (move them into the landing folder)")
    if kind != "file":
        return _Verdict(kind, SKIPPED, f"not a regular file ({kind})")
    return _Verdict(kind, DOCUMENT, None, path)


def scan(raw_dir: Path, settle_seconds: float = 0.0, clock: Callable[[], float] = time.time,
         sleep: Callable[[float], None] = time.sleep) -> Snapshot:
    """Every entry of ``raw_dir`` with what the run does with it; documents read and hashed once.

    A file modified less than ``settle_seconds`` ago is looked at again once that time has passed: if its
    size or modification time moved, it is still being written and waits for the next run."""
    snapshot = Snapshot(raw_dir, taken_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    if not raw_dir.is_dir():
        return snapshot
    recent: list[int] = []
    for path in sorted(raw_dir.iterdir(), key=lambda p: os.fsencode(p.name)):
        name = printable_name(path.name)
        verdict = classify_entry(path, raw_dir)
        kind = verdict.kind
        if verdict.action != DOCUMENT:
            snapshot.entries.append(RawEntry(name, path, kind, verdict.action, verdict.reason))
            continue
        try:
            data, info = read_file(verdict.target)
        except FileChanged as exc:
            snapshot.entries.append(RawEntry(name, path, kind, DEFERRED, f"{exc}: a copy in progress? read on the next run"))
            continue
        except OSError as exc:
            snapshot.entries.append(RawEntry(name, path, kind, SKIPPED, f"cannot be read: {exc.strerror or exc}"))
            continue
        entry = RawEntry(name, path, kind, DOCUMENT, None, hashlib.sha256(data).hexdigest(), info.st_size,
                         info.st_mtime_ns, verdict.target)
        if clock() - info.st_mtime_ns / 1e9 < settle_seconds:
            recent.append(len(snapshot.entries))
        snapshot.entries.append(entry)
    if recent:
        newest = max(snapshot.entries[i].mtime_ns for i in recent) / 1e9
        sleep(max(0.0, newest + settle_seconds - clock()))
        for i in recent:
            snapshot.entries[i] = _settled(snapshot.entries[i], settle_seconds)
    return snapshot


def _settled(entry: RawEntry, settle_seconds: float) -> RawEntry:
    try:
        info = os.stat(entry.target)
    except OSError:
        return RawEntry(entry.name, entry.path, entry.kind, DEFERRED, "disappeared while the folder was read")
    if (info.st_size, info.st_mtime_ns) != (entry.byte_size, entry.mtime_ns):
        return RawEntry(entry.name, entry.path, entry.kind, DEFERRED,
                        f"still being written: size or modification time changed within {settle_seconds:g} s "
                        "(a copy in progress?); read on the next run", None, info.st_size, info.st_mtime_ns)
    return entry


def discover(raw_dir: Path, settle_seconds: float = 0.0) -> dict[str, list[Path]]:
    """document_id → the files with those bytes."""
    return scan(raw_dir, settle_seconds).documents()

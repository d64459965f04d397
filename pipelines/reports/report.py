"""Write the findings report of a built warehouse: OUT_DIR/index.html and OUT_DIR/documents/<id>.html."""
import hashlib
import os
import re
import tempfile
from pathlib import Path

import duckdb

from . import read, render

PAGES_DIR = "documents"
_HEX_ID = re.compile(r"[0-9a-f]{64}")


def page_name(document_id: str) -> str:
    """A document's page, named from its id (a sha256 in hex), never from a file name; an id of another
    shape is hashed, so no id can name a path."""
    stem = document_id if _HEX_ID.fullmatch(document_id) else hashlib.sha256(document_id.encode()).hexdigest()
    return f"{stem}.html"


def _write(path: Path, text: str) -> None:
    """Replace the file in one step: a reader never sees half a page."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide the pages from a web server or another user
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_stale(pages: Path, keep: set[str]) -> list[Path]:
    """Pages of documents no longer loaded (withdrawn, quarantined, gone from the warehouse). Only files this
    module names are removed: anything else in the folder is not ours."""
    removed = []
    for path in pages.glob("*.html"):
        if _HEX_ID.fullmatch(path.stem) and path.name not in keep:
            path.unlink()
            removed.append(path)
    return removed


def write_findings_report(warehouse: Path, out_dir: Path) -> Path:
    """Read the warehouse (read-only) and write the report; returns the path of index.html."""
    warehouse, out_dir = Path(warehouse), Path(out_dir)
    if not warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        wh = read.Warehouse(con)
        docs = read.documents(wh)
        counts = read.counts(wh)
        loaded = [d for d in docs if d.status == "loaded"]
        links = {d.document_id: f"{PAGES_DIR}/{page_name(d.document_id)}" for d in loaded}
        pages = {d.document_id: render.document_html(d, counts.get(d.document_id),
                                                       read.document_findings(wh, d.document_id), "../index.html")
                 for d in loaded}
        index = render.index_html(docs, counts, links, read.data_as_of(wh))
    for document_id, html in pages.items():
        _write(out_dir / links[document_id], html)
    _remove_stale(out_dir / PAGES_DIR, {page_name(d) for d in pages})
    _write(out_dir / "index.html", index)
    return out_dir / "index.html"

"""Write the findings report of a built warehouse: OUT_DIR/index.html and OUT_DIR/documents/<id>.html."""
import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

import duckdb

from pipelines.warehouse.digests import document_digests
from pipelines.warehouse.isolation import pipeline_fingerprint

from . import read, render

PAGES_DIR = "documents"
# document_id → the digest of the rows its page was written from (pipelines/warehouse/digests.py): a page
# whose document's rows have not changed since is not written again.
PAGE_DIGESTS = ".page_digests.json"
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


def _page_digests(wh: read.Warehouse, document_ids: list[str]) -> dict[str, str]:
    """What each page is written from: the document's rows in every mart and its source texts, and the code."""
    tables = [t for t in wh.columns if t.startswith("marts.") and "document_id" in wh.columns[t]]
    return document_digests(wh.con, [*tables, "raw.source_text"], pipeline_fingerprint(), document_ids, wh.columns)


def _read_digests(path: Path) -> dict[str, str]:
    try:
        digests = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return digests if isinstance(digests, dict) else {}


def write_findings_report(warehouse: Path, out_dir: Path) -> Path:
    """Read the warehouse (read-only) and write the report; returns the path of index.html. A document's page
    is written again only when the rows it is written from changed (or the page is missing)."""
    warehouse, out_dir = Path(warehouse), Path(out_dir)
    if not warehouse.is_file():
        raise FileNotFoundError(f"no warehouse at {warehouse}")
    digests_path = out_dir / PAGES_DIR / PAGE_DIGESTS
    with duckdb.connect(str(warehouse), read_only=True) as con:
        wh = read.Warehouse(con)
        docs = read.documents(wh)
        counts = read.counts(wh)
        loaded = [d for d in docs if d.status == "loaded"]
        links = {d.document_id: f"{PAGES_DIR}/{page_name(d.document_id)}" for d in loaded}
        digests = _page_digests(wh, list(links))
        previous = _read_digests(digests_path)
        current = {d for d, digest in digests.items() if previous.get(d) == digest and (out_dir / links[d]).is_file()}
        pages = {d.document_id: render.document_html(d, counts.get(d.document_id),
                                                       read.document_findings(wh, d.document_id), "../index.html")
                 for d in loaded if d.document_id not in current}
        index = render.index_html(docs, counts, links, read.data_as_of(wh))
    # the pages about to be written lose their digest first: a run that dies meanwhile writes them again
    _write(digests_path, json.dumps({d: digests[d] for d in sorted(current)}, indent=0))
    for document_id, html in pages.items():
        _write(out_dir / links[document_id], html)
    _remove_stale(out_dir / PAGES_DIR, {page_name(d) for d in links})
    _write(digests_path, json.dumps(dict(sorted(digests.items())), indent=0))
    _write(out_dir / "index.html", index)
    return out_dir / "index.html"

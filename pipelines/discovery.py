"""Find the documents in the landing folder: file names grouped by content hash."""
from collections import defaultdict
from pathlib import Path

from pipelines.documents.identify import document_id


def discover(raw_dir: Path) -> dict[str, list[Path]]:
    """document_id → the files with those bytes. Hidden files and folders are ignored."""
    found: dict[str, list[Path]] = defaultdict(list)
    if not raw_dir.is_dir():
        return {}
    for path in sorted(raw_dir.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            found[document_id(path.read_bytes())].append(path)
    return dict(found)

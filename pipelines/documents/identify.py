"""Document identity (content hash) and format sniffing — before any parsing."""
import hashlib
import zipfile
from dataclasses import dataclass
from io import BytesIO


@dataclass(frozen=True)
class SniffResult:
    file_format: str | None  # txt / docx / pdf / None when unreadable
    problem: str | None  # why the file cannot be read, when it cannot


def document_id(data: bytes) -> str:
    """Stable id of a document: sha256 of its bytes (the same report under two names is one document)."""
    return hashlib.sha256(data).hexdigest()


def sniff_format(data: bytes, file_name: str) -> SniffResult:
    """Decide the format from the bytes (not the file name); explain when the file is not a readable report."""
    if not data.strip():
        return SniffResult(None, "empty file")
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-2048:]:
            return SniffResult(None, "corrupt PDF: no %%EOF trailer (truncated file?)")
        return SniffResult("pdf", None)
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile as exc:
            return SniffResult(None, f"corrupt zip container: {exc}")
        if "word/document.xml" in names:
            return SniffResult("docx", None)
        return SniffResult(None, "zip file that is not a Word document")
    if b"\x00" in data[:4096]:
        return SniffResult(None, f"binary file of unknown format ({file_name})")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return SniffResult(None, f"text that is not valid UTF-8 at byte {exc.start}")
    return SniffResult("txt", None)

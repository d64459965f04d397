"""Document identity (content hash) and format sniffing — before any parsing."""
import hashlib
import zipfile
from dataclasses import dataclass
from io import BytesIO, StringIO

from xlrd.compdoc import SIGNATURE as OLE2_SIGNATURE
from xlrd.compdoc import CompDoc

from .text_encoding import decode_text


@dataclass(frozen=True)
class SniffResult:
    file_format: str | None  # txt / docx / pdf / xlsx / xls / None when unreadable
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
        if "xl/workbook.xml" in names:
            return SniffResult("xlsx", None)
        return SniffResult(None, "zip file that is neither a Word document nor an Excel workbook")
    if data.startswith(OLE2_SIGNATURE):
        return sniff_ole2(data)
    decoded = decode_text(data)
    if decoded.problem is None:
        return SniffResult("txt", None)
    if b"\x00" in data[:4096]:
        return SniffResult(None, f"binary file of unknown format ({file_name})")
    return SniffResult(None, decoded.problem)


# Streams that tell what a legacy Office (OLE2 compound) file is: a workbook, a Word 97 document, or an
# encrypted OOXML file (a password-protected .docx/.xlsx is an OLE2 container holding the encrypted zip).
_OLE2_KINDS = {"Workbook": "xls", "Book": "xls"}
_OLE2_PROBLEMS = {
    "WordDocument": "legacy Word .doc is not supported: save it as .docx",
    "EncryptedPackage": "password-protected Office file: publish it without a password",
}


def sniff_ole2(data: bytes) -> SniffResult:
    """A legacy Office file: an .xls workbook is read; other kinds are named."""
    try:
        names = {entry.name for entry in CompDoc(data, logfile=StringIO()).dirlist}
    except Exception as exc:  # xlrd's compound-document parser raises several kinds on a broken file
        return SniffResult(None, f"corrupt OLE2 (legacy Office) file: {type(exc).__name__}: {exc}")
    for stream, file_format in _OLE2_KINDS.items():
        if stream in names:
            return SniffResult(file_format, None)
    for stream, problem in _OLE2_PROBLEMS.items():
        if stream in names:
            return SniffResult(None, problem)
    return SniffResult(None, "OLE2 (legacy Office) file that is not an Excel workbook")

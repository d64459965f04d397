"""One entry point per format; every reader returns the same Document model."""
from .docx_reader import read_docx
from .model import Document
from .pdf_reader import read_pdf
from .text_encoding import decode_text
from .text_reader import read_text
from .xls_reader import read_xls
from .xlsx_reader import read_xlsx


def read_document(document_id: str, source_file: str, file_format: str, data: bytes) -> Document:
    """Read a document; a reader error (ValueError with a readable message) quarantines the file."""
    if file_format == "txt":
        decoded = decode_text(data)
        if decoded.problem:
            raise ValueError(decoded.problem)
        return read_text(document_id, source_file, decoded.text)
    if file_format == "docx":
        return read_docx(document_id, source_file, data)
    if file_format == "pdf":
        return read_pdf(document_id, source_file, data)
    if file_format == "xlsx":
        return read_xlsx(document_id, source_file, data)
    if file_format == "xls":
        return read_xls(document_id, source_file, data)
    raise ValueError(f"no reader for {file_format} documents")

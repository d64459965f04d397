"""One entry point per format; every reader returns the same Document model.

Each format's reader is imported when a document of that format is read: its library (openpyxl, the
PDF and DOCX stacks: ~0.8 s of imports together) is not paid for by a run, or a worker, that reads none."""
from .model import Document


def read_document(document_id: str, source_file: str, file_format: str, data: bytes) -> Document:
    """Read a document; a reader error (ValueError with a readable message) quarantines the file."""
    if file_format == "txt":
        from .text_encoding import decode_text
        from .text_reader import read_text

        decoded = decode_text(data)
        if decoded.problem:
            raise ValueError(decoded.problem)
        return read_text(document_id, source_file, decoded.text)
    if file_format == "docx":
        from .docx_reader import read_docx

        return read_docx(document_id, source_file, data)
    if file_format == "pdf":
        from .pdf_reader import read_pdf

        return read_pdf(document_id, source_file, data)
    if file_format == "xlsx":
        from .xlsx_reader import read_xlsx

        return read_xlsx(document_id, source_file, data)
    if file_format == "xls":
        from .xls_reader import read_xls

        return read_xls(document_id, source_file, data)
    raise ValueError(f"no reader for {file_format} documents")

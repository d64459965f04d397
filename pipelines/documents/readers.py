"""One entry point per format; every reader returns the same Document model."""
from .model import Document
from .text_reader import read_text


def read_document(document_id: str, source_file: str, file_format: str, data: bytes) -> Document:
    if file_format == "txt":
        return read_text(document_id, source_file, data.decode("utf-8-sig"))
    raise ValueError(f"no reader for {file_format} documents yet")

"""Document identity and format sniffing: bad input is named, not guessed."""
import io
import zipfile

from pipelines.documents.identify import document_id, sniff_format
from tests.conftest import FIXTURES


def test_document_id_is_the_content_hash():
    assert document_id(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_formats_from_bytes_not_names():
    assert sniff_format((FIXTURES / "luzhou_hrss_2023.pdf").read_bytes(), "x.txt").file_format == "pdf"
    assert sniff_format((FIXTURES / "luzhou_hrss_2023.docx").read_bytes(), "x.pdf").file_format == "docx"
    assert sniff_format("第一部分".encode(), "x.docx").file_format == "txt"


def test_problems_are_named():
    assert sniff_format(b"", "e.txt").problem == "empty file"
    assert sniff_format(b" \n\t", "e.txt").problem == "empty file"
    assert sniff_format(b"%PDF-1.7\n1 0 obj", "t.pdf").problem.startswith("corrupt PDF")
    assert sniff_format(b"\x00\x01\x02", "b.bin").problem == "binary file of unknown format (b.bin)"
    assert sniff_format("中文".encode("gbk"), "g.txt").file_format == "txt"  # GBK text is read (text_encoding.py)
    assert sniff_format(b"\x81\x30\xfd", "g.txt").problem.startswith("text that is neither UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("a.txt", "x")
    assert sniff_format(buffer.getvalue(), "a.zip").problem == "zip file that is neither a Word document nor an Excel workbook"

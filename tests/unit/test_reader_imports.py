"""A format's reader library is imported only when a document of that format is read: a run (or an extraction
worker) over text reports does not pay for openpyxl or the PDF and DOCX stacks (~0.8 s of start)."""
import subprocess
import sys

from tests.conftest import REPO

# xlrd is not among them: identify.py sniffs formats with its compound-document parser (10 ms of imports)
FORMAT_LIBRARIES = ("openpyxl", "pdfplumber", "pdfminer", "docx", "pipelines.documents.pdf_reader",
                    "pipelines.documents.docx_reader", "pipelines.documents.xlsx_reader",
                    "pipelines.documents.xls_reader")


def _modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_the_extraction_entry_point_loads_no_format_library():
    loaded = _modules_after("import pipelines.ingest")
    assert not loaded & set(FORMAT_LIBRARIES)


def test_reading_a_text_report_loads_no_other_formats_library():
    loaded = _modules_after(
        "from pipelines.documents.readers import read_document\n"
        "read_document('d', 'a.txt', 'txt', '一、部门职责\\n'.encode('gb18030'))")
    assert "pipelines.documents.text_reader" in loaded
    assert not loaded & set(FORMAT_LIBRARIES)


def test_reading_a_workbook_loads_its_reader():
    loaded = _modules_after(
        "from pipelines.documents.readers import read_document\n"
        "try:\n    read_document('d', 'a.xlsx', 'xlsx', b'not a workbook')\nexcept ValueError:\n    pass")
    assert {"openpyxl", "pipelines.documents.xlsx_reader"} <= loaded

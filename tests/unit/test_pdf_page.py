"""A page's chars, edges and tables from pdf_page equal pdfplumber's ``page.chars``, ``page.edges`` and
``page.find_tables()`` — the objects the reader used before it was made faster. Value for value (floats
compared with ==), so an upgrade of pdfminer or pdfplumber that changes their formulas fails here."""
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest

from pipelines.documents import pdf_page
from pipelines.documents.pdf_page import intersections_to_cells, read_page_objects

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CHAR_KEYS = ("text", "x0", "x1", "y1", "top", "bottom", "size", "matrix", "upright")
EDGE_KEYS = ("object_type", "orientation", "x0", "x1", "top", "bottom", "width", "height")


def _assert_page_equal(pdf, page) -> None:
    fast = read_page_objects(pdf, page)
    assert fast.width == page.width
    assert [{k: c[k] for k in CHAR_KEYS} for c in fast.chars] == [{k: c[k] for k in CHAR_KEYS} for c in page.chars]
    assert [{k: e[k] for k in EDGE_KEYS} for e in fast.edges] == [{k: e[k] for k in EDGE_KEYS} for e in page.edges]
    assert [t.cells for t in fast.find_tables()] == [t.cells for t in page.find_tables()]


@pytest.mark.parametrize("name, pages", [("peer/S03_putuo_shgzb_2024_final.pdf", slice(None)),
                                         ("peer/S01_putuo_czj_2024_final_GOOD.pdf", slice(4, 12)),
                                         ("luzhou_hrss_2023.pdf", slice(2, 8))])
def test_chars_edges_and_tables_equal_pdfplumbers(name, pages):
    with pdfplumber.open(FIXTURES / name) as pdf:
        for page in pdf.pages[pages]:
            _assert_page_equal(pdf, page)


def _pdf(pages: list[tuple[bytes, bytes]]) -> bytes:
    """A small PDF: per page (extra page-dictionary entries, content stream); Helvetica as /F1 and a form
    XObject /Fm1 holding text, a line and a rectangle."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    form_content = b"BT /F1 8 Tf 5 5 Td (in a form) Tj ET 0 0 m 50 0 l S 0 0 40 20 re S"
    form = add(b"<< /Type /XObject /Subtype /Form /BBox [0 0 100 50] /Matrix [1 0 0 1 20 30] "
               b"/Resources << /Font << /F1 %d 0 R >> >> /Length %d >>\nstream\n%s\nendstream"
               % (font, len(form_content), form_content))
    pages_id = len(objects) + 2 * len(pages) + 1
    kids = []
    for extras, content in pages:
        stream = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /Resources << /Font << /F1 %d 0 R >> /XObject << /Fm1 %d 0 R "
                        b">> >> /Contents %d 0 R %s >>" % (pages_id, font, form, stream, extras)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    return bytes(out)


SYNTHETIC_CONTENT = (
    b"BT /F1 12 Tf 72 700 Td (Hello \\(World\\)) Tj 0 -14 Td [(Kern) -250 (ed)] TJ 2 Tc 0 -14 Td (spaced) Tj "
    b"3 Tw (a b) Tj 120 Tz 5 Ts (scaled) Tj ET "  # char and word spacing, horizontal scaling, rise
    b"q 1 0 0 1 10 10 cm /Fm1 Do Q 72 600 200 100 re S 72 650 m 272 650 l S 100 500 m 150 550 200 500 250 550 c S "
    b"q 0.7071 0.7071 -0.7071 0.7071 300 300 cm BT /F1 10 Tf 0 0 Td (rotated) Tj ET Q")
INLINE_IMAGE = b" BI /W 2 /H 2 /BPC 8 /CS /G ID \x00\xff\xff\x00 EI"  # read by pdfminer's own parser


@pytest.mark.parametrize("extras, content", [
    (b"/MediaBox [0 0 612 792]", SYNTHETIC_CONTENT),
    (b"/MediaBox [10 20 622 812] /Rotate 90", SYNTHETIC_CONTENT),  # MediaBox off the origin, rotated page
    (b"/MediaBox [0 0 612 792] /Rotate 180", SYNTHETIC_CONTENT + INLINE_IMAGE),
])
def test_forms_rotation_spacing_curves_and_inline_images_as_pdfplumber_reads_them(extras, content):
    with pdfplumber.open(BytesIO(_pdf([(extras, content)]))) as pdf:
        (page,) = pdf.pages
        assert "".join(c["text"] for c in page.chars) == "Hello (World)Kernedspaceda bscaledin a formrotated"
        assert {e["object_type"] for e in page.edges} == {"line", "rect_edge", "curve_edge"}
        _assert_page_equal(pdf, page)


def test_a_stream_left_to_pdfminers_parser_gives_the_same_objects(monkeypatch):
    monkeypatch.setattr(pdf_page, "content_operations", lambda streams: None)
    with pdfplumber.open(FIXTURES / "peer" / "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf") as pdf:
        for page in pdf.pages[5:8]:
            _assert_page_equal(pdf, page)


def test_cells_are_the_smallest_rectangles_of_joined_crossings():
    # a 2 x 2 grid whose middle vertical ruling stops at the middle: three cells
    def edge(x0, top, x1, bottom):
        return {"x0": x0, "top": top, "x1": x1, "bottom": bottom}

    h = [edge(0, 0, 20, 0), edge(0, 10, 20, 10), edge(0, 20, 20, 20)]
    v = [edge(0, 0, 0, 20), edge(10, 0, 10, 10), edge(20, 0, 20, 20)]
    intersections: dict = {}
    for ve in v:
        for he in h:
            if ve["top"] <= he["top"] <= ve["bottom"]:
                point = intersections.setdefault((ve["x0"], he["top"]), {"v": [], "h": []})
                point["v"].append(ve)
                point["h"].append(he)
    assert intersections_to_cells(intersections) == [(0, 0, 10, 10), (0, 10, 20, 20), (10, 0, 20, 10)]

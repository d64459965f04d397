"""The content-stream tokenizer yields what pdfminer's own parser yields — or declines (None) so that
pdfminer's parser reads the stream. The expected values come from pdfminer's PDFContentParser, which the
tokenizer replaces: the claim tested is equality with it, token for token, types included."""
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdftypes import PDFStream, list_value, stream_value
from pdfminer.psparser import PSEOF, PSKeyword, PSLiteral

from pipelines.documents.pdf_content import content_operations, hex_string, unescape

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _pdfminer(streams: list[bytes]) -> list:
    from pdfminer.pdfinterp import PDFContentParser

    parser = PDFContentParser([PDFStream({}, data) for data in streams])
    objects = []
    while True:
        try:
            objects.append(parser.nextobject()[1])
        except PSEOF:
            return objects


def _ours(streams: list[bytes]) -> list | None:
    operations = content_operations(streams)
    if operations is None:
        return None
    return [obj for operands, operator in operations for obj in operands + ([operator] if operator else [])]


def _typed(obj):
    """A value with its type, recursively, so that 1 and 1.0 (or b"a" and "a") are told apart."""
    if isinstance(obj, list):
        return ["list", [_typed(o) for o in obj]]
    if isinstance(obj, dict):
        return ["dict", {k: _typed(v) for k, v in obj.items()}]
    if isinstance(obj, (PSKeyword, PSLiteral)):
        return [type(obj).__name__, obj.name, id(obj)]  # interned: the same object as pdfminer's
    return [type(obj).__name__, obj]


def _content_streams(path: Path, pages: slice) -> list[list[bytes]]:
    with pdfplumber.open(path) as pdf:
        return [[stream_value(s).get_data() for s in list_value(page.page_obj.contents)] for page in pdf.pages[pages]]


@pytest.mark.parametrize("name, pages", [("peer/S01_putuo_czj_2024_final_GOOD.pdf", slice(None)),
                                         ("peer/S03_putuo_shgzb_2024_final.pdf", slice(None)),
                                         ("peer/S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf", slice(None)),
                                         ("luzhou_hrss_2023.pdf", slice(0, 12))])
def test_every_content_stream_of_the_fixtures_is_read_as_pdfminer_reads_it(name, pages):
    for streams in _content_streams(FIXTURES / name, pages):
        ours = _ours(streams)
        assert ours is not None  # the fast path is taken for all of them
        assert _typed(ours) == _typed(_pdfminer(streams))


SUPPORTED = [
    b"BT /F1 9 Tf 42.6 542.403 Td <0102 03 04> Tj ET",
    b"1 0 0 1 -.5 +3 cm 1. .5 -0 007 Td",  # pdfminer's number forms, ints kept apart from floats
    b"+-5 -- . 1.2.3 5-3 T*",  # tokens pdfminer drops ("+", "-", "."), and numbers run together
    b"[(a) -120 (b\\(c\\)) 3.5 <4142>] TJ",
    b"(esc\\n\\t\\\\\\101\\7x\\q\\\r\nend) Tj (\\12345) Tj",  # escapes, octal, dropped escapes, line continuation
    b"<414> Tj <41 42\n43> Tj <> Tj",  # odd digit, whitespace inside, empty
    b"/P <</MCID 3 /ActualText (x) /K [1 2] /N null>> BDC EMC",
    b"q 1 0 0 1 0 0 cm /Im1 Do Q % a comment ( [ <<\n0 g",
    b"true false [true /Name] { 1 2 } ' \" d0 d1 Tj\x00TJ",
    b"1 2 3",  # operands without an operator at the end
]


@pytest.mark.parametrize("data", SUPPORTED)
def test_unusual_but_supported_syntax_is_read_as_pdfminer_reads_it(data):
    ours = _ours([data])
    assert ours is not None
    assert _typed(ours) == _typed(_pdfminer([data]))


@pytest.mark.parametrize("data", [
    b"BI /W 1 /H 1 /BPC 1 ID \x00\x01 EI Q",  # inline image
    b"/A#20B Tf",  # name with an escape
    b"(a(b)c) Tj",  # nested parentheses
    b"(unterminated Tj",
    b"[1 2",  # unterminated array
    b"<ab>>> 5 w",  # hex string, then a '>>' closing a dictionary never opened
    b"(a) Tj ) ] x",  # a ']' closing nothing
    b"<</A 1 /B>> BDC",  # odd dictionary
    b"(\\777) Tj",  # pdfminer fails an assertion
])
def test_what_is_not_reproduced_is_left_to_pdfminer(data):
    assert content_operations([data]) is None


def test_streams_are_read_one_after_another():
    streams = [b"BT /F1 12 Tf", b"(a) Tj\n", b"ET 1 2"]
    assert _typed(_ours(streams)) == _typed(_pdfminer(streams))
    across = [b"[1 2", b"3] TJ"]  # a number ends with its stream; the array goes on in the next one
    assert _typed(_ours(across)) == _typed(_pdfminer(across))
    assert content_operations([b"/Name /", b"F1 Tf"]) is None  # pdfminer continues an empty name


def test_string_and_hex_helpers():
    assert unescape(b"a\\(b\\)\\\\\\n\\101\\0\\x") == b"a(b)\\\nA\x00"
    assert hex_string(b"41 42") == b"AB"
    assert hex_string(b"4 1 4") == b"A\x04"  # pairs after removing whitespace; a last odd digit stands alone


def test_random_token_soup_is_read_as_pdfminer_reads_it_or_left_to_it():
    """Random sequences of tokens and separators (fixed seed): whenever the tokenizer reads a stream, it reads
    it as pdfminer does — also when the pieces are split across two streams."""
    import random

    pieces = [b"1", b"-", b"+", b".", b"12.5", b"-.3", b" ", b"\n", b"\r", b"\r\n", b"\x00", b"/", b"/F1", b"/a#20",
              b"(", b")", b"(ab)", b"(a\\)b)", b"\\", b"\\101", b"(\\\r\n)", b"<", b">", b"<<", b">>", b"<41>",
              b"<4 1>", b"[", b"]", b"{", b"}", b"[1 (x) 2]", b"<</A 1/B [2]>>", b"%c", b"Tj", b"true", b"null",
              b"'", b"T*", b"\x80", b"ID", b"EI"]
    rnd = random.Random(8)
    read = 0
    for _ in range(1500):
        data = b"".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 20)))
        streams = [data] if rnd.random() < 0.7 else [data[:len(data) // 2], data[len(data) // 2:]]
        ours = _ours(streams)
        if ours is not None:
            read += 1
            assert _typed(ours) == _typed(_pdfminer(streams)), streams
    assert read > 200  # the comparison is not vacuous (273 of 1500 with this seed)

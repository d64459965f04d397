"""Text reports saved as GB18030/GBK (the Windows "ANSI" default in China) or UTF-16 are read, not quarantined."""
import codecs

import pytest

from pipelines.documents.identify import sniff_format
from pipelines.documents.text_encoding import decode_text
from pipelines.extract.records import Figure
from pipelines.ingest import LOADED, ingest_file
from tests.conftest import REFERENCE_TXT

REFERENCE = REFERENCE_TXT.read_text(encoding="utf-8")


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("gb2312", "gb18030"), ("utf-16", "utf-16"), ("utf-16-be", None)])
def test_the_encoding_is_recognised_and_the_text_is_exact(encoding, expected):
    text = "第一部分 泸州市人力资源和社会保障局概况\n\t本年收入合计\n\t15,157.49\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":  # no byte-order mark: UTF-16 cannot be told from binary, say so
        assert decode_text(data).problem and sniff_format(data, "x.txt").file_format is None
        return
    decoded = decode_text(data)
    assert (decoded.text.lstrip("\ufeff"), decoded.encoding, decoded.problem) == (text, expected, None)
    assert sniff_format(data, "x.txt") == ((sniff_format(data, "x.txt").__class__)("txt", None))


def test_gb18030_only_characters_round_trip():
    text = "单位：万元 𠀀 €"  # 𠀀 (U+20000) exists in GB18030 but not in GBK
    assert decode_text(text.encode("gb18030")).text == text


def test_bytes_that_are_no_text_are_named():
    assert decode_text(b"\x81\x30").problem.startswith("text that is neither UTF-8 (invalid at byte 0) nor GB18030")
    assert decode_text("表\x07格".encode("gb18030")).problem  # a control character: not a text file
    assert sniff_format(b"\x00\x01\x02", "b.bin").problem == "binary file of unknown format (b.bin)"


def _figures(result):
    return sorted(repr(f) for f in result.records if isinstance(f, Figure))


def test_the_reference_saved_as_gb18030_yields_the_same_figures(tmp_path):
    utf8, gb = tmp_path / "utf8.txt", tmp_path / "gb.txt"
    utf8.write_text(REFERENCE, encoding="utf-8")
    gb.write_bytes(REFERENCE.encode("gb18030"))
    from_utf8, from_gb = ingest_file([utf8]), ingest_file([gb])
    assert (from_gb.status, from_gb.reason) == (LOADED, None)
    assert from_gb.document_id != from_utf8.document_id  # other bytes, another document id
    figures = _figures(from_gb)
    assert len(figures) > 200 and figures == _figures(from_utf8)

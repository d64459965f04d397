"""名词解释 (第三部分 of the Sichuan report, 第四部分 of the national template; its numbering is often lost):
numbered ``N.术语：定义`` or ``一、术语：定义`` entries. A table of contents lists the heading first: the glossary
follows its LAST heading.

An entry may be glued onto the end of the previous one's line (``…购房补贴。27.基本支出：指…``);
a glued entry is accepted only right after a ``。``, so numbers inside a definition never split it.
Printed numbers are kept as printed — they are not unique (27 appears twice in the reference).
"""
import re

from pipelines.documents.model import Document
from pipelines.parsing.numbers import list_number

from .narrative_records import GlossaryEntry
from .narrative_text import Line, narrative_lines, section

_HEADING = re.compile(r"^(?:第[三四34]部分\s*)?名词解释$")
_END = re.compile(r"^第[四五六4-6]部分|^附件\s*\d*$")
_ENTRY_START = re.compile(r"^\s*(?P<num>\d+|[一二三四五六七八九十]+)\s*[.、]\s*")
_GLUED_START = re.compile(r"(?<=。)\s*(?P<num>\d+)\s*\.\s*(?=[^\d\s])")
_TERM = re.compile(r"(?P<term>[^:。]{1,80}?)\s*[:]")


def _entries_in_line(line: Line) -> list[tuple[int, str, int]]:
    """(start offset, printed number, offset where the term begins) of each entry in the line."""
    starts: list[tuple[int, str, int]] = []
    m = _ENTRY_START.match(line.folded)
    if m is None:
        return starts
    starts.append((m.start("num"), m.group("num"), m.end()))
    for g in _GLUED_START.finditer(line.folded, m.end()):
        # only a real entry when a term and a colon follow
        if _TERM.match(line.folded, g.end()):
            starts.append((g.start("num"), g.group("num"), g.end()))
    return starts


def extract_glossary(document: Document) -> list:
    lines = narrative_lines(document)
    headings = [i for i, line in enumerate(lines) if _HEADING.search(line.folded.strip())]
    body = section(lines[headings[-1]:], _HEADING, _END) if headings else []
    records: list = []
    seq = 0
    for line in body:
        starts = _entries_in_line(line)
        for index, (offset, number, term_start) in enumerate(starts):
            end = starts[index + 1][0] if index + 1 < len(starts) else len(line.folded)
            tm = _TERM.match(line.folded, term_start, end)
            if tm is None:
                continue
            seq += 1
            term = line.raw[tm.start("term"):tm.end("term")].strip(" \u3000")
            definition = line.raw[tm.end():end].strip(" \u3000\t")
            records.append(GlossaryEntry(
                seq=seq, seq_printed=number, term=term, definition=definition, char_offset=offset,
                source_location=line.location, source_text=line.raw, seq_number=list_number(number),
            ))
    return records

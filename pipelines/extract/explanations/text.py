"""The explanations as one normalised text, with the way back to the paragraphs it was built from.

Sentence patterns run on text where full-width punctuation is ASCII (NFKC) and every whitespace is gone, and
where the paragraphs are joined: a PDF line break that split "支出决算为" from "0.94万元。" or a space in "共有车辆0
辆" no longer matters. Each character of that text knows its paragraph, so a figure found in it is located in
the paragraph it was printed in and carries that paragraph's text.
"""
import bisect
import re
import unicodedata
from dataclasses import dataclass

from pipelines.documents.model import Document, Paragraph

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class JoinedText:
    text: str
    starts: tuple[int, ...]  # offset of each paragraph's first character
    paragraphs: tuple[Paragraph, ...]

    def paragraph_at(self, offset: int) -> Paragraph:
        return self.paragraphs[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def source_text(self, start: int, end: int) -> str:
        """The printed text of every paragraph from ``start`` to ``end`` (a sentence split over two
        paragraphs is given whole)."""
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = max(first, bisect.bisect_right(self.starts, max(start, end - 1)) - 1)
        return "".join(p.text.strip() for p in self.paragraphs[first:last + 1])


def join_paragraphs(document: Document) -> JoinedText:
    parts: list[str] = []
    starts: list[int] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for paragraph in document.paragraphs():
        text = normalise(paragraph.text)
        if not text:
            continue
        starts.append(offset)
        paragraphs.append(paragraph)
        parts.append(text)
        offset += len(text)
    return JoinedText("".join(parts), tuple(starts), tuple(paragraphs))

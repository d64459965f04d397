"""Regex building blocks shared by the narrative extractors.

Patterns run on NFKC-normalised text (see ``parsing.numbers.normalize``), so full-width
punctuation (，：；（）％) arrives as ASCII (,:;()%) and one pattern covers both spellings.
"""
import re
from typing import Iterator

from pipelines.documents.model import Document, Paragraph
from pipelines.parsing.numbers import normalize

AMT = r"\d[\d,]*(?:\.\d+)?"
PCT = r"-?\d+(?:\.\d+)?\s*%"
MONEY_UNIT = r"(?:亿元|万元|元)"
UP_DOWN = r"(?:增加|减少|增长|下降|降低|上升)"


def normalized_paragraphs(document: Document) -> Iterator[tuple[Paragraph, str]]:
    """Each paragraph with its normalised text, in document order."""
    for paragraph in document.paragraphs():
        yield paragraph, normalize(paragraph.text)


def find_paragraphs(document: Document, pattern: re.Pattern) -> Iterator[tuple[Paragraph, str, re.Match]]:
    """Paragraphs whose normalised text matches ``pattern`` (searched), with the match."""
    for paragraph, text in normalized_paragraphs(document):
        match = pattern.search(text)
        if match:
            yield paragraph, text, match


def split_segments(text: str) -> list[str]:
    """Split an enumeration such as ``A 1万元,占1%;B 2万元,占2%。`` into its ``;``-separated segments."""
    return [s.strip(" 。.") for s in re.split(r"[;；]", text) if s.strip(" 。.")]

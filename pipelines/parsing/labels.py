"""Printed labels reduced to a lookup key, so that one vocabulary entry matches every spelling.

"一、一般公共预算财政拨款收入" · "一般公共预算财政拨款收入 " · "使用非财政拨款结余（含专用结余）" · "对附属单位补\\n助支出"
all reduce to the key of their vocabulary entry: NFKC (full-width to ASCII), no whitespace or quotes, no list
numbering at the start, no parenthesis at the end.
"""
import re

from .numbers import normalize

_NUMBERING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\(?[一二三四五六七八九十]+\)|\d+[、.](?!\d)|表[一二三四五六七八九十\d]+[、.:]?)")
_TRAILING_PARENTHESIS_RE = re.compile(r"\([^()]*\)$")
_SPACES_AND_QUOTES_RE = re.compile(r"[\s“”\"'‘’「」]")


def compact(text: str) -> str:
    """NFKC without whitespace or quotation marks (a header cell wrapped over two lines reads as one word)."""
    return _SPACES_AND_QUOTES_RE.sub("", normalize(text))


def label_key(text: str) -> str:
    """The lookup key of a printed label: compact, list numbering and a trailing parenthesis removed."""
    key = _NUMBERING_RE.sub("", compact(text))
    return _TRAILING_PARENTHESIS_RE.sub("", key) or key


def printed_label(text: str) -> str:
    """A label for display: whitespace removed, list numbering removed, everything else as printed."""
    label = re.sub(r"\s+", "", text.replace("\u3000", ""))
    stripped = _NUMBERING_RE.sub("", normalize(label))
    # keep the printed (full-width) characters: cut as many characters as the normalised numbering had
    return label[len(normalize(label)) - len(stripped):] if stripped != normalize(label) else label

"""Sentence patterns of a layout's explanations (情况说明), read from ``pipelines/layouts/narrative/*.yml``.

A narrative spec names the part of the report that holds the explanations (its start and end headings), the
section headings inside it, and sentence patterns. A pattern is a regular expression over the section's
NORMALISED text (NFKC: full-width punctuation as ASCII, every whitespace removed, paragraphs joined — so a
sentence broken over two paragraphs or "0 辆" with a space still match) written with macros:

  {MONEY:g}  an amount with its unit (2995.39万元, 0元)       {PCT:g}     a percentage (99.79%)
  {CHANGE:g} a direction word and an amount (减少56.95万元)     {GROWTH:g}  a direction word and a percentage
  {FLAT:g}   持平 / 基本持平                                   {COUNT:g}   a whole number
  {NUMBER:g} a number (a score)                               {YEAR:g}    a year (2024)
  {LABEL:g}  a label (no digit or punctuation)                {TEXT:g}    the rest of the sentence
  {ORG}      a department name (up to 40 characters, no punctuation)
Each named group maps to a figure (family, subject, measure, kind); a ``list`` splits a group into items,
each matched by its own pattern, with the item's label looked up in a vocabulary (vocab/*.yml) for its
subject. ``record`` names a record builder for patterns that fill a dedicated landing table (gpb_item).
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import LAYOUTS_DIR, LayoutDataError

_N = r"\d[\d,]*(?:\.\d+)?"
_DIRECTION = r"(?:增加|减少|增长|下降|降低|上升|提高)"
MACROS = {
    "MONEY": rf"{_N}(?:亿元|万元|元)",
    "PCT": r"-?\d+(?:\.\d+)?%",
    "CHANGE": rf"{_DIRECTION}{_N}(?:亿元|万元|元)",
    "GROWTH": rf"{_DIRECTION}-?\d+(?:\.\d+)?%",
    "FLAT": r"(?:基本)?持平",
    "COUNT": r"\d+",
    "NUMBER": r"\d+(?:\.\d+)?",
    "YEAR": r"20\d\d",
    "LABEL": r"[^\d,;:。、]+?",
    "TEXT": r"[^。]+",
    "ORG": r"[^,;:。\d]{0,40}?",
}
_MACRO_RE = re.compile(r"\{([A-Z]+)(?::(\w+))?\}")
KINDS = {"money", "change", "percent", "growth", "count", "number", "text", "direction", "year"}


def expand(pattern: str) -> str:
    """A pattern with macros → a regular expression (a macro with a name becomes a named group)."""
    def replace(m: re.Match) -> str:
        macro, name = m.group(1), m.group(2)
        if macro not in MACROS:
            raise LayoutDataError(f"unknown macro {{{macro}}} in pattern {pattern!r}")
        return f"(?P<{name}>{MACROS[macro]})" if name else f"(?:{MACROS[macro]})"
    return _MACRO_RE.sub(replace, pattern)


@dataclass(frozen=True)
class FigureSpec:
    group: str
    family: str
    subject: str  # may be "{label}": the list item's vocabulary key (or printed label)
    measure: str
    kind: str


@dataclass(frozen=True)
class ListSpec:
    group: str
    split: re.Pattern
    item: re.Pattern
    vocabulary: str | None
    label_suffix: str  # appended to an item label missing it before the lookup (类 names without 支出)
    figures: tuple[FigureSpec, ...]


@dataclass(frozen=True)
class PatternDef:
    id: str
    sections: tuple[str, ...]  # the first of these the document has is searched
    regex: re.Pattern
    figures: tuple[FigureSpec, ...]
    lists: tuple[ListSpec, ...]
    record: str | None  # a record builder (e.g. gpb_item) instead of figures
    repeat: bool  # every match, not only the first


@dataclass(frozen=True)
class SectionDef:
    key: str
    heading: re.Pattern
    level: int  # 1 for 一、…; 2 for (一)… inside a level-1 section


@dataclass(frozen=True)
class NarrativeSpec:
    id: str
    part_start: re.Pattern | None
    part_end: re.Pattern | None
    sections: tuple[SectionDef, ...]
    patterns: tuple[PatternDef, ...]
    source: str


def _figure(raw: dict, where: str) -> FigureSpec:
    kind = raw.get("kind", "money")
    if kind not in KINDS:
        raise LayoutDataError(f"{where}: kind {kind!r} not in {sorted(KINDS)}")
    return FigureSpec(raw["group"], raw["family"], str(raw["subject"]), raw.get("measure", "amount"), kind)


def _figures(raw: dict, where: str) -> tuple[FigureSpec, ...]:
    return tuple(_figure({"group": group, **spec}, f"{where} group {group}") for group, spec in raw.items())


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(expand(pattern))
    except re.error as exc:
        raise LayoutDataError(f"{where}: pattern does not compile: {exc}") from exc


def _pattern(raw: dict, path: Path) -> PatternDef:
    where = f"{path.name}: pattern {raw.get('id')}"
    regex = _compile(raw["pattern"], where)
    figures = _figures(raw.get("figures", {}), where)
    lists = tuple(ListSpec(
        group=spec["group"],
        split=re.compile(spec.get("split", "[;；]")),
        item=_compile(spec["item"], f"{where} list {spec['group']}"),
        vocabulary=spec.get("vocabulary"),
        label_suffix=spec.get("label_suffix", ""),
        figures=_figures(spec.get("figures", {}), f"{where} list {spec['group']}"),
    ) for spec in raw.get("lists", []))
    unknown = [f.group for f in figures if f.group not in regex.groupindex] + \
        [s.group for s in lists if s.group not in regex.groupindex]
    if unknown:
        raise LayoutDataError(f"{where}: groups {unknown} are not in the pattern")
    sections = raw["section"] if isinstance(raw["section"], list) else [raw["section"]]
    return PatternDef(raw["id"], tuple(sections), regex, figures, lists, raw.get("record"), bool(raw.get("repeat")))


@lru_cache(maxsize=None)
def load_narrative(name: str, directory: Path = LAYOUTS_DIR) -> NarrativeSpec:
    path = directory / "narrative" / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LayoutDataError(f"{path}: {exc}") from exc
    sections = tuple(SectionDef(s["key"], _compile(s["heading"], f"{path.name}: section {s['key']}"),
                                int(s.get("level", 1))) for s in data["sections"])
    keys = {s.key for s in sections}
    patterns = tuple(_pattern(p, path) for p in data["patterns"])
    for pattern in patterns:
        stray = [s for s in pattern.sections if s not in keys and s != "part"]
        if stray:
            raise LayoutDataError(f"{path.name}: pattern {pattern.id}: unknown sections {stray}")
    ids = [p.id for p in patterns]
    if len(ids) != len(set(ids)):
        raise LayoutDataError(f"{path.name}: duplicate pattern ids")
    part = data.get("part", {})
    return NarrativeSpec(
        id=data["id"],
        part_start=_compile(part["start"], path.name) if part.get("start") else None,
        part_end=_compile(part["end"], path.name) if part.get("end") else None,
        sections=sections,
        patterns=patterns,
        source=path.name,
    )

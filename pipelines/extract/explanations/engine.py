"""Sentence patterns (pipelines/layouts/narrative/*.yml) applied to the explanations → figures.

Every figure keeps the number as printed (value, unit, decimals, raw text), the paragraph it was printed in
(``source_location``; its text, or the paragraphs a split sentence spans, as ``source_text``) and the year it
is compared with. A direction word is a text figure (measure ``direction``) with a canonical value —
increase / decrease / flat, greater / less / equal for 决算数 against 预算数, none for "无…支出" — so the checks
can hold the wording against the numbers.
"""
import re
from dataclasses import dataclass

from pipelines.layouts import vocabulary
from pipelines.layouts.narrative import FigureSpec, ListSpec, NarrativeSpec, PatternDef
from pipelines.parsing.labels import label_key
from pipelines.parsing.numbers import ParsedNumber, parse_amount, parse_number, parse_percent

from ..records import ExtractionIssue, Figure, figure, text_figure
from .outline import Section, outline
from .text import JoinedText

EXTRACTOR = "explanations"
_SUBJECT_GROUP_RE = re.compile(r"\{(\w+)\}")  # a subject naming a group of the match ("rating:{rating}")
_DIRECTIONS = (("基本持平", "flat"), ("持平", "flat"), ("大于", "greater"), ("小于", "less"), ("等于", "equal"),
               ("增加", "increase"), ("增长", "increase"), ("上升", "increase"), ("提高", "increase"),
               ("减少", "decrease"), ("下降", "decrease"), ("降低", "decrease"), ("无", "none"))


def direction_of(word: str) -> str | None:
    """The canonical direction of a printed word or phrase (its first direction word)."""
    positions = [(word.find(w), len(w), d) for w, d in _DIRECTIONS if w in word]
    return min(positions, key=lambda p: (p[0], -p[1]))[2] if positions else None


@dataclass(frozen=True)
class Match:
    """One pattern match: its groups, where it starts and ends in the joined text."""

    pattern: PatternDef
    groups: dict[str, str | None]
    spans: dict[str, tuple[int, int]]
    start: int
    end: int


def _parse(kind: str, text: str) -> ParsedNumber:
    if kind in ("money", "change"):
        return parse_amount(text)
    if kind in ("percent", "growth"):
        return parse_percent(text)
    return parse_number(text)


def _figure(spec: FigureSpec, text: str, offset: int, match: Match, joined: JoinedText, fiscal_year: int | None,
            subject: str, seq: int | None, label: str | None) -> Figure:
    paragraph = joined.paragraph_at(offset)
    source = joined.source_text(match.start, match.end)
    prior = match.groups.get("prior")
    compared = int(prior) if prior and spec.kind in ("change", "growth", "direction") else None
    common = dict(fiscal_year=fiscal_year, location=paragraph.location, source_text=source, subject_zh=label,
                  seq=seq)
    if spec.kind == "text":
        return text_figure(spec.family, subject, spec.measure, text, **common)
    if spec.kind == "direction":
        found = text_figure(spec.family, subject, spec.measure, direction_of(text) or text, **common)
        return Figure(**{**found.__dict__, "raw_text": text, "compared_year": compared})
    return figure(spec.family, subject, spec.measure, _parse(spec.kind, text), compared_year=compared, **common)


def _list_figures(spec: ListSpec, match: Match, joined: JoinedText, fiscal_year: int | None) -> list:
    text = match.groups.get(spec.group)
    if not text:
        return []
    base = match.spans[spec.group][0]
    records: list = []
    position = 0
    seq = 0
    for segment in spec.split.split(text):
        offset = base + text.find(segment, position)
        position = offset - base + len(segment)
        if not segment.strip("。.,"):
            continue
        item = spec.item.search(segment)
        if item is None:
            records.append(ExtractionIssue(f"{EXTRACTOR}.{match.pattern.id}", "info",
                                           f"list item not understood: {segment!r}",
                                           joined.paragraph_at(offset).location, joined.source_text(offset, offset + 1)))
            continue
        seq += 1
        label = item.groupdict().get("label")
        subject = _item_subject(spec, label)
        for figure_spec in spec.figures:
            value = item.group(figure_spec.group)
            if value is None:
                continue
            records.append(_figure(figure_spec, value, offset + item.start(figure_spec.group), match, joined,
                                   fiscal_year, figure_spec.subject.replace("{label}", subject), seq, label))
    return records


def _item_subject(spec: ListSpec, label: str | None) -> str:
    if not label:
        return "item"
    if spec.vocabulary is not None:
        names = vocabulary(spec.vocabulary)
        key = names.key_of(label) or names.key_of(label + spec.label_suffix)
        if key is not None:
            return key
        return f"unmapped:{label_key(label)}"
    key = label_key(label)
    return key if key.endswith(spec.label_suffix) else key + spec.label_suffix


def _matches(pattern: PatternDef, joined: JoinedText, section: Section) -> list[Match]:
    found = []
    for m in pattern.regex.finditer(joined.text, section.start, section.end):
        found.append(Match(pattern, m.groupdict(), {g: m.span(g) for g in m.groupdict() if m.group(g) is not None},
                           m.start(), m.end()))
        if not pattern.repeat:
            break
    return found


def _section_of(pattern: PatternDef, sections: dict[str, Section]) -> Section | None:
    return next((sections[key] for key in pattern.sections if key in sections), None)


def figures_of_match(match: Match, joined: JoinedText, fiscal_year: int | None) -> list:
    records: list = []
    for spec in match.pattern.figures:
        value = match.groups.get(spec.group)
        if value is not None:
            subject = _SUBJECT_GROUP_RE.sub(lambda m: match.groups.get(m.group(1)) or "", spec.subject)
            records.append(_figure(spec, value, match.spans[spec.group][0], match, joined, fiscal_year, subject,
                                   None, None))
    for spec in match.pattern.lists:
        records += _list_figures(spec, match, joined, fiscal_year)
    return records


def find_matches(spec: NarrativeSpec, joined: JoinedText) -> tuple[list[Match], dict[str, Section]]:
    sections = outline(joined.text, spec)
    matches: list[Match] = []
    for pattern in spec.patterns:
        section = _section_of(pattern, sections)
        if section is not None:
            matches += _matches(pattern, joined, section)
    return matches, sections

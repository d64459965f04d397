"""The explanations' sections: where each heading of the narrative spec is, and the text it spans.

The part starts at the LAST match of its start heading (a table of contents repeats every heading at the
front) and ends at its end heading. Inside it, each section heading is looked for in the spec's order after
the previous one found; a section spans to the next heading of the same or a higher level (a level-1 section
holds its level-2 sub-sections). A heading the document lacks leaves its section absent — patterns then try
their next section, and nothing is guessed.
"""
from dataclasses import dataclass

from pipelines.layouts.narrative import NarrativeSpec


@dataclass(frozen=True)
class Section:
    key: str
    level: int
    heading_start: int
    start: int  # after the heading
    end: int


def part_bounds(text: str, spec: NarrativeSpec) -> tuple[int, int] | None:
    start = 0
    if spec.part_start is not None:
        matches = list(spec.part_start.finditer(text))
        if not matches:
            return None
        start = matches[-1].end()
    end = len(text)
    if spec.part_end is not None:
        m = spec.part_end.search(text, start)
        end = m.start() if m else end
    return start, end


def outline(text: str, spec: NarrativeSpec) -> dict[str, Section]:
    bounds = part_bounds(text, spec)
    if bounds is None:
        return {}
    start, end = bounds
    found: list[tuple[str, int, int, int]] = []  # key, level, heading start, heading end
    position = start
    for section in spec.sections:
        m = section.heading.search(text, position, end)
        if m is None:
            continue
        found.append((section.key, section.level, m.start(), m.end()))
        position = m.end()
    sections: dict[str, Section] = {"part": Section("part", 0, start, start, end)}
    for i, (key, level, heading_start, heading_end) in enumerate(found):
        stop = next((h for _, lv, h, _ in found[i + 1:] if lv <= level), end)
        sections[key] = Section(key, level, heading_start, heading_end, stop)
    return sections

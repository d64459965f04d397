"""How many of the figures typed by hand from a report's explanations (tests/fixtures/peer/expected_narrative)
an extraction holds, with the right value, the right kind of measure and the right page.

Expected lines are matched to extracted facts one to one (a value printed three times must be found three
times). Kinds map to the measures the narrative families use; the page is read off the fact's location, which
names the paragraph the figure is printed in — a paragraph running over a page break starts a page earlier."""
import csv
import re
from decimal import Decimal
from pathlib import Path

KIND_MEASURES = {
    "amount": {"amount", "structure_amount", "detail_amount", "stated_amount"},
    "budget": {"budget", "full_year_budget"},
    "change": {"change"},
    "growth": {"growth"},
    "share": {"share"},
    "completion": {"completion"},
    "count": {"count"},
    "score": {"score"},
    "direction": {"direction", "variance_direction", "absence"},
}
_PAGE_RE = re.compile(r"page (\d+)")


def expected(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def page_of(location: str | None) -> int | None:
    m = _PAGE_RE.search(location or "")
    return int(m.group(1)) if m else None


def _word_matches(printed: str, raw: str | None, value: str | None) -> bool:
    return bool(raw) and (printed in raw or (printed == "无" and value == "none"))


def covered(lines: list[dict], facts: list[dict]) -> tuple[list[dict], list[dict]]:
    """(found, missing) expected lines. A fact: {measure, value (Decimal|None), raw, text, page}."""
    pool = list(facts)
    found, missing = [], []
    for line in lines:
        measures = KIND_MEASURES[line["kind"]]
        page = int(line["page"])
        want = Decimal(line["value"]) if line["value"] else None
        hit = None
        for i, fact in enumerate(pool):
            if fact["measure"] not in measures or fact["page"] not in (page, page - 1):
                continue
            if line["kind"] == "direction":
                ok = _word_matches(line["printed_text"], fact["raw"], fact["text"])
            else:
                ok = fact["value"] is not None and fact["value"] == want
            if ok:
                hit = i
                break
        (found if hit is not None else missing).append(line)
        if hit is not None:
            pool.pop(hit)
    return found, missing

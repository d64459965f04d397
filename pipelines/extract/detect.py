"""Which layout profile a document follows: each profile's markers (pipelines/layouts/profiles/*.yml) are
scored on the document and the best wins; the choice and its reasons are recorded on the document."""
from dataclasses import dataclass

from pipelines.documents.model import Document
from pipelines.layouts import LayoutProfile, load_profiles
from pipelines.parsing.labels import compact

from .statements.locate import locate_statements


@dataclass(frozen=True)
class Detection:
    profile: LayoutProfile
    score: float
    reason: str


def _score(profile: LayoutProfile, texts: list[str], document: Document) -> tuple[float, list[str]]:
    score, reasons = 0.0, []
    for marker in profile.markers:
        if marker.pattern is not None and any(marker.pattern.search(t) for t in texts):
            score += marker.weight
            reasons.append(f"/{marker.pattern.pattern}/")
        elif marker.statements_at_least is not None:
            found = {s.definition.code for s in locate_statements(document, profile) if s.definition}
            if len(found) >= marker.statements_at_least:
                score += marker.weight
                reasons.append(f"{len(found)} statements")
    return score, reasons


def detect_layout(document: Document, profiles: tuple[LayoutProfile, ...] | None = None) -> Detection:
    """The best-scoring profile (file order breaks ties); a document no marker recognises gets the profile
    without markers (generic reading), or the first one."""
    profiles = profiles or load_profiles()
    texts = [compact(p.text) for p in document.paragraphs()]  # a marker holds within one paragraph
    scored = [(p, *_score(p, texts, document)) for p in profiles]
    best = max(scored, key=lambda s: s[1])
    if best[1] > 0:
        profile, score, reasons = best
        return Detection(profile, score, f"{profile.id}: score {score:g} ({', '.join(reasons)})")
    fallback = next((p for p in profiles if not p.markers), profiles[0])
    return Detection(fallback, 0.0, f"{fallback.id}: no profile's markers found (generic reading)")

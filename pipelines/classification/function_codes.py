"""Expenditure functional classification (支出功能分类科目): reference data and a tolerant name matcher.

Reports print the 类/款/项 names of the national classification without their codes, and not
always as the classification spells them: a 类 without its trailing 支出 (`社会保障和就业` for
`社会保障和就业支出`), one-character typos (`培训补助` for `培养补助`, `支出中小企业` for
`支持中小企业`), full-width punctuation and stray spaces. `match_function` walks the tree
class → kuan → xiang, each level looked up only among the children of the level above, and at
each level tries, in this order:

1. ``exact``       the printed name equals the official name;
2. ``normalised``  equal after NFKC (full-width → half-width), whitespace removed and the
                   brackets/quotes of both sides unified;
3. ``class_suffix`` (类 only) the normalised name plus 支出 equals a class name;
4. ``similarity``  difflib ratio ≥ SIMILARITY_THRESHOLD against the siblings, the best candidate
                   ahead of the runner-up by at least SIMILARITY_MARGIN, and the same length
                   (only substitutions are accepted: an inserted or dropped character changes
                   meaning too easily — 中等职业教育 vs 高等职业教育 is one substitution at
                   ratio 0.83 and stays below the threshold).

The method reported for a match is the weakest one used on any level. A name that passes none
of the rules gives ``function_code=None`` and a note naming the level and the printed name —
never a silent guess. Names already matched at higher levels stay in ``matched_names`` so a
caller can still see how far the match went.
"""
from __future__ import annotations

import csv
import difflib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEED_PATH = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "function_classification.csv"

# One substitution in a name of 9 characters gives 0.889, in 6 characters 0.833: 0.85 accepts a
# single typo in names of 7+ characters and rejects it in the short ones, where one character
# is often the whole difference between two real items (中等/高等职业教育, 行政/事业单位医疗).
SIMILARITY_THRESHOLD = 0.85
SIMILARITY_MARGIN = 0.05

LEVELS = ("class", "kuan", "xiang")
METHOD_RANK = {"exact": 0, "normalised": 1, "class_suffix": 2, "similarity": 3}

# Bracket and quote variants printed for the same official name (e.g. 政府办公厅（室）).
_UNIFY = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class FunctionEntry:
    """One row of the classification: a 类 (3 digits), 款 (5) or 项 (7)."""

    function_code: str
    level: str
    name: str
    parent_code: str | None
    edition: str


@dataclass(frozen=True)
class FunctionMatch:
    """Result of matching printed 类/款/项 names to the classification.

    function_code: the code of the deepest requested level, or None when any level failed.
    level: level of function_code ('class', 'kuan', 'xiang'), None when unmatched.
    matched_names: official names matched so far, top-down (may be partial on failure).
    method: weakest rule used ('exact' < 'normalised' < 'class_suffix' < 'similarity'); None when unmatched.
    note: what was corrected, or why nothing matched; None for a clean exact match.
    """

    function_code: str | None
    level: str | None
    matched_names: tuple[str, ...]
    method: str | None
    note: str | None


def normalise_name(text: str) -> str:
    """NFKC, all whitespace removed, brackets/quotes unified — the form compared by rule 2."""
    text = unicodedata.normalize("NFKC", text.translate(_UNIFY))
    return "".join(text.split()).translate(_UNIFY)


@lru_cache(maxsize=4)
def load_function_classification(path: str | Path = SEED_PATH) -> tuple[FunctionEntry, ...]:
    """Read the seed CSV (codes stay text: leading digits matter, 2010101 is not a number)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(
            FunctionEntry(
                function_code=row["function_code"],
                level=row["level"],
                name=row["name"],
                parent_code=row["parent_code"] or None,
                edition=row["edition"],
            )
            for row in csv.DictReader(handle)
        )


def children_of(entries: tuple[FunctionEntry, ...], parent_code: str | None) -> list[FunctionEntry]:
    return [entry for entry in entries if entry.parent_code == parent_code]


def match_level(printed: str, candidates: list[FunctionEntry], level: str) -> tuple[FunctionEntry | None, str | None, str | None]:
    """Match one printed name among sibling candidates -> (entry, method, note)."""
    for entry in candidates:
        if entry.name == printed:
            return entry, "exact", None
    wanted = normalise_name(printed)
    for entry in candidates:
        if normalise_name(entry.name) == wanted:
            return entry, "normalised", f"{level} {printed!r} matched {entry.name!r} after normalisation"
    if level == "class" and not wanted.endswith("支出"):
        for entry in candidates:
            if normalise_name(entry.name) == wanted + "支出":
                return entry, "class_suffix", f"class {printed!r} printed without 支出; matched {entry.name!r}"
    return match_by_similarity(printed, wanted, candidates, level)


def match_by_similarity(printed: str, wanted: str, candidates: list[FunctionEntry], level: str) -> tuple[FunctionEntry | None, str | None, str | None]:
    scored = sorted(
        (
            (difflib.SequenceMatcher(None, wanted, normalise_name(entry.name)).ratio(), entry)
            for entry in candidates
            if len(normalise_name(entry.name)) == len(wanted)
        ),
        key=lambda pair: pair[0],
        reverse=True,
    )
    if scored:
        best_ratio, best = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best_ratio >= SIMILARITY_THRESHOLD and best_ratio - runner_up >= SIMILARITY_MARGIN:
            return best, "similarity", f"{level} {printed!r} read as {best.name!r} (similarity {best_ratio:.2f}, typo in the report)"
    return None, None, f"{level} {printed!r} not found in the 2023 functional classification{_scope(candidates)}"


def _scope(candidates: list[FunctionEntry]) -> str:
    if not candidates:
        return " (no reference entries at this level)"
    parent = candidates[0].parent_code
    return f" under {parent}" if parent else ""


def match_function(
    class_name: str,
    kuan_name: str | None = None,
    xiang_name: str | None = None,
    entries: tuple[FunctionEntry, ...] | None = None,
) -> FunctionMatch:
    """Match printed 类/款/项 names to a function code (see the module docstring for the rules).

    Give only the levels that were printed: ``match_function('教育支出')`` resolves the class.
    """
    entries = entries if entries is not None else load_function_classification()
    printed_levels = [name for name in (class_name, kuan_name, xiang_name) if name is not None]
    matched: list[str] = []
    notes: list[str] = []
    weakest = "exact"
    parent_code: str | None = None
    entry: FunctionEntry | None = None
    for level, printed in zip(LEVELS, printed_levels):
        entry, method, note = match_level(printed, children_of(entries, parent_code), level)
        if note:
            notes.append(note)
        if entry is None:
            return FunctionMatch(None, None, tuple(matched), None, "; ".join(notes))
        matched.append(entry.name)
        weakest = max(weakest, method, key=METHOD_RANK.__getitem__)
        parent_code = entry.function_code
    if entry is None:
        return FunctionMatch(None, None, (), None, "no name given")
    return FunctionMatch(entry.function_code, entry.level, tuple(matched), weakest, "; ".join(notes) or None)

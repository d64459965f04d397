"""Layout profiles, the statement catalogue and vocabularies — read from the YAML files beside this module.

A layout is data: ``profiles/*.yml`` (how a kind of report is recognised, which statements it prints, which
extractors read it), ``statements.yml`` (title aliases, header vocabulary, row codes and the mapping of cells
into the explanations' fact families) and ``vocab/*.yml`` (income sources, expenditure types, 三公
components … defined once). Every label is compared by ``label_key`` (pipelines.parsing.labels), so a
vocabulary entry matches full-width, wrapped, numbered and parenthesised spellings alike.

The loaders take a directory so a test can add a title alias or a header word in a copy of the data and see
it read without a code change.
"""
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from pipelines.parsing.labels import compact, label_key

LAYOUTS_DIR = Path(__file__).resolve().parent


class LayoutDataError(ValueError):
    """A layout data file is malformed (names the file and the entry)."""


@dataclass(frozen=True)
class Vocabulary:
    """Printed labels → canonical keys (``entries``), with the parent of a key where there is one."""

    name: str
    keys: tuple[str, ...]  # in file order
    entries: dict[str, str]  # label_key(label) → key
    labels: dict[str, tuple[str, ...]]  # key → labels as written in the file
    parents: dict[str, str] = field(default_factory=dict)

    def key_of(self, text: str) -> str | None:
        return self.entries.get(label_key(text))


@dataclass(frozen=True)
class FigureRule:
    """One declarative mapping of statement cells into a fact family (see statements.yml)."""

    column: str
    family: str
    subject: str | None = None
    measure: str = "amount"
    row: str | None = None  # a row label (compared by label_key)
    row_vocab: str | None = None  # rows whose label is in this vocabulary; subject = the vocabulary key
    row_level: str | None = None  # rows of this level; subject = the printed label
    occurrence: int | None = None  # the n-th matching row of the block (labels printed twice)


@dataclass(frozen=True)
class StatementDef:
    code: str
    name_zh: str
    titles: tuple[str, ...]  # label_key of each alias
    row_codes: str  # functional / economic / none
    slots: tuple[str, ...]
    columns: dict[str, dict[str, str]]  # slot → {compact(header word) → value}
    neutral: frozenset[str]
    template_columns: tuple[str, ...]
    figures: tuple[FigureRule, ...]
    row_vocabularies: tuple[str, ...] = ()  # vocabularies that give a row label its key (row_key)

    def header_slot(self, segment: str) -> tuple[str, str] | None:
        """(slot, value) a printed header segment fills, if the vocabulary knows it."""
        for key in (compact(segment), label_key(segment)):
            for slot in self.slots:
                value = self.columns.get(slot, {}).get(key)
                if value is not None:
                    return slot, value
        return None

    def is_neutral(self, segment: str) -> bool:
        return compact(segment) in self.neutral or label_key(segment) in self.neutral


@dataclass(frozen=True)
class Marker:
    weight: float
    pattern: re.Pattern | None = None
    statements_at_least: int | None = None


@dataclass(frozen=True)
class LayoutProfile:
    id: str
    name_zh: str
    doc_kind: str
    markers: tuple[Marker, ...]
    statements: tuple[StatementDef, ...]
    required_statements: tuple[str, ...]
    other_tables: tuple[str, ...]
    title_prefixes: tuple[re.Pattern, ...]
    extractors: tuple[str, ...]
    source: str  # the file it was read from, for messages
    narrative: str | None = None  # the sentence patterns of its explanations (narrative/*.yml)
    settings: dict | None = None  # checks and readers tuned per layout: skip_rules, unit_table, document_checks

    def statement(self, code: str) -> StatementDef | None:
        return next((s for s in self.statements if s.code == code), None)


def _read(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise LayoutDataError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise LayoutDataError(f"{path}: expected a mapping at the top")
    return data


@lru_cache(maxsize=None)
def load_vocabularies(directory: Path = LAYOUTS_DIR) -> dict[str, Vocabulary]:
    vocabularies: dict[str, Vocabulary] = {}
    for path in sorted((directory / "vocab").glob("*.yml")):
        data = _read(path)
        entries: dict[str, str] = {}
        labels: dict[str, tuple[str, ...]] = {}
        parents: dict[str, str] = {}
        for entry in data.get("entries", []):
            key = entry["key"]
            labels[key] = tuple(entry["labels"])
            for label in entry["labels"]:
                normalised = label_key(label)
                if entries.get(normalised, key) != key:
                    raise LayoutDataError(f"{path}: label {label!r} names both {entries[normalised]} and {key}")
                entries[normalised] = key
            if entry.get("parent"):
                parents[key] = entry["parent"]
        vocabularies[data["name"]] = Vocabulary(data["name"], tuple(labels), entries, labels, parents)
    return vocabularies


def vocabulary(name: str, directory: Path = LAYOUTS_DIR) -> Vocabulary:
    try:
        return load_vocabularies(directory)[name]
    except KeyError:
        raise LayoutDataError(f"no vocabulary {name!r} in {directory / 'vocab'}") from None


_FIGURE_FIELDS = {"column", "family", "subject", "measure", "row", "row_vocab", "row_level", "occurrence"}


def _figure_rule(code: str, raw: dict, path: Path) -> FigureRule:
    unknown = set(raw) - _FIGURE_FIELDS
    if unknown or "column" not in raw or "family" not in raw:
        raise LayoutDataError(f"{path}: statement {code}: figure rule {raw} (unknown fields {sorted(unknown)} "
                              "or no column/family)")
    values = {**raw, "family": code if raw["family"] == "$statement" else raw["family"]}
    if values.get("row"):
        values["row"] = label_key(values["row"])
    return FigureRule(**values)


def _statement(raw: dict, path: Path) -> StatementDef:
    code = raw["code"]
    if raw.get("row_codes", "none") not in ("functional", "economic", "none"):
        raise LayoutDataError(f"{path}: statement {code}: row_codes must be functional, economic or none")
    slots = tuple(raw.get("slots", ()))
    columns = {slot: {compact(word): value for word, value in (raw.get("columns", {}).get(slot) or {}).items()}
               for slot in slots}
    stray = set(raw.get("columns", {})) - set(slots)
    if stray:
        raise LayoutDataError(f"{path}: statement {code}: column slots {sorted(stray)} not listed in slots")
    return StatementDef(
        code=code,
        name_zh=raw["name_zh"],
        titles=tuple(label_key(t) for t in raw["titles"]),
        row_codes=raw.get("row_codes", "none"),
        slots=slots,
        columns=columns,
        neutral=frozenset(compact(w) for w in raw.get("neutral", [])),
        template_columns=tuple(raw.get("template_columns", ())),
        figures=tuple(_figure_rule(code, f, path) for f in raw.get("figures", [])),
        row_vocabularies=tuple(raw.get("row_vocabularies", ())),
    )


@lru_cache(maxsize=None)
def load_statements(directory: Path = LAYOUTS_DIR) -> dict[str, StatementDef]:
    path = directory / "statements.yml"
    statements: dict[str, StatementDef] = {}
    for raw in _read(path)["statements"]:
        statement = _statement(raw, path)
        if statement.code in statements:
            raise LayoutDataError(f"{path}: statement {statement.code} defined twice")
        statements[statement.code] = statement
    return statements


def _marker(raw: dict, path: Path) -> Marker:
    if "pattern" in raw:
        return Marker(float(raw["weight"]), pattern=re.compile(raw["pattern"]))
    if "statements_at_least" in raw:
        return Marker(float(raw["weight"]), statements_at_least=int(raw["statements_at_least"]))
    raise LayoutDataError(f"{path}: marker {raw} has neither pattern nor statements_at_least")


@lru_cache(maxsize=None)
def load_profiles(directory: Path = LAYOUTS_DIR) -> tuple[LayoutProfile, ...]:
    """Every profile, in file-name order (the order breaks ties between equally scored profiles)."""
    statements = load_statements(directory)
    profiles: list[LayoutProfile] = []
    for path in sorted((directory / "profiles").glob("*.yml")):
        raw = _read(path)
        missing = [c for c in raw.get("statements", []) + raw.get("required_statements", []) if c not in statements]
        if missing:
            raise LayoutDataError(f"{path}: statements {missing} are not in statements.yml")
        profiles.append(LayoutProfile(
            id=raw["id"],
            name_zh=raw["name_zh"],
            doc_kind=raw.get("doc_kind", "final_accounts"),
            markers=tuple(_marker(m, path) for m in raw.get("detect", {}).get("markers", [])),
            statements=tuple(statements[c] for c in raw.get("statements", [])),
            required_statements=tuple(raw.get("required_statements", [])),
            other_tables=tuple(label_key(t) for t in raw.get("other_tables", [])),
            title_prefixes=tuple(re.compile(p) for p in raw.get("title_prefixes", [])),
            extractors=tuple(raw.get("extractors", [])),
            source=path.name,
            narrative=raw.get("narrative"),
            settings=raw.get("settings"),
        ))
    return tuple(profiles)


def profile_by_id(profile_id: str, directory: Path = LAYOUTS_DIR) -> LayoutProfile:
    for profile in load_profiles(directory):
        if profile.id == profile_id:
            return profile
    raise LayoutDataError(f"no layout profile {profile_id!r} in {directory / 'profiles'}")

"""Plain-language titles of the identity rules (rule_titles.yml beside this file)."""
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).with_name("rule_titles.yml")


@dataclass(frozen=True)
class Text:
    zh: str
    en: str


@dataclass(frozen=True)
class RuleTitle:
    title: Text
    family: Text | None  # the family's title; None for a family the catalogue does not know
    lhs: Text  # what the finding's two numbers are
    rhs: Text
    described: bool  # False: no title of its own, the registry's description is what explains it


def _text(entry: dict) -> Text:
    return Text(str(entry["zh"]), str(entry["en"]))


@lru_cache(maxsize=None)
def load(path: Path = CATALOGUE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def rule_order(rule_id: str, catalogue: dict | None = None) -> int:
    """A rule's place in the catalogue, which follows the order of a report (totals, budget classes, 三公 …,
    annexes, project tables, statements); rules it does not list come last."""
    catalogue = catalogue if catalogue is not None else load()
    order = {rule: i for i, rule in enumerate(catalogue["rules"])}
    return order.get(rule_id, len(order))


def rule_title(rule_id: str, family: str | None, relation: str | None, description: str | None,
               catalogue: dict | None = None) -> RuleTitle:
    """The rule's own title, else its family's title, else its description (never nothing)."""
    catalogue = catalogue if catalogue is not None else load()
    rule = catalogue["rules"].get(rule_id) or {}
    family_entry = catalogue["families"].get(family or "")
    sides = catalogue["sides"].get(relation or "", catalogue["sides"]["sum"])
    family_text = _text(family_entry) if family_entry else None
    if rule:
        title = _text(rule)
    elif family_text:
        title = family_text
    else:
        title = Text(description or rule_id, description or rule_id)
    return RuleTitle(
        title=title, family=family_text,
        lhs=_text(rule["lhs"]) if "lhs" in rule else _text(sides["lhs"]),
        rhs=_text(rule["rhs"]) if "rhs" in rule else _text(sides["rhs"]),
        described=bool(rule),
    )

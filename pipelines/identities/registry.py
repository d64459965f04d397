"""The identity registry (expectations/identities.yml) as typed rules."""
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.settings import REPO_ROOT

REGISTRY_PATH = REPO_ROOT / "expectations" / "identities.yml"
RELATIONS = {"sum", "le", "ratio"}
SEVERITIES = {"error", "warning", "info"}
TOLERANCES = {"printed", "component"}


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    family: str
    relation: str
    severity: str
    query: str
    tolerance: str = "printed"


def load_rules(path: Path = REGISTRY_PATH) -> list[Rule]:
    """Read and validate the registry: unknown relations, severities or duplicate ids are errors."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    rules = [Rule(**entry) for entry in entries]
    seen: set[str] = set()
    for rule in rules:
        problems = []
        if rule.id in seen:
            problems.append("duplicate id")
        if rule.relation not in RELATIONS:
            problems.append(f"relation {rule.relation!r} not in {sorted(RELATIONS)}")
        if rule.severity not in SEVERITIES:
            problems.append(f"severity {rule.severity!r} not in {sorted(SEVERITIES)}")
        if rule.tolerance not in TOLERANCES:
            problems.append(f"tolerance {rule.tolerance!r} not in {sorted(TOLERANCES)}")
        if problems:
            raise ValueError(f"{path}: rule {rule.id}: {'; '.join(problems)}")
        seen.add(rule.id)
    return rules

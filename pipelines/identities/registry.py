"""The identity registry (expectations/identities/*.yml) as typed rules."""
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipelines.settings import REPO_ROOT

REGISTRY_DIR = REPO_ROOT / "expectations" / "identities"
RELATIONS = {"sum", "le", "ratio"}
SEVERITIES = {"error", "warning", "info"}
TOLERANCES = {"printed", "component", "same_figure"}


@dataclass(frozen=True)
class Rule:
    id: str
    description: str
    family: str
    relation: str
    severity: str
    query: str
    tolerance: str = "printed"


def load_rules(directory: Path = REGISTRY_DIR) -> list[Rule]:
    """Read and validate every registry file: unknown relations, severities or duplicate ids are errors."""
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.yml")):
        rules.extend(Rule(**entry) for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"])
    seen: set[str] = set()
    path = directory
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

"""What dbt's tests said about each model, from a dbt invocation's run_results.json and manifest.

dbt tests are not mirrored as Dagster asset checks: each mirrored test cost three events (planned, output,
evaluation) of ~20 ms each in Dagster's SQLite storage — ~15 s of every build for 230 tests, a seventh of
the fixed cost of a run. The outcome is kept on the model's materialization instead (``metadata``), where the
asset's page shows it, and a failing test still fails the step (pipelines/defs/dbt.py).
"""
from dataclasses import dataclass, field

PASSED = ("pass",)


@dataclass
class ModelTests:
    """The tests of one model in one invocation: how many ended in each status, and which did not pass."""
    by_status: dict[str, int] = field(default_factory=dict)
    not_passed: list[str] = field(default_factory=list)

    def add(self, name: str, status: str) -> None:
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if status not in PASSED:
            self.not_passed.append(f"{name} ({status})")

    def text(self) -> str:
        """"12 passed" or "11 passed, 1 fail" — statuses as dbt names them."""
        passed = sum(n for s, n in self.by_status.items() if s in PASSED)
        parts = [f"{passed} passed"] if passed else []
        parts += [f"{n} {s}" for s, n in sorted(self.by_status.items()) if s not in PASSED]
        return ", ".join(parts)

    def metadata(self) -> dict:
        values = {"dbt_tests": self.text()}
        if self.not_passed:
            values["dbt_tests_not_passed"] = sorted(self.not_passed)
        return values


def _tested_models(unique_id: str, manifest: dict) -> list[str]:
    """The models a test is about: a generic test's attached node; else (a singular or unit test) every
    model it reads."""
    node = manifest.get("nodes", {}).get(unique_id) or manifest.get("unit_tests", {}).get(unique_id) or {}
    if node.get("attached_node"):
        return [node["attached_node"]]
    return [n for n in node.get("depends_on", {}).get("nodes", []) if n.startswith(("model.", "seed.", "snapshot."))]


def outcomes_by_model(run_results: dict, manifest: dict) -> dict[str, ModelTests]:
    """model unique_id → the outcome of its data and unit tests in this invocation."""
    outcome: dict[str, ModelTests] = {}
    for result in run_results.get("results", []):
        unique_id = result.get("unique_id", "")
        if not unique_id.startswith(("test.", "unit_test.")):
            continue
        parts = unique_id.split(".")  # test.<project>.<name>.<hash>; unit_test.<project>.<model>.<name>
        name = parts[-1] if parts[0] == "unit_test" else parts[2] if len(parts) > 2 else unique_id
        for model in _tested_models(unique_id, manifest):
            outcome.setdefault(model, ModelTests()).add(name, str(result.get("status")))
    return outcome

"""pyproject.toml declares what requirements.in declares (the lock is generated from the latter), and the
`juesuan` command is the CLI's entry point."""
import re
import tomllib

from pipelines import cli
from tests.conftest import REPO


def _requirement_lines(text: str) -> set[str]:
    lines = (re.sub(r"\s+#.*$", "", line).strip() for line in text.splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def test_pyproject_declares_the_direct_dependencies_of_requirements_in():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = set(project["dependencies"]) | {d for extra in project["optional-dependencies"].values() for d in extra}
    assert declared == _requirement_lines((REPO / "requirements.in").read_text(encoding="utf-8"))


def test_the_juesuan_command_is_the_cli():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    module, function = project["scripts"]["juesuan"].split(":")
    assert module == cli.__name__ and callable(getattr(cli, function))

"""When the dbt manifest must be parsed again: a fingerprint of what `dbt parse` reads.

Parsing costs 20–40 s per run, which is most of a nightly run where nothing changed. The fingerprint covers
every file of the project (models, macros, seeds, tests, YAML), the dbt version, and the values of the
environment variables the project's files read with env_var() — a value rendered into the manifest (a
source's path, say). profiles.yml is read at run time, not baked into the manifest: its variables (the
warehouse path) do not force a parse, so runs over different warehouses share one manifest.

dbt itself is stricter: each invocation parses everything again (~7 s more, three invocations a run) unless
partial_parse.msgpack was written under the same profile (dbt hashes the connection settings, the warehouse
path among them). So the parse state is kept per profile (profile_fingerprint) and put in place before a run.
"""
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

NOT_SOURCES = {"target", "logs", "dbt_packages"}
_ENV_VAR = re.compile(r"""env_var\(\s*['"]([^'"]+)['"]""")


def _variables(text: str) -> set[str]:
    return set(_ENV_VAR.findall(text))


def project_fingerprint(project_dir: Path, environ: Mapping[str, str], dbt_version: str) -> str:
    digest = hashlib.sha256(f"dbt {dbt_version}\n".encode())
    variables: set[str] = set()
    for path in sorted(project_dir.rglob("*")):
        relative = path.relative_to(project_dir)
        if relative.parts[0] in NOT_SOURCES or not path.is_file():
            continue
        data = path.read_bytes()
        digest.update(f"{relative.as_posix()}\n".encode())
        digest.update(hashlib.sha256(data).digest())
        if relative.as_posix() != "profiles.yml":
            variables.update(_variables(data.decode("utf-8", "replace")))
    for name in sorted(variables):
        digest.update(f"{name}={environ.get(name)}\n".encode())
    return digest.hexdigest()


def profile_fingerprint(project_dir: Path, environ: Mapping[str, str]) -> str:
    """The values of the environment variables profiles.yml reads: dbt's partial parse state holds for one
    such set (its connection settings)."""
    text = (project_dir / "profiles.yml").read_text(encoding="utf-8")
    digest = hashlib.sha256(hashlib.sha256(text.encode()).digest())
    for name in sorted(_variables(text)):
        digest.update(f"{name}={environ.get(name)}\n".encode())
    return digest.hexdigest()

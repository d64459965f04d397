"""When the dbt manifest must be parsed again: a fingerprint of what `dbt parse` reads.

Parsing costs 20–40 s per run, which is most of a nightly run where nothing changed. The fingerprint covers
every file of the project (models, macros, seeds, tests, YAML), the dbt version, and the values of the
environment variables the project's files read with env_var() — a value rendered into the manifest (a
source's path, say). profiles.yml is read at run time, not baked into the manifest: its variables (the
warehouse path) do not force a parse, so runs over different warehouses share one manifest.
"""
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

NOT_SOURCES = {"target", "logs", "dbt_packages"}
_ENV_VAR = re.compile(r"""env_var\(\s*['"]([^'"]+)['"]""")


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
            variables.update(_ENV_VAR.findall(data.decode("utf-8", "replace")))
    for name in sorted(variables):
        digest.update(f"{name}={environ.get(name)}\n".encode())
    return digest.hexdigest()

"""The dbt manifest is parsed again exactly when what the parse reads changed (files, variables, version)."""
from pipelines.warehouse.dbt_parse import project_fingerprint


def _project(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "a.sql").write_text("select 1 as x")
    (tmp_path / "models" / "_sources.yml").write_text(
        "sources:\n  - name: raw\n    meta: {external_location: \"{{ env_var('JUESUAN_LANDING') }}/{name}\"}\n")
    (tmp_path / "profiles.yml").write_text("path: \"{{ env_var('JUESUAN_WAREHOUSE') }}\"\n")
    return tmp_path


def test_a_changed_file_variable_or_version_changes_the_fingerprint(tmp_path):
    project = _project(tmp_path)
    env = {"JUESUAN_WAREHOUSE": "/w/a.duckdb", "JUESUAN_LANDING": "/w/landing", "HOME": "/root"}
    first = project_fingerprint(project, env, "1.11.0")
    (project / "target").mkdir()
    (project / "target" / "manifest.json").write_text("{}")  # dbt's own output is not a source
    (project / "logs").mkdir()
    (project / "logs" / "dbt.log").write_text("...")
    # read at run time, not parse time: another warehouse (or HOME) shares the manifest
    assert project_fingerprint(project, {**env, "JUESUAN_WAREHOUSE": "/x.duckdb", "HOME": "/"}, "1.11.0") == first
    assert project_fingerprint(project, {**env, "JUESUAN_LANDING": "/elsewhere"}, "1.11.0") != first
    assert project_fingerprint(project, env, "1.11.1") != first
    (project / "models" / "a.sql").write_text("select 2 as x")
    changed_model = project_fingerprint(project, env, "1.11.0")
    assert changed_model != first
    (project / "models" / "b.sql").write_text("select 3 as y")  # a new file
    assert project_fingerprint(project, env, "1.11.0") != changed_model


def test_the_parse_state_is_kept_per_profile(tmp_path):
    """dbt parses everything again when its partial parse state was written under another profile (another
    warehouse path): the state is kept per profile fingerprint, which follows profiles.yml's variables only."""
    from pipelines.warehouse.dbt_parse import profile_fingerprint

    project = _project(tmp_path)
    env = {"JUESUAN_WAREHOUSE": "/w/a.duckdb", "JUESUAN_LANDING": "/w/landing"}
    first = profile_fingerprint(project, env)
    assert profile_fingerprint(project, {**env, "JUESUAN_LANDING": "/elsewhere"}) == first
    assert profile_fingerprint(project, {**env, "JUESUAN_WAREHOUSE": "/w/b.duckdb"}) != first
    (project / "profiles.yml").write_text("path: \"{{ env_var('JUESUAN_WAREHOUSE') }}\"\nthreads: 2\n")
    assert profile_fingerprint(project, env) != first

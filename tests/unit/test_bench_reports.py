"""The reports `make bench` generates must be loadable reports: a benchmark over documents that the
classifier quarantines times an empty build (it once did, after department names lost their digits)."""
import os
import sys

import pytest

from pipelines.ingest import DocumentRecord, ingest_file
from tests.conftest import REPO

sys.path.insert(0, str(REPO))
from benchmarks.run import generated_report  # noqa: E402


@pytest.mark.parametrize("number", [0, 122])
def test_a_generated_report_loads_as_its_own_department(tmp_path, number):
    path = tmp_path / f"report_{number:04d}.txt"
    path.write_text(generated_report(number), encoding="utf-8")

    result = ingest_file([path])

    assert result.status == "loaded", result.reason
    [document] = [r for r in result.records if isinstance(r, DocumentRecord)]
    assert document.department_name == {0: "泸州市第一人力资源和社会保障局", 122: "泸州市第一二三人力资源和社会保障局"}[number]


def test_each_runs_detail_log_is_kept_when_asked(tmp_path, monkeypatch):
    from benchmarks.run import _keep_detail_log

    root = tmp_path / "large"
    (root / "w" / "logs").mkdir(parents=True)
    kept = tmp_path / "kept"
    monkeypatch.setenv("JUESUAN_BENCH_LOGS", str(kept))
    (root / "w" / "logs" / "run-1.log").write_text("first run")
    _keep_detail_log(root)
    second = root / "w" / "logs" / "run-2.log"
    second.write_text("second run")
    os.utime(second, (second.stat().st_mtime + 5,) * 2)  # written later (the clock's step may be coarse)
    _keep_detail_log(root)
    assert {p.name: p.read_text() for p in kept.iterdir()} == {"large-0.log": "first run", "large-1.log": "second run"}
    monkeypatch.delenv("JUESUAN_BENCH_LOGS")
    _keep_detail_log(root)
    assert len(list(kept.iterdir())) == 2

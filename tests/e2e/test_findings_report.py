"""The findings report of the warehouse the real pipeline built (the session's `built_warehouse`: the reference
report under two names and four files to quarantine), opened in headless Chromium — what a reader sees.

The numbers are the hand-checked ones of tests/fixtures/golden/expected_violations.json, as the report
printed them (万元, 亿元, 辆)."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pipelines.reports import write_findings_report
from tests.support.dom import parse

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"]

# rule id, subject → (lhs, rhs, difference) as the page shows them; the location(s) the finding names
EXPECTED = {
    ("gpb_class_items_sum", "社会保障和就业支出"): (("12,690.41 万元", "11,504.89 万元", "+1,185.52 万元"), ["line 79"]),
    ("gpb_items_sum", "gpb_items"): (("16,154.57 万元", "14,969.05 万元", "+1,185.52 万元"), ["line 82"]),
    ("procurement_statement_vs_annex1", "procurement_total"): (("1,039.49 万元", "1,332.09 万元", "-292.60 万元"),
                                                               ["line 155", "line 318"]),
    ("park_results_annex1_vs_annex2", "revenue"): (("10.94 亿元", "11.42 亿元", "-0.48 亿元"), ["line 305", "line 12387"]),
    ("park_results_annex1_vs_annex2", "tax"): (("2,300 万元", "2,514.2 万元", "-214.2 万元"), ["line 305", "line 12387"]),
    ("asset_vehicles_sum", "asset_vehicles"): (("5 辆", "4 辆", "+1 辆"), ["line 158"]),
    ("department_kpi_weights_sum_100", "department_kpi"): (("90", "100", "-10"), ["line 514"]),
    ("project_total_score_parts", "51050022T000000366074"): (("87.9", "97.9", "-10"), ["line 3343"]),
}


def _require_chromium() -> str:
    if CHROMIUM:
        return CHROMIUM
    reason = "Chromium is not installed (Debian: apt-get install -y chromium); the findings report is not opened"
    if os.environ.get("CI") == "true":  # CI installs it (.ci/run): its absence there is a failure, not a skip
        pytest.fail(reason)
    pytest.skip(reason)


def _chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([_require_chromium(), *_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, text=True, timeout=180, check=True)


def rendered(page: Path, profile: Path):
    """The DOM Chromium renders from the file (no server: file://)."""
    return parse(_chromium(page, profile, "--dump-dom").stdout)


@pytest.fixture(scope="module")
def report(built_warehouse, tmp_path_factory) -> Path:
    return write_findings_report(built_warehouse.path, tmp_path_factory.mktemp("findings_report")).parent


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    _require_chromium()
    return tmp_path_factory.mktemp("chromium_profile")


@pytest.fixture(scope="module")
def index(profile, report):  # profile first: without Chromium, skip before writing the report
    return rendered(report / "index.html", profile)


@pytest.fixture(scope="module")
def reference_page(profile, report, index):
    row = next(r for r in index.find_all("tr", class_="document") if "luzhou_hrss_2023.txt" in r.text)
    return rendered(report / row.find("a").attrs["href"], profile)


def test_index_lists_the_reference_report_and_the_quarantined_files_with_their_reasons(index, marts):
    rows = [{td.attrs["data-label"]: td.text for td in r.find_all("td")}
            for r in index.find_all("tr", class_="document")]
    by_file = {r["文件 file"]: r for r in rows}
    assert len(rows) == marts.execute("select count(*) from marts.dim_document").fetchone()[0]
    reference = next(r for f, r in by_file.items() if "luzhou_hrss_2023.txt" in f.split())
    assert sorted(reference["文件 file"].split()) == ["copy_of_the_same_report.txt", "luzhou_hrss_2023.txt"]
    assert reference["部门 department"] == "泸州市人力资源和社会保障局"
    assert reference["年度 year"] == "2023" and reference["状态 status"] == "已加载 loaded"
    violations = dict(marts.execute("select severity, count(*) from marts.fct_identity_check "
                                    "where status = 'violation' group by all").fetchall())
    assert reference["不成立·警告 violations · warning"] == str(violations.get("warning", 0))
    # the reasons the warehouse records (checked by hand in test_documents.py), each beside its file
    shown = {f: r["隔离原因 quarantine reason"] for f, r in by_file.items() if r["状态 status"] == "已隔离 quarantined"}
    recorded = dict(marts.execute("select source_file, quarantine_reason from marts.dim_document "
                                  "where status = 'quarantined'").fetchall())
    assert shown == recorded and len(shown) == 4
    assert shown["empty.txt"] == "empty file"


def test_the_reference_page_shows_its_violations_with_their_numbers(reference_page):
    shown = {}
    for article in reference_page.find("section", id="violations").find_all("article"):
        subject = article.find("p", class_="subject").text.split(": ", 1)[1]
        shown[(article.attrs["data-rule"], subject)] = article
    for (rule_id, subject), (numbers, locations) in EXPECTED.items():
        article = shown[(rule_id, subject)]
        sides = {dd.attrs["data-side"]: dd.text for dd in article.find_all("dd")}
        assert (sides["lhs"], sides["rhs"], sides["difference"]) == numbers, (rule_id, subject)
        places = [div.find("span", class_="loc").text for div in article.find_all("div", class_="where")]
        assert places == locations, (rule_id, subject)
        assert all(q.text and q.text != "—" for q in article.find_all("blockquote")), "a source text is shown"
    social = shown[("gpb_class_items_sum", "社会保障和就业支出")]
    assert "每一类支出的金额应等于其下各项支出之和" in social.text  # the rule in plain Chinese …
    assert "Each class of spending should equal the sum of its items" in social.text  # … and English
    assert social.find("mark").text == "11,504.89万元"  # the printed figure, found in its sentence


def test_the_reference_page_lists_every_finding_of_the_warehouse(reference_page, marts):
    counts = dict(marts.execute("select status, count(*) from marts.fct_identity_check "
                                "where status in ('violation', 'insufficient_data') group by all").fetchall())
    assert len(reference_page.find("section", id="violations").find_all("article")) == counts["violation"]
    assert len(reference_page.find("section", id="insufficient").find_all("article")) == counts["insufficient_data"]
    issues = marts.execute("select count(*) from marts.fct_extraction_issue").fetchone()[0]
    assert len(reference_page.find("section", id="issues").find_all("tr")) - 1 == issues
    # the reference report (Sichuan layout) prints its figures in the text: no statement table, none missing
    assert "没有读到决算表" in reference_page.find("section", id="statements").text


def test_the_reference_page_renders_on_a_phone_screen(profile, report, index, tmp_path):
    href = next(a.attrs["href"] for a in index.find_all("a") if a.attrs.get("href", "").startswith("documents/"))
    shot = tmp_path / "phone.png"
    _chromium(report / href, profile, f"--screenshot={shot}", "--window-size=390,2400", "--hide-scrollbars")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

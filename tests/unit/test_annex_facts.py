"""annex_facts extractors on the reference report: every value equals golden.json (annex1 / annex2
sections) and comes from the line golden.json names."""
import json
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.documents.text_reader import read_text
from pipelines.extract.annex_facts import (
    extract_annex1_finance,
    extract_annex1_tasks,
    extract_annex2_facts,
    extract_park_results,
)
from pipelines.extract.records import ExtractionIssue, Figure

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def golden() -> dict:
    return json.loads((FIXTURES / "golden" / "golden.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures() -> dict[tuple, list[Figure]]:
    text = (FIXTURES / "luzhou_hrss_2023.txt").read_text(encoding="utf-8")
    document = read_text("reference", "luzhou_hrss_2023.txt", text)
    records = [r for extract in (extract_annex1_finance, extract_annex1_tasks, extract_park_results, extract_annex2_facts)
               for r in extract(document)]
    assert [r for r in records if isinstance(r, ExtractionIssue)] == []
    by_key: dict[tuple, list[Figure]] = {}
    for record in records:
        assert record.parse_error is None, record
        by_key.setdefault((record.family, record.subject, record.measure), []).append(record)
    return by_key


def one(figures, family, subject, measure, seq=None) -> Figure:
    found = [f for f in figures.get((family, subject, measure), []) if seq is None or f.seq == seq]
    assert len(found) >= 1, (family, subject, measure, seq)
    return found[0]


def check(fig: Figure, printed: str, line: int, unit: str) -> None:
    assert (fig.value, fig.printed_decimals, fig.unit, fig.source_location) == (
        Decimal(printed), len(printed.split(".")[1]) if "." in printed else 0, unit, f"line {line}")


def test_annex1_income_and_expenditure_sentences(figures, golden):
    for family, section in (("annex1_income", "income"), ("annex1_expenditure", "expenditure")):
        expected = golden["annex1"][section]
        line = expected["line"]
        check(one(figures, family, "general_public_budget", "initial_budget"), expected["initial_budget_gpb"]["value"], line, "万元")
        check(one(figures, family, "other", "initial_budget"), expected["initial_budget_other"]["value"], line, "万元")
        check(one(figures, family, "general_public_budget", "final_accounts"), expected["final_gpb"]["value"], line, "万元")
        check(one(figures, family, "business", "final_accounts"), expected["final_business_income"]["value"], line, "万元")
    # the 支出 sentence prints income labels: kept as printed, so the identity sees the copy-paste
    assert one(figures, "annex1_expenditure", "business", "final_accounts").subject_zh == "事业收入"
    assert len(figures[("annex1_expenditure", "general_public_budget", "final_accounts")]) == 1


def test_annex1_task_figures(figures, golden):
    task = golden["annex1"]["task1_employment"]
    check(one(figures, "annex1_task", "new_urban_jobs", "actual"), task["new_urban_jobs_10k"]["value"], task["line"], "万人")
    check(one(figures, "annex1_task", "new_urban_jobs", "target_completion"), task["target_completion"]["pct"], task["line"], "%")
    check(one(figures, "annex1_task", "employment_special_funds", "amount"), task["employment_special_funds"]["value"],
          task["line"], "万元")
    # line 301 (not in golden.json): 养老保险、失业保险、工伤保险参保分别达到302.46万人、36.83万人、56.28万人，养老金发放突破162亿元
    check(one(figures, "annex1_task", "insured_pension", "count"), "302.46", 301, "万人")
    check(one(figures, "annex1_task", "insured_unemployment", "count"), "36.83", 301, "万人")
    check(one(figures, "annex1_task", "insured_work_injury", "count"), "56.28", 301, "万人")
    check(one(figures, "annex1_task", "pension_paid", "amount"), "162", 301, "亿元")


def test_asset_management_rate(figures, golden):
    asset = golden["annex1"]["asset_management"]
    check(one(figures, "annex1_indicator", "per_capita_asset_change", "rate"), asset["per_capita_asset_change"]["pct"],
          asset["line"], "%")
    check(one(figures, "annex1_indicator", "city_per_capita_asset_change", "rate"), "10.2", asset["line"], "%")
    check(one(figures, "annex1_indicator", "city_fiscal_revenue_growth", "rate"), "5.8", asset["line"], "%")


def test_procurement_amounts_in_order(figures, golden):
    management, key_area = golden["annex1"]["procurement_management"], golden["annex1"]["procurement_key_area"]
    check(one(figures, "annex1_procurement", "actual", "amount", seq=1), management["actual"]["value"], management["line"], "万元")
    check(one(figures, "annex1_procurement", "budget", "amount", seq=1), management["budget"]["value"], management["line"], "万元")
    check(one(figures, "annex1_procurement", "actual", "amount", seq=2), key_area["contract"]["value"], key_area["line"], "万元")
    check(one(figures, "annex1_procurement", "budget", "amount", seq=2), key_area["budget"]["value"], key_area["line"], "万元")
    assert one(figures, "annex1_procurement", "actual", "amount", seq=2).subject_zh == "实际中标合同金额"


def test_park_results_in_both_annexes(figures, golden):
    annex1 = golden["annex1"]["hr_park_in_task3"]
    annex2 = golden["annex2"]["reports"][1]["facts"]
    for measure, key, unit in (("revenue", "revenue_100m", "亿元"), ("tax", "tax_10k", "万元")):
        check(one(figures, "park_results", measure, "annex1", seq=1), annex1[key]["value"], annex1["line"], unit)
        check(one(figures, "park_results", measure, "annex2", seq=1), annex2[key]["value"], annex2[key]["line"], unit)
        check(one(figures, "park_results", measure, "annex2", seq=2), annex2[key]["value"], 12403, unit)
    for measure in ("revenue_growth", "tax_growth"):
        check(one(figures, "park_results", measure, "annex1", seq=1), annex1[measure]["pct"], annex1["line"], "%")
        check(one(figures, "park_results", measure, "annex2", seq=1), annex2[measure]["pct"], annex2[measure]["line"], "%")


def test_annex2_report_facts(figures, golden):
    reports = golden["annex2"]["reports"]
    employment = reports[0]["facts"]
    check(one(figures, "annex2_fact", "report_1", "initial_budget"), employment["initial_budget"]["value"], 12237, "万元")
    for measure, key in (("actual_total", "actual_total"), ("actual_city", "actual_city"), ("actual_district", "actual_district")):
        check(one(figures, "annex2_fact", "report_1", measure), employment[key]["value"], employment[key]["line"], "万元")
    targets = figures[("annex2_fact", "report_1", "new_urban_jobs_target")]
    assert [(f.value, f.source_location) for f in targets] == [(Decimal("3.7"), "line 12206"), (Decimal("3.7"), "line 12287")]
    check(one(figures, "annex2_fact", "report_1", "new_urban_jobs_actual"), "4.44", 12287, "万人")

    park = reports[1]["facts"]
    execution = [f for f in figures[("annex2_fact", "report_2", "budget")] if f.source_location == f"line {park['budget']['line']}"]
    check(execution[0], park["budget"]["value"], park["budget"]["line"], "万元")
    check(one(figures, "annex2_fact", "report_2", "allocated"), park["allocated"]["value"], park["allocated"]["line"], "万元")
    check(one(figures, "annex2_fact", "report_2", "spent"), park["spent"]["value"], park["spent"]["line"], "万元")
    check(one(figures, "annex2_fact", "report_2", "execution"), park["execution"]["pct"], park["execution"]["line"], "%")

    social = reports[2]["facts"]
    check(one(figures, "annex2_fact", "report_3", "budget"), social["budget"]["value"], social["line"], "万元")
    check(one(figures, "annex2_fact", "report_3", "per_capita_standard"), social["per_capita_yuan"], social["line"], "元")
    parts = figures[("annex2_fact", "report_3", "per_capita_component")]
    assert [(f.value, f.subject_zh) for f in parts] == [
        (Decimal(social["per_capita_gift_yuan"]), "慰问品"), (Decimal(social["per_capita_mgmt_yuan"]), "管理")]
    allocations = figures[("annex2_fact", "report_3", "allocation")]
    assert [(f.subject_zh, str(f.value), f.seq) for f in allocations] == [
        (a["recipient"], a["amount"]["value"], i) for i, a in enumerate(social["allocation"], start=1)]
    assert {f.subject_zh for f in figures[("annex2_fact", "report_2", "execution")]} == {reports[1]["title"]}

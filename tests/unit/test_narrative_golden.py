"""Acceptance: every narrative value of golden.json (final_accounts beyond overview.py, units,
staffing, glossary, self-evaluation scores, annex-1 summaries, annex-2 indicators) is extracted.

All comparisons are collected and reported together, so a failure lists every mismatch.
"""
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.documents.text_reader import read_text
from pipelines.extract.annex_summaries import (
    extract_annex1_figures,
    extract_project_summaries,
    extract_special_evaluations,
)
from pipelines.extract.basic_expenditure import extract_basic_expenditure
from pipelines.extract.general_public_budget import extract_general_public_budget, extract_gpb_items
from pipelines.extract.glossary import extract_glossary
from pipelines.extract.narrative_records import (
    GlossaryEntry,
    GpbItem,
    ProjectSummary,
    SpecialEvaluationIndicator,
    UnitRecord,
)
from pipelines.extract.organisation import extract_staffing, extract_units
from pipelines.extract.other_matters import extract_other_matters
from pipelines.extract.records import ExtractionIssue, Figure
from pipelines.extract.three_public import extract_three_public

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
EXTRACTORS = (
    extract_general_public_budget, extract_gpb_items, extract_basic_expenditure, extract_three_public,
    extract_other_matters, extract_units, extract_staffing, extract_glossary, extract_project_summaries,
    extract_annex1_figures, extract_special_evaluations,
)


@pytest.fixture(scope="module")
def records():
    text = (FIXTURES / "luzhou_hrss_2023.txt").read_text(encoding="utf-8")
    document = read_text("luzhou", "luzhou_hrss_2023.txt", text)
    out = []
    for extractor in EXTRACTORS:
        out.extend(extractor(document))
    return out


@pytest.fixture(scope="module")
def golden():
    return json.loads((FIXTURES / "golden" / "golden.json").read_text(encoding="utf-8"))


class Checker:
    def __init__(self, records):
        self.figures = [r for r in records if isinstance(r, Figure)]
        self.mismatches: list[str] = []
        self.checked = 0

    def figure(self, family, subject, measure, seq=None):
        hits = [f for f in self.figures if (f.family, f.subject, f.measure) == (family, subject, measure)
                and (seq is None or f.seq == seq)]
        return hits[0] if len(hits) == 1 else (None if not hits else hits)

    def equal(self, label, actual, expected):
        self.checked += 1
        if actual != expected:
            self.mismatches.append(f"{label}: got {actual!r}, expected {expected!r}")

    def number(self, label, family, subject, measure, expected, seq=None, line=None):
        f = self.figure(family, subject, measure, seq)
        if not isinstance(f, Figure):
            self.checked += 1
            self.mismatches.append(f"{label}: figure {family}/{subject}/{measure} found {f!r}")
            return
        self.equal(label, f.value, Decimal(str(expected)))
        if line is not None:
            self.equal(f"{label} location", f.source_location, f"line {line}")

    def text(self, label, family, subject, measure, expected):
        f = self.figure(family, subject, measure)
        actual = f.text_value if isinstance(f, Figure) else f
        self.equal(label, actual, expected)


def _amount(node):
    return node["value"]


def _pct(node):
    return node["pct"]


def _neg(node):
    """Golden keeps decreases as negative values already."""
    return node.get("value", node.get("pct"))


def _reason(text):
    """The printed reason without its lead words (主要原因是 / 决算数小于预算数的主要原因是)."""
    return re.sub(r"^.*?原因(?:是|为)", "", text, count=1)


def test_narrative_matches_golden(records, golden):
    c = Checker(records)
    fa = golden["final_accounts"]
    gpb = fa["general_public_budget"]
    t = "totals"
    s = "general_public_budget_expenditure"
    c.number("gpb total", t, s, "amount", _amount(gpb["total"]), line=gpb["line"])
    c.number("gpb share", t, s, "share", _pct(gpb["share_of_total_expenditure"]))
    c.number("gpb change", t, s, "change", _amount(gpb["change_vs_2022"]))
    c.number("gpb growth", t, s, "growth", _pct(gpb["growth_pct"]))
    c.equal("gpb compared year", c.figure(t, s, "change").compared_year, 2022)
    c.text("gpb reason", t, s, "change_reason", gpb["change_reason"])
    c.number("gpb by class total", "gpb_by_class", "total", "amount", _amount(gpb["by_class"]["total_restated"]))
    for seq, cls in enumerate(gpb["by_class"]["classes"], start=1):
        c.number(f"class {cls['class']}", "gpb_by_class", cls["class"], "amount", _amount(cls["amount"]), seq=seq)
        c.number(f"class {cls['class']} share", "gpb_by_class", cls["class"], "share", _pct(cls["share"]), seq=seq)
    c.number("gpb completion", t, s, "completion", _pct(gpb["items_header"]["budget_completion"]))
    c.number("gpb items total", "gpb_item", "total", "amount", _amount(gpb["items_header"]["total_restated"]))
    items = sorted((r for r in records if isinstance(r, GpbItem)), key=lambda r: r.seq)
    c.equal("gpb item count", len(items), len(gpb["items"]))
    for item, expected in zip(items, gpb["items"]):
        label = f"item {expected['seq']}"
        c.equal(label + " seq", item.seq, expected["seq"])
        c.equal(label + " line", item.source_location, f"line {expected['line']}")
        c.equal(label + " class", item.class_name, expected["class_raw"])
        c.equal(label + " class normalized", item.class_name_normalized, expected["class"])
        c.equal(label + " kuan", item.kuan_name, expected["kuan"])
        c.equal(label + " xiang", item.xiang_name, expected["xiang"])
        c.equal(label + " amount", item.amount, Decimal(expected["amount"]["value"]))
        c.equal(label + " completion", item.completion_pct, Decimal(expected["budget_completion"]["pct"]))
        c.equal(label + " variance", item.variance_text, expected["variance_text"])
        c.equal(label + " variance kind", item.variance_kind, expected["variance_kind"])

    basic = fa["basic_expenditure"]
    c.number("basic", t, "gpb_basic_expenditure", "amount", _amount(basic["total"]), line=basic["line"])
    c.number("personnel", t, "gpb_personnel", "amount", _amount(basic["personnel"]), line=basic["personnel"]["line"])
    c.number("public", t, "gpb_public", "amount", _amount(basic["public_use"]), line=basic["public_use"]["line"])
    c.text("personnel items", t, "gpb_personnel", "composition", basic["personnel_items_text"])
    c.text("public items", t, "gpb_public", "composition", basic["public_use_items_text"])

    tp = fa["three_public"]
    total = tp["total"]
    c.number("3p total", t, "three_public_total", "amount", _amount(total["amount"]), line=total["line"])
    c.number("3p completion", t, "three_public_total", "completion", _pct(total["budget_completion"]))
    c.number("3p change", t, "three_public_total", "change", _neg(total["change_vs_2022"]))
    c.number("3p growth", t, "three_public_total", "growth", _neg(total["growth_pct"]))
    c.equal("3p compared year", c.figure(t, "three_public_total", "change").compared_year, 2022)
    c.text("3p reason", t, "three_public_total", "variance_reason", _reason(total["reason"]))
    codes = {"因公出国（境）费": "outbound_travel", "公务用车购置及运行维护费": "vehicle_purchase_and_operation",
             "公务接待费": "official_reception"}
    for part in tp["structure"]["parts"]:
        code = codes[part["component"]]
        c.number(f"3p structure {code}", "three_public", code, "structure_amount", _amount(part["amount"]))
        c.number(f"3p structure {code} share", "three_public", code, "share", _pct(part["share"]))
    for key, code in (("abroad", "outbound_travel"), ("vehicles", "vehicle_purchase_and_operation"),
                      ("reception", "official_reception")):
        node = tp[key]
        c.number(f"3p {code}", "three_public", code, "amount", _amount(node["amount"]), line=node["line"])
        c.number(f"3p {code} completion", "three_public", code, "completion", _pct(node["budget_completion"]))
        c.number(f"3p {code} change", "three_public", code, "change", _neg(node["change_vs_2022"]))
        c.number(f"3p {code} growth", "three_public", code, "growth", _neg(node["growth_pct"]))
        c.text(f"3p {code} reason", "three_public", code, "change_reason", _reason(node["reason"]))
    c.number("delegations", "three_public", "delegations", "count", tp["abroad"]["delegations"])
    c.number("outbound persons", "three_public", "outbound_persons", "count", tp["abroad"]["persons"])
    c.text("delegation", "three_public", "outbound_travel", "delegation", tp["abroad"]["delegation_name"])
    c.text("destination", "three_public", "outbound_travel", "destination", tp["abroad"]["destination_raw"])
    purchase = tp["vehicles"]["purchase"]
    c.number("vehicle purchase", "three_public", "vehicle_purchase", "amount", purchase["amount_yuan"])
    c.equal("vehicle purchase unit", c.figure("three_public", "vehicle_purchase", "amount").unit, "元")
    c.number("vehicles bought", "three_public", "vehicles_purchased", "count", purchase["vehicles_bought"])
    for vtype in ("sedan", "suv", "bus"):
        c.number(f"bought {vtype}", "three_public", f"vehicles_purchased_{vtype}", "count", purchase[vtype])
        c.number(f"bought {vtype} amount", "three_public", f"vehicles_purchased_{vtype}", "amount", purchase[f"{vtype}_amount"])
    fleet = tp["vehicles"]["fleet_2023_12_31"]
    c.number("fleet", "three_public", "fleet", "count", fleet["total"], line=fleet["line"])
    for vtype in ("sedan", "suv", "bus"):
        c.number(f"fleet {vtype}", "three_public", f"fleet_{vtype}", "count", fleet[vtype])
    operation = tp["vehicles"]["operation"]
    c.number("vehicle operation", "three_public", "vehicle_operation", "amount", _amount(operation["amount"]),
             line=operation["line"])
    c.text("vehicle operation use", "three_public", "vehicle_operation", "purpose", operation["use_text"])
    domestic = tp["reception"]["domestic"]
    c.number("domestic reception", "three_public", "domestic_reception", "amount", _amount(domestic["amount"]))
    c.number("reception batches", "three_public", "reception_batches", "count", domestic["batches"])
    c.number("reception persons", "three_public", "reception_persons", "count", domestic["persons"])
    for seq, part in enumerate(domestic["breakdown"], start=1):
        f = c.figure("three_public", "domestic_reception_item", "amount", seq=seq)
        c.equal(f"reception item {seq}", (f.subject_zh, f.value), (part["item"], Decimal(part["amount"]["value"])))
    c.number("foreign reception", "three_public", "foreign_reception", "amount", _amount(tp["reception"]["foreign"]["amount"]))

    c.number("government fund", t, "government_fund_expenditure", "amount", fa["government_fund_expenditure"]["value"],
             line=fa["government_fund_expenditure"]["line"])
    c.number("state capital", t, "state_capital_expenditure", "amount", fa["soe_capital_expenditure"]["value"],
             line=fa["soe_capital_expenditure"]["line"])
    organ = fa["organ_operating_expenses"]
    c.number("organ", t, "organ_operating_expenses", "amount", _amount(organ["amount"]), line=organ["line"])
    c.number("organ change", t, "organ_operating_expenses", "change", _amount(organ["change_vs_2022"]))
    c.number("organ growth", t, "organ_operating_expenses", "growth", _pct(organ["growth_pct"]))
    c.text("organ reason", t, "organ_operating_expenses", "change_reason", _reason(organ["reason"]))
    proc = fa["procurement"]
    c.number("procurement", t, "procurement_total", "amount", _amount(proc["total"]), line=proc["line"])
    for key in ("goods", "works", "services"):
        c.number(f"procurement {key}", "procurement", key, "amount", _amount(proc[key]))
    c.number("sme", "procurement", "sme", "amount", _amount(proc["sme_contract"]))
    c.number("sme share", "procurement", "sme", "share", _pct(proc["sme_share"]))
    c.number("small micro", "procurement", "small_micro", "amount", _amount(proc["small_micro_contract"]))
    c.number("small micro share", "procurement", "small_micro", "share", _pct(proc["small_micro_share"]))
    c.text("procurement purpose", "procurement", "total", "purpose", proc["purpose_text"])
    assets = fa["assets"]
    c.number("vehicles", "assets", "vehicles_total", "count", assets["vehicles_total"], line=assets["line"])
    c.equal("vehicles as of", c.figure("assets", "vehicles_total", "count").subject_zh, assets["as_of"])
    for key in ("leader_cars", "confidential_comm_cars", "emergency_cars", "other_cars"):
        c.number(key, "assets", key, "count", assets[key])
    c.text("other cars use", "assets", "other_cars", "use", assets["other_cars_use"])
    c.number("equipment", "assets", "equipment_over_100_wan", "count", assets["equipment_over_1m_units"])
    pm = fa["performance_management"]
    c.number("ex ante", "performance_management", "ex_ante_assessed_projects", "count", pm["ex_ante_assessed_projects"],
             line=pm["line"])
    c.equal("ex ante example", c.figure("performance_management", "ex_ante_assessed_projects", "count").subject_zh,
            pm["ex_ante_assessment_example"])
    c.number("targets", "performance_management", "projects_with_targets", "count", pm["projects_with_targets"])
    c.number("monitored", "performance_management", "projects_monitored", "count", pm["projects_monitored"])
    scores = [f for f in c.figures if f.family == "performance_evaluation" and f.measure == "score"]
    expected_scores = list(pm["self_evaluation_scores"].values())
    c.equal("score count", len(scores), len(expected_scores))
    for f, expected in zip(sorted(scores, key=lambda f: f.seq), expected_scores):
        c.equal(f"score {expected['name']}", (f.subject_zh, f.value, f.source_location),
                (expected["name"], Decimal(expected["score"]), f"line {expected['line']}"))
    c.equal("score subject", scores[0].subject, "department_overall")

    # units and staffing
    units = golden["units"]
    c.number("subordinate units", "units", "subordinate_units", "count", units["summary"]["subordinate_count"],
             line=units["summary"]["line"])
    c.number("administrative units", "units", "administrative", "count", units["summary"]["administrative"])
    c.number("csm units", "units", "civil_service_managed_institutions", "count",
             units["summary"]["civil_service_managed_institutions"])
    c.number("public institutions", "units", "public_institutions", "count", units["summary"]["public_institutions"])
    unit_records = [r for r in records if isinstance(r, UnitRecord)]
    department = [u for u in unit_records if u.is_department_itself]
    c.equal("department", [u.unit_name for u in department], [golden["department"]["name"]])
    listed = sorted((u for u in unit_records if not u.is_department_itself), key=lambda u: u.seq)
    c.equal("units", [(u.seq, u.unit_name, u.unit_category, u.source_location) for u in listed],
            [(u["seq"], u["name"], u["category"], f"line {u['line']}") for u in units["list"]])
    staffing = golden["staffing"]
    for key, value in staffing.items():
        if key != "line":
            c.number(f"staffing {key}", "staffing", key, "count", value, line=staffing["line"])

    # glossary
    entries = sorted((r for r in records if isinstance(r, GlossaryEntry)), key=lambda r: r.seq)
    expected_entries = golden["glossary"]["entries"]
    c.equal("glossary count", len(entries), 40)
    for entry, expected in zip(entries, expected_entries):
        c.equal(f"glossary {expected['number_printed']} {expected['term']}",
                (entry.seq_printed, entry.term, entry.definition, entry.source_location, entry.char_offset),
                (expected["number_printed"], expected["term"], expected["definition"], f"line {expected['line']}",
                 expected["col"]))

    # annex 1
    a1 = golden["annex1"]
    c.number("annex1 conclusion", "performance_evaluation", "department_overall", "annex1_final_score",
             a1["overall_score"]["score"], line=a1["overall_score"]["line"])
    c.number("recurring count", "project_portfolio", "recurring", "count", a1["recurring_projects"]["count"])
    c.number("one-off count", "project_portfolio", "one_off", "count", a1["one_off_projects"]["count"])
    c.number("one-off budget", "project_portfolio", "one_off", "budget", _amount(a1["one_off_projects"]["budget"]))
    c.number("one-off progress", "project_portfolio", "one_off", "progress", _pct(a1["one_off_projects"]["progress"]))
    c.number("one-off over 10%", "project_portfolio", "one_off", "over_10pct_balance", a1["one_off_projects"]["over_10pct_balance"])
    summaries = sorted((r for r in records if isinstance(r, ProjectSummary)), key=lambda r: r.seq)
    c.equal("summary count", len(summaries), len(a1["project_summaries"]))

    def first_decimal(values, strip="%"):
        return Decimal(values[0].rstrip(strip)) if values else None

    for summary, expected in zip(summaries, a1["project_summaries"]):
        c.equal(f"summary {expected['name']}",
                (summary.unit_header, summary.project_name, summary.source_location, summary.text,
                 summary.execution_rate_raw, summary.execution_rate, summary.score, summary.stated_balance,
                 summary.stated_initial_budget, summary.stated_paid),
                (expected["unit"], expected["name"], f"line {expected['line']}", expected["text"],
                 expected["stated_rates"][0] if expected["stated_rates"] else None,
                 first_decimal(expected["stated_rates"]), first_decimal(expected["stated_scores"]),
                 first_decimal(expected["stated_balance_10k"]), first_decimal(expected["stated_initial_budget_10k"]),
                 first_decimal(expected["stated_paid_10k"])))

    # annex 2
    indicators = [r for r in records if isinstance(r, SpecialEvaluationIndicator)]
    for report_seq, report in enumerate(golden["annex2"]["reports"], start=1):
        got = sorted((i for i in indicators if i.report_seq == report_seq), key=lambda i: i.seq)
        c.equal(f"report {report_seq} title", c.figure("special_evaluation", f"report_{report_seq}", "title").text_value,
                report["title"])
        c.equal(f"report {report_seq} indicators",
                [(i.report_title, i.category, i.indicator_name, i.max_score, i.score, i.name_location, i.source_location)
                 for i in got],
                [(report["title"], e["category"], e["indicator"], Decimal(e["max"]), Decimal(e["score"]),
                 f"line {e['name_line']}", f"line {e['line']}") for e in report["indicators"]])
        total_figure = c.figure("special_evaluation", f"report_{report_seq}", "total_score")
        c.equal(f"report {report_seq} total", total_figure.value if total_figure else None,
                Decimal(report["stated_total_score"]) if report["stated_total_score"] else None)

    print(f"checked {c.checked} values, {len(c.mismatches)} mismatches")
    assert c.mismatches == [], "\n".join(c.mismatches)


def test_no_figure_from_ocr_junk(records):
    """The chart OCR line ``183.69`` (line 60) and the ``[image: …]`` lines never yield a figure."""
    junk_lines = {f"line {n}" for n in range(58, 67)} | {"line 123"}
    assert [r for r in records if getattr(r, "source_location", None) in junk_lines] == []
    assert not [r for r in records if isinstance(r, Figure) and r.raw_text and "183.69" in r.raw_text]


def test_no_extraction_issue_on_the_reference(records):
    assert [r for r in records if isinstance(r, ExtractionIssue)] == []

"""The identity findings on the reference report: every genuine statement / cross-section /
narrative / free-text violation of expected_violations.json is a violation row of
marts.fct_identity_check with the entry's numbers, and what only rounds is not a violation."""
from decimal import Decimal

import pytest

WAN = Decimal(10000)
YI = Decimal(100000000)
OWN_SCOPES = {"statement/cross-section", "narrative_vs_table", "free_text_arithmetic"}

# The numbers of each entry (lhs, rhs as the entry's detail prints them) in the unit the identity
# compares in: money in yuan (万元 × 10000, 亿元 × 10^8), percentages, scores and counts as printed.
# Keyed by (id, check prefix) so every entry of the fixture must be listed here.
EXPECTED_PAIRS = {
    ("A18", "class 社会保障和就业支出"): (Decimal("12690.41") * WAN, Decimal("11504.89") * WAN),
    ("A19", "Σ 28 items"): (Decimal("16154.57") * WAN, Decimal("14969.05") * WAN),
    ("A38", "asset vehicles_total"): (Decimal(5), Decimal(4)),
    ("A39", "vehicle count"): (Decimal(5), Decimal(4)),
    ("A45", "procurement"): (Decimal("1039.49") * WAN, Decimal("1332.09") * WAN),
    ("A57", "annex-1 '支出情况'"): (Decimal("15157.49") * WAN, Decimal("15157.73") * WAN),
    ("A60", "产业园 revenue (annex-1"): (Decimal("10.94") * YI, Decimal("11.42") * YI),
    ("A60", "产业园 revenue growth"): (Decimal(178), Decimal(190)),
    ("A60", "产业园 tax (annex-1)"): (Decimal(2300) * WAN, Decimal("2514.2") * WAN),
    ("A60", "产业园 tax growth"): (Decimal(304), Decimal(342)),
    ("A60", "产业园 tax in dept KPI"): (Decimal(2500) * WAN, Decimal("2514.2") * WAN),
    ("A72", "dept KPI weights"): (Decimal(90), Decimal(100)),
    ("A78", "glossary numbering"): (Decimal(5), Decimal(0)),  # 5 entries out of place, the first at position 36 (printed 27)
    ("C", "score 99 vs table 合计 95.9"): (Decimal(99), Decimal("95.9")),
    ("C", "balance 0.72"): (Decimal("0.75") * WAN, Decimal("0.72") * WAN),  # adjusted − executed vs stated balance
    ("C", "stated 年初预算 34.01"): (Decimal("34.01") * WAN, Decimal(0)),
    ("C", "stated 年初预算 135"): (Decimal(135) * WAN, Decimal(0)),
    ("C", "stated 年初预算 120"): (Decimal(120) * WAN, Decimal(0)),
    ("C", "stated score 99 vs 合计 100"): (Decimal(99), Decimal(100)),
    ("G4", "中小企业发展专项 trainees"): (Decimal(4335), Decimal(4989)),
    ("G6", "#55 编外教师 headcount"): (Decimal(20), Decimal(13)),
}


@pytest.fixture(scope="module")
def checks(marts) -> list[dict]:
    cursor = marts.execute("select rule_id, subject, lhs, rhs, status, severity, source_location from marts.fct_identity_check")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def own_entries(expected_violations: list[dict]) -> list[dict]:
    return [e for e in expected_violations if e["scope"] in OWN_SCOPES and e.get("severity") != "ROUND"]


def pair_of(entry: dict) -> tuple[Decimal, Decimal]:
    keys = [k for k in EXPECTED_PAIRS if k[0] == entry["id"] and entry["check"].startswith(k[1])]
    assert len(keys) == 1, f"no (or several) expected numbers for {entry['id']} {entry['check']!r}"
    return EXPECTED_PAIRS[keys[0]]


def is_violation_with(row: dict, lhs: Decimal, rhs: Decimal) -> bool:
    return row["status"] == "violation" and row["lhs"] is not None and row["rhs"] is not None \
        and Decimal(row["lhs"]) == lhs and Decimal(row["rhs"]) == rhs


def test_every_expected_finding_is_a_violation(checks, expected_violations):
    entries = own_entries(expected_violations)
    assert len(entries) == 23
    missing = []
    for entry in entries:
        if entry["id"] in ("A30", "A79"):
            continue  # a computed ratio / several items: see the tests below
        lhs, rhs = pair_of(entry)
        if not any(is_violation_with(row, lhs, rhs) for row in checks):
            missing.append((entry["id"], entry["check"], str(lhs), str(rhs)))
    assert missing == []


def test_three_public_completion_inconsistency(checks):
    """A30: 22.01 / (1.49 + 19.00 + 6.89) = 80.39 % implied, 88.7 % printed."""
    rows = [r for r in checks if r["rule_id"] == "three_public_completion_consistent"]
    assert [(r["status"], round(Decimal(r["lhs"]), 2), Decimal(r["rhs"])) for r in rows] == [
        ("violation", Decimal("80.39"), Decimal("88.7"))]


def test_glossary_coverage_findings(checks):
    """A79: item 18 has no entry, items 19 and 26 are named differently in the glossary."""
    violations = {r["subject"] for r in checks if r["rule_id"] == "glossary_entry_for_item" and r["status"] == "violation"}
    for name in ("其他行政事业单位养老支出", "高技能人才培养补助", "中小企业发展专项"):
        assert any(name in subject for subject in violations), name
    assert len(violations) == 3
    numbering = [r for r in checks if r["rule_id"] == "glossary_numbering_consecutive"]
    assert len(numbering) == 1 and "position 36 printed 27" in numbering[0]["subject"]


def test_further_trainee_and_headcount_disagreements(checks):
    """G4: annex-1 Σ 4335 also ≠ KPI actual 4000; G6: annex-1 20 also ≠ KPI actual 10."""
    rule = [r for r in checks if r["rule_id"] == "free_text_counts_vs_project_table"]
    assert any(is_violation_with(r, Decimal(4335), Decimal(4000)) for r in rule)
    assert any(is_violation_with(r, Decimal(20), Decimal(10)) for r in rule)


@pytest.mark.parametrize("rule_id, lhs, rhs", [
    ("gpb_classes_sum", Decimal("14969.04") * WAN, Decimal("14969.05") * WAN),  # Σ 类 vs GPB total
    ("gpb_class_items_sum", Decimal("1745.33") * WAN, Decimal("1745.32") * WAN),  # 教育 items vs class
    ("income_sources_sum", Decimal("15157.49") * WAN, Decimal("15157.48") * WAN),
    ("annex1_final_income_vs_statement", Decimal("15157.49") * WAN, Decimal("15157.48") * WAN),
    ("non_gpb_expenditure_vs_business_income", Decimal("188.68") * WAN, Decimal("188.69") * WAN),
    ("new_urban_jobs_completion", Decimal("120.0000"), Decimal("120.04")),  # 4.44 / 3.7 printed 120.04 %
])
def test_what_only_rounds_is_within_rounding(checks, rule_id, lhs, rhs):
    rows = [r for r in checks if r["rule_id"] == rule_id and Decimal(r["lhs"] or 0) == lhs and Decimal(r["rhs"] or 0) == rhs]
    assert [r["status"] for r in rows] == ["within_rounding"]


def test_prose_rounding_of_scores_is_not_a_violation(checks):
    """C ROUND: 96 for 95.99, 99 for 98.57, 98.8 for 98.81, 84 for 84.4, 98 for 97.9."""
    narrative = [r for r in checks if r["rule_id"] in ("annex1_summary_vs_project_table", "conclusion_vs_project_table")]
    for stated, table in (("96", "95.99"), ("99", "98.57"), ("98.8", "98.81"), ("84", "84.4"), ("98", "97.9")):
        rows = [r for r in narrative if Decimal(r["lhs"] or -1) == Decimal(stated) and Decimal(r["rhs"] or -1) == Decimal(table)]
        assert rows and {r["status"] for r in rows} == {"within_rounding"}, (stated, table)


def test_no_violation_for_a_rate_that_only_rounds(checks):
    assert [r for r in checks if r["status"] == "violation" and "92.82" in f"{r['lhs']} {r['rhs']}"] == []


def test_exact_cross_section_identities_hold(checks):
    exact_rules = ("annex1_initial_budget_vs_department_kpi", "annex1_final_income_source_vs_statement",
                   "department_score_restated", "department_kpi_cost_vs_statement", "annex1_procurement_restated",
                   "park_results_annex2_restated", "special_evaluation_scores_sum", "annex2_allocations_sum",
                   "annex2_actual_city_district_sum", "annex2_per_capita_components_sum", "annex2_execution_rate")
    rows = [r for r in checks if r["rule_id"] in exact_rules]
    assert {r["rule_id"] for r in rows} == set(exact_rules)
    assert {r["status"] for r in rows} == {"exact"}

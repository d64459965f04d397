"""The statement and cross-section identity rules (expectations/identities/statements.yml,
cross_section.yml) on tiny in-memory marts: for each check family one consistent fixture that must
pass and one with a seeded error that must be reported as a violation with the seeded numbers."""
from decimal import Decimal

import duckdb
import pytest

from pipelines.identities.engine import evaluate
from pipelines.identities.registry import load_rules

DOC = "doc"
PASSING = {"exact", "within_rounding"}

# Column types of the mart columns the rules read (a fixture table gets the columns of its rows).
TYPES = {
    "amount_yuan": "decimal(20,2)", "change_amount_yuan": "decimal(20,2)", "total_funds_yuan": "decimal(20,2)",
    "fiscal_funds_yuan": "decimal(20,2)", "other_funds_yuan": "decimal(20,2)", "initial_budget_yuan": "decimal(20,2)",
    "adjusted_budget_yuan": "decimal(20,2)", "executed_yuan": "decimal(20,2)",
    "share_pct": "decimal(9,4)", "growth_pct": "decimal(9,4)", "budget_completion_pct": "decimal(9,4)", "pct": "decimal(9,4)",
    "execution_rate_pct": "decimal(9,4)", "total_score": "decimal(9,4)",
    "printed_value": "decimal(28,8)", "item_count": "decimal(28,8)", "actual_value": "decimal(28,8)", "score": "decimal(28,8)",
    "max_score": "decimal(28,8)", "authorized": "decimal(28,8)", "in_service": "decimal(28,8)",
    "stated_paid": "decimal(28,8)", "stated_initial_budget": "decimal(28,8)", "stated_balance": "decimal(28,8)",
    "is_department_itself": "boolean",
}
INTEGER_COLUMNS = {"fiscal_year", "seq_number", "printed_decimals", "share_printed_decimals", "change_printed_decimals",
                   "growth_printed_decimals", "seq", "seq_printed", "table_seq", "report_seq", "actual_printed_decimals",
                   "total_score_printed_decimals", "execution_rate_printed_decimals"}


# Columns a rule reads from a mart although a fixture may leave them empty.
MART_COLUMNS = {
    "fct_figure": ("printed_value", "amount_yuan", "printed_decimals", "printed_unit", "pct", "seq", "subject_zh"),
    "fct_project_summary": ("score", "execution_rate_pct", "stated_paid", "stated_initial_budget", "stated_balance", "summary"),
    "fct_project_report": ("annual_target", "implementation_summary", "target_completion", "conclusion"),
}
# Every fixture table has these, so rules can report a location and join on the year; the narrative marts'
# figures are the explanations' (statement = 'text').
DEFAULTS = {"document_id": DOC, "fiscal_year": 2023, "source_location": "line 1", "statement": "text"}


def column_type(name: str) -> str:
    return TYPES.get(name) or ("integer" if name in INTEGER_COLUMNS else "varchar")


def warehouse(tables: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema marts")
    for name, rows in tables.items():
        columns = ["document_id"] + sorted(({c for row in rows for c in row} | set(DEFAULTS) | set(MART_COLUMNS.get(name, ())))
                                           - {"document_id"})
        con.execute(f"create table marts.{name} ({', '.join(f'{c} {column_type(c)}' for c in columns)})")
        for row in rows:
            values = [row.get(c, DEFAULTS.get(c)) for c in columns]
            con.execute(f"insert into marts.{name} values ({', '.join('?' for _ in columns)})",
                        [str(v) if isinstance(v, Decimal) else v for v in values])
    return con


RULES = {rule.id: rule for rule in load_rules()}


def run(rule_id: str, tables: dict[str, list[dict]]):
    results = evaluate(warehouse(tables), [RULES[rule_id]])
    rows = results.get(DOC, [])
    assert rows, f"{rule_id} produced no row"
    return rows


def wan(value: str) -> dict:
    """A money figure printed in 万元 with the decimals of the string."""
    decimals = len(value.split(".")[1]) if "." in value else 0
    return {"amount_yuan": Decimal(value) * 10000, "printed_decimals": decimals, "printed_unit": "万元"}


def yuan(value: str) -> Decimal:
    return Decimal(value) * 10000


# ---- fixtures per family: (rule id, builder(seeded: bool) -> tables, expected (lhs, rhs) of the violation)

def gpb_class_items(seeded):
    return {"fct_expenditure_by_function": [
        {"level": "class", "class_name": "社会保障和就业支出", "seq": 1, "source_location": "line 79", **wan("1000.01")},
        {"level": "xiang", "class_name": "社会保障和就业支出", "seq": 1, **wan("600.00")},
        {"level": "xiang", "class_name": "社会保障和就业支出", "seq": 2, **wan("400.00")},
    ] + ([{"level": "xiang", "class_name": "社会保障和就业支出", "seq": 3, **wan("185.51")}] if seeded else [])}


def gpb_items(seeded):
    return {
        "fct_expenditure_by_function": [
            {"level": "xiang", "class_name": "教育支出", "seq": 1, **wan("997.75")},
            {"level": "xiang", "class_name": "教育支出", "seq": 2, **wan("747.58" if not seeded else "847.58")},
        ],
        "fct_figure": [{"family": "gpb_item", "subject": "total", "measure": "amount", "source_location": "line 82",
                        **wan("1745.32")}],
    }


def fiscal_income(seeded):
    return {
        "fct_totals": [{"measure": "fiscal_appropriation_income", "basis": "reported", **wan("14968.80")}],
        "fct_income_by_source": [
            {"source": "general_public_budget", "seq": 1, **wan("14968.80" if not seeded else "14000.00")},
            {"source": "government_fund", "seq": 2, **wan("0")},
            {"source": "state_capital", "seq": 3, **wan("0")},
            {"source": "business", "seq": 4, **wan("188.69")},
        ],
    }


def balance(seeded):
    totals = {"expenditure_total": "15157.73", "income_total": "15157.48",
              "fiscal_appropriation_income": "14968.80", "fiscal_appropriation_expenditure": "14969.05" if not seeded else "14970.05"}
    return {"fct_totals": [{"measure": m, "basis": "reported", "fiscal_year": 2023, **wan(v)} for m, v in totals.items()]}


def basic_le(seeded):
    return {
        "fct_totals": [{"measure": "gpb_basic_expenditure", "basis": "reported", **wan("9817.64" if not seeded else "10100.00")}],
        "fct_expenditure_by_type": [{"expenditure_type": "basic", **wan("10006.32")}],
    }


def three_public_completion(seeded):
    def component(name, amount, completion, seq):
        return {"component": name, "seq": seq, "budget_completion_pct": Decimal(completion), **wan(amount)}
    return {"fct_three_public": [
        component("total", "22.01", "88.7" if seeded else "80.4", None),
        component("outbound_travel", "1.49", "100", 1),
        component("vehicle_purchase_and_operation", "15.41", "81.1", 2),
        component("official_reception", "5.11", "74.2", 3),
    ]}


def three_public_growth(seeded):
    return {"fct_three_public": [{"component": "official_reception", **wan("5.11"), "change_amount_yuan": yuan("1.34"),
                                  "change_printed_decimals": 2, "growth_pct": Decimal("45.5" if seeded else "35.5"),
                                  "growth_printed_decimals": 1}]}


def asset_vehicles(seeded):
    counts = {"leader_cars": 0, "confidential_comm_cars": 0, "emergency_cars": 1, "other_cars": 4 if seeded else 3}
    return {"fct_assets": [{"section": "assets", "asset_item": "vehicles_total", "item_count": 4}] + [
        {"section": "assets", "asset_item": item, "item_count": n, "seq": i} for i, (item, n) in enumerate(counts.items(), 1)]}


def vehicle_count(seeded):
    return {"fct_assets": [{"section": "three_public", "asset_item": "fleet", "item_count": 5 if seeded else 4},
                           {"section": "assets", "asset_item": "vehicles_total", "item_count": 4}]}


def procurement(seeded):
    return {"fct_procurement": [
        {"category": "total", **wan("1039.49")}, {"category": "goods", "seq": 1, **wan("306.02")},
        {"category": "works", "seq": 2, **wan("0")}, {"category": "services", "seq": 3, **wan("733.47" if not seeded else "833.47")}]}


def units(seeded):
    counts = {"subordinate_units": 8, "administrative": 0, "civil_service_managed_institutions": 3,
              "public_institutions": 6 if seeded else 5}
    return {"fct_figure": [{"family": "units", "subject": s, "measure": "count", "printed_value": n} for s, n in counts.items()]}


def staffing(seeded):
    return {"fct_staffing": [{"category": "administrative", "authorized": 55, "in_service": 56 if seeded else 49}]}


def glossary_numbering(seeded):
    printed = [1, 2, 27, 3] if seeded else [1, 2, 3, 4]
    return {"dim_glossary": [{"seq": i, "seq_printed": str(p), "seq_number": p, "term": f"t{i}",
                              "source_location": f"line {i}"} for i, p in enumerate(printed, 1)]}


def glossary_items(seeded):
    return {
        "fct_expenditure_by_function": [{"level": "xiang", "function_code": "2080712", "kuan_name": "就业补助",
                                         "xiang_name": "高技能人才培养补助", "seq": 19}],
        "dim_glossary": [{"seq": 1, "seq_printed": 1, "term": "社会保障和就业支出（类）就业补助（款）"
                          + ("高技能人才培训补助" if seeded else "高技能人才培养补助") + "（项）"}],
    }


def annex1_expenditure(seeded):
    return {
        "fct_totals": [{"measure": "expenditure_total", "basis": "reported", "source_location": "line 54", **wan("15157.73")}],
        "fct_figure": [
            {"family": "annex1_expenditure", "subject": "general_public_budget", "measure": "final_accounts", "seq": 1,
             **wan("14969.05" if not seeded else "14968.80")},
            {"family": "annex1_expenditure", "subject": "business", "measure": "final_accounts", "seq": 2, **wan("188.68")},
        ],
    }


def new_jobs(seeded):
    def count(family, subject, measure, value, unit="万人"):
        return {"family": family, "subject": subject, "measure": measure, "printed_value": Decimal(value),
                "printed_unit": unit, "printed_decimals": len(value.split(".")[1]) if "." in value else 0,
                "source_location": "line 1"}
    completion = count("annex1_task", "new_urban_jobs", "target_completion", "130.04" if seeded else "120.04", "%")
    completion["pct"] = completion["printed_value"]
    return {"fct_figure": [count("annex1_task", "new_urban_jobs", "actual", "4.44"), completion,
                           count("annex2_fact", "report_1", "new_urban_jobs_target", "3.7")]}


def park(seeded):
    def fig(measure, value):
        return {"family": "park_results", "subject": "tax", "measure": measure, "seq": 1, "source_location": "line 1", **wan(value)}
    return {"fct_figure": [fig("annex1", "2300" if seeded else "2514.2"), fig("annex2", "2514.2")]}


def dept_kpi_cost(seeded):
    return {
        "fct_department_kpi": [{"indicator": "全年人员支出成本", "actual_value": Decimal("8654.48" if not seeded else "7788.85"),
                                "actual_unit": "万", "actual_printed_decimals": 2}],
        "fct_totals": [{"measure": "gpb_personnel", "basis": "reported", **wan("8654.48")}],
        "fct_expenditure_by_type": [{"expenditure_type": "project", **wan("5151.41")}],
    }


def special_scores(seeded):
    scores = [("6", "6"), ("6", "5.6"), ("88", "86")]
    return {
        "fct_special_evaluation_indicator": [{"report_seq": 1, "report_title": "产业园", "seq": i, "max_score": Decimal(m),
                                              "score": Decimal(s)} for i, (m, s) in enumerate(scores, 1)],
        "fct_figure": [{"family": "special_evaluation", "subject": "report_1", "measure": "total_score",
                        "printed_value": Decimal("98.6" if seeded else "97.6")}],
    }


def allocations(seeded):
    rows = [{"family": "annex2_fact", "subject": "report_3", "measure": "budget", "subject_zh": "社会化管理经费",
             "source_location": "line 9", **wan("234")}]
    for i, (name, value) in enumerate([("江阳区", "116.53"), ("龙马潭区", "77.69"), ("其他", "39.78" if not seeded else "29.78")], 1):
        rows.append({"family": "annex2_fact", "subject": "report_3", "measure": "allocation", "subject_zh": name, "seq": i,
                     "source_location": "line 9", **wan(value)})
    return {"fct_figure": rows}


def project_tables(score_total: str, conclusion: str = "") -> dict:
    return {
        "fct_project_score": [{"table_seq": 7, "project_id": "p7", "total_score": Decimal(score_total),
                               "total_score_printed_decimals": 1, "source_location": "line 2118"}],
        "fct_project_report": [{"table_seq": 7, "project_id": "p7", "project_name": "学术和技术带头人创新科研补贴", "conclusion": conclusion,
                         "target_completion": "全年共计培训4989人"}],
        "fct_project_budget": [{"table_seq": 7, "funding": "total", "initial_budget_yuan": yuan("69.12"),
                                "adjusted_budget_yuan": yuan("69.12"), "executed_yuan": yuan("55.14"), "printed_decimals": 2,
                                "printed_unit": "万元", "execution_rate_pct": Decimal("79.77"), "execution_rate_printed_decimals": 2}],
        "fct_project_kpi": [{"table_seq": 7, "seq": 1, "indicator": "培训人数（人次）", "actual_value": 4335, "measure_unit": "人次"}],
    }


def summary(seeded):
    tables = project_tables("95.9")
    tables["fct_project_summary"] = [{"seq": 7, "project_name": "学术和技术带头人创新科研补贴", "source_location": "line 337",
                                      "score": Decimal("99" if seeded else "96"), "summary": "本次自评分分。"}]
    return tables


def balance_stated(seeded):
    tables = project_tables("95.9")
    tables["fct_project_summary"] = [{"seq": 7, "project_name": "学术和技术带头人创新科研补贴项目", "source_location": "line 391",
                                      "stated_balance": Decimal("13.95" if seeded else "13.98"), "summary": "资金结余"}]
    return tables


def conclusion(seeded):
    return project_tables("100" if seeded else "99", "项目自评总分99分，预算执行率为79.77%。")


def trainees(seeded):
    tables = project_tables("95.9")
    counts = "培训人员141人;培训人员4194人" if not seeded else "培训人员141人;培训人员4194人;培训人员654人"
    tables["fct_project_summary"] = [{"seq": 52, "project_name": "2023年度学术和技术带头人创新科研补贴项目",
                                      "source_location": "line 417", "summary": counts}]
    tables["fct_project_report"][0]["target_completion"] = "全年共计培训4335人"
    return tables


CASES = [
    ("gpb_class_items_sum", gpb_class_items, (yuan("1185.51"), yuan("1000.01"))),
    ("gpb_items_sum", gpb_items, (yuan("1845.33"), yuan("1745.32"))),
    ("fiscal_income_sources_sum", fiscal_income, (yuan("14000.00"), yuan("14968.80"))),
    ("balance_total_equals_fiscal", balance, (yuan("14969.05"), yuan("14970.05"))),
    ("gpb_basic_le_basic", basic_le, (yuan("10100.00"), yuan("10006.32"))),
    ("three_public_completion_consistent", three_public_completion, (Decimal("80.3929"), Decimal("88.7"))),
    ("three_public_component_growth", three_public_growth, (Decimal("35.5438"), Decimal("45.5"))),
    ("asset_vehicles_sum", asset_vehicles, (Decimal(5), Decimal(4))),
    ("vehicle_count_three_public_vs_assets", vehicle_count, (Decimal(5), Decimal(4))),
    ("procurement_categories_sum", procurement, (yuan("1139.49"), yuan("1039.49"))),
    ("subordinate_units_sum", units, (Decimal(9), Decimal(8))),
    ("staffing_in_service_le_authorized", staffing, (Decimal(56), Decimal(55))),
    ("glossary_numbering_consecutive", glossary_numbering, (Decimal(2), Decimal(0))),
    ("glossary_entry_for_item", glossary_items, (Decimal(0), Decimal(1))),
    ("annex1_final_expenditure_vs_statement", annex1_expenditure, (yuan("15157.48"), yuan("15157.73"))),
    ("new_urban_jobs_completion", new_jobs, (Decimal("120.0000"), Decimal("130.04"))),
    ("park_results_annex1_vs_annex2", park, (yuan("2300"), yuan("2514.2"))),
    ("department_kpi_cost_vs_statement", dept_kpi_cost, (yuan("7788.85"), yuan("8654.48"))),
    ("special_evaluation_scores_sum", special_scores, (Decimal("97.6"), Decimal("98.6"))),
    ("annex2_allocations_sum", allocations, (yuan("224.00"), yuan("234"))),
    ("annex1_summary_vs_project_table", summary, (Decimal(99), Decimal("95.9"))),
    ("annex1_summary_vs_project_table", balance_stated, (yuan("13.98"), yuan("13.95"))),
    ("conclusion_vs_project_table", conclusion, (Decimal(99), Decimal(100))),
    ("free_text_counts_vs_project_table", trainees, (Decimal(4989), Decimal(4335))),
]


@pytest.mark.parametrize("rule_id, build, expected", CASES, ids=[f"{c[0]}-{c[1].__name__}" for c in CASES])
def test_consistent_fixture_passes(rule_id, build, expected):
    rows = run(rule_id, build(False))
    assert [(r.subject, r.status) for r in rows if r.status not in PASSING] == []


@pytest.mark.parametrize("rule_id, build, expected", CASES, ids=[f"{c[0]}-{c[1].__name__}" for c in CASES])
def test_seeded_error_is_a_violation(rule_id, build, expected):
    rows = run(rule_id, build(True))
    violations = [(r.lhs, r.rhs) for r in rows if r.status == "violation"]
    assert len(violations) >= 1, [(r.subject, r.status, r.lhs, r.rhs) for r in rows]
    assert (Decimal(violations[0][0]), Decimal(violations[0][1])) == expected
    assert all(r.severity == RULES[rule_id].severity for r in rows if r.status == "violation")


def test_zero_prior_year_is_not_computable():
    """A28: '增长100%' from a prior of 0 (因公出国 1.49 万元, change 1.49 万元) is insufficient data, never a pass."""
    tables = {"fct_three_public": [{"component": "outbound_travel", **wan("1.49"), "change_amount_yuan": yuan("1.49"),
                                    "change_printed_decimals": 2, "growth_pct": Decimal("100.00"), "growth_printed_decimals": 2}]}
    assert [r.status for r in run("three_public_component_growth", tables)] == ["insufficient_data"]


def test_missing_table_score_is_insufficient_data():
    """C: a stated score against an empty 合计 cell cannot be judged (N/A), it is not a pass."""
    tables = summary(False)
    tables["fct_project_score"][0]["total_score"] = None
    assert [r.status for r in run("annex1_summary_vs_project_table", tables)] == ["insufficient_data"]


def test_every_rule_has_an_identities_id_and_unique_subjects_per_document():
    mine = [r for r in load_rules() if r.family in {
        "fiscal", "balance", "gpb", "basic", "three_public", "vehicles", "procurement", "units", "staffing", "glossary",
        "annex1", "crossdoc", "deptkpi", "scores", "annex2", "narrative_vs_table", "free_text_arithmetic"}]
    assert len(mine) >= 50
    for rule in mine:
        assert rule.description.split(":")[0].strip() and any(ch.isdigit() or ch == "C" for ch in rule.description.split(":")[0])

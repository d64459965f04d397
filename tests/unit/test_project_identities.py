"""The project-table and department-KPI identity rules (expectations/identities/projects.yml) on tiny
in-memory warehouses: for each rule one consistent fixture that must pass and one with a seeded error
that must be reported as a violation with the seeded numbers. The numbers are those of the reference
report (tests/fixtures/golden/golden.json, project_tables and department_kpi_table; line numbers as
source locations); where the report itself is inconsistent (#13 total score, department KPI weights)
the printed table is the seeded case and its corrected form the consistent one."""
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml

from pipelines.identities.engine import RULE_FAILED, evaluate
from pipelines.identities.registry import REGISTRY_DIR, load_rules

DOC = "doc"
PASSING = {"exact", "within_rounding"}
MONEY = "decimal(20,2)"
TYPED = "decimal(9,4)"  # rates, weights, scores as the marts type them

# Every table the rules of projects.yml read, with the columns they read (a fixture leaves the others NULL).
# Tables are created even when a fixture gives them no row: the rules left-join them.
SCHEMAS = {
    "intermediate.int_project_tables": {
        "document_id": "varchar", "table_seq": "integer", "project_label": "varchar", "source_location": "varchar"},
    "intermediate.int_project_score_parts": {
        "document_id": "varchar", "table_seq": "integer", "project_label": "varchar",
        "budget_weight": TYPED, "budget_weight_printed_decimals": "integer",
        "budget_score": TYPED, "budget_score_printed_decimals": "integer", "budget_source_location": "varchar",
        "total_weight": TYPED, "total_weight_printed_decimals": "integer",
        "total_score": TYPED, "total_score_printed_decimals": "integer",
        "blank_score_cells": "bigint", "total_source_location": "varchar"},
    "marts.fct_project_budget": {
        "document_id": "varchar", "table_seq": "integer", "funding": "varchar",
        "initial_budget_yuan": MONEY, "adjusted_budget_yuan": MONEY, "executed_yuan": MONEY,
        "printed_decimals": "integer", "printed_unit": "varchar",
        "execution_rate_pct": TYPED, "execution_rate_printed_decimals": "integer",
        "weight": TYPED, "weight_printed_decimals": "integer", "score": TYPED, "score_printed_decimals": "integer",
        "source_location": "varchar"},
    "marts.fct_project_kpi": {
        "document_id": "varchar", "table_seq": "integer", "seq": "integer",
        "weight": TYPED, "weight_printed_decimals": "integer", "score": TYPED, "score_printed_decimals": "integer",
        "source_location": "varchar"},
    "marts.fct_department_kpi": {
        "document_id": "varchar", "seq": "integer", "weight_pct": TYPED, "weight_printed_decimals": "integer",
        "source_location": "varchar"},
    "marts.fct_department_kpi_header": {
        "document_id": "varchar", "total_funds_yuan": MONEY, "fiscal_funds_yuan": MONEY, "other_funds_yuan": MONEY,
        "printed_decimals": "integer", "printed_unit": "varchar", "source_location": "varchar"},
}


def warehouse(tables: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema intermediate")
    con.execute("create schema marts")
    for name, columns in SCHEMAS.items():
        con.execute(f"create table {name} ({', '.join(f'{c} {t}' for c, t in columns.items())})")
        for row in tables.get(name, []):
            unknown = set(row) - set(columns)
            assert not unknown, f"{name} has no column {unknown}"
            values = [row.get(c, DOC if c == "document_id" else None) for c in columns]
            con.execute(f"insert into {name} values ({', '.join('?' for _ in columns)})",
                        [str(v) if isinstance(v, Decimal) else v for v in values])
    return con


RULES = {rule.id: rule for rule in load_rules()}


def run(rule_id: str, tables: dict[str, list[dict]]):
    rows = evaluate(warehouse(tables), [RULES[rule_id]]).get(DOC, [])
    assert rows, f"{rule_id} produced no row"
    assert all(r.subject != RULE_FAILED for r in rows), rows[0].detail
    return rows


def merge(*parts: dict[str, list[dict]]) -> dict[str, list[dict]]:
    tables: dict[str, list[dict]] = {}
    for part in parts:
        for name, rows in part.items():
            tables.setdefault(name, []).extend(rows)
    return tables


def decimals(text: str | None) -> int | None:
    """Digits printed after the point ('9.2' → 1, '10' → 0); None for a blank cell."""
    if text is None:
        return None
    return len(text.split(".")[1]) if "." in text else 0


def number(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def wan_to_yuan(text: str | None) -> Decimal | None:
    return Decimal(text) * 10000 if text is not None else None


def yuan(text: str) -> Decimal:
    return Decimal(text) * 10000


# ---- one project self-evaluation table (附表 部门预算项目支出绩效自评表) as printed

FUNDING_ORDER = ("total", "fiscal", "fiscal_special_account", "unit_own", "other")
ZERO_ROW = ("0.00", "0.00", "0.00", "0.00")
BLANK_ROW = (None, None, None, None)


@dataclass(frozen=True)
class ProjectTable:
    """A table in the printed strings: funding rows (年初预算, 调整后预算数, 预算执行数, 执行率 in 万元 / %),
    the budget block's weight and score, the indicators' (weight, score) and the 合计 row."""

    seq: int
    code: str
    budget_line: int  # line of the 总额 row; the funding rows follow every 10 lines
    funding: dict
    budget_score: str | None
    kpi_line: int  # line of the first indicator row; the others follow every 12 lines
    kpis: tuple = ()
    total_line: int = 0
    total_score: str | None = None
    budget_weight: str | None = "10"
    total_weight: str | None = "100"

    def tables(self) -> dict[str, list[dict]]:
        key = {"table_seq": self.seq}
        budget_rows = []
        for i, funding in enumerate(f for f in FUNDING_ORDER if f in self.funding):
            initial, adjusted, executed, rate = self.funding[funding]
            row = {**key, "funding": funding, "source_location": f"line {self.budget_line + 10 * i}",
                   "initial_budget_yuan": wan_to_yuan(initial), "adjusted_budget_yuan": wan_to_yuan(adjusted),
                   "executed_yuan": wan_to_yuan(executed),
                   "printed_decimals": decimals(adjusted or initial or executed),
                   "printed_unit": "万元", "execution_rate_pct": number(rate),
                   "execution_rate_printed_decimals": decimals(rate)}
            if funding == "total":  # weight and score are printed on the 总额 row only
                row.update(weight=number(self.budget_weight), weight_printed_decimals=decimals(self.budget_weight),
                           score=number(self.budget_score), score_printed_decimals=decimals(self.budget_score))
            budget_rows.append(row)
        kpi_rows = [{**key, "seq": i, "source_location": f"line {self.kpi_line + 12 * (i - 1)}",
                     "weight": number(weight), "weight_printed_decimals": decimals(weight),
                     "score": number(score), "score_printed_decimals": decimals(score)}
                    for i, (weight, score) in enumerate(self.kpis, 1)]
        # As int_project_score_parts counts them: the 总额 score, every indicator score, the 合计 score.
        blank_score_cells = ((self.budget_score is None) + sum(score is None for _, score in self.kpis)
                             + (self.total_score is None))
        score_parts = {**key, "project_label": self.code,
                       "budget_weight": number(self.budget_weight),
                       "budget_weight_printed_decimals": decimals(self.budget_weight),
                       "budget_score": number(self.budget_score),
                       "budget_score_printed_decimals": decimals(self.budget_score),
                       "budget_source_location": f"line {self.budget_line}",
                       "total_weight": number(self.total_weight),
                       "total_weight_printed_decimals": decimals(self.total_weight),
                       "total_score": number(self.total_score),
                       "total_score_printed_decimals": decimals(self.total_score),
                       "blank_score_cells": blank_score_cells, "total_source_location": f"line {self.total_line}"}
        return {
            "intermediate.int_project_tables": [{**key, "project_label": self.code,
                                                 "source_location": f"line {self.budget_line - 34}"}],
            "intermediate.int_project_score_parts": [score_parts],
            "marts.fct_project_budget": budget_rows,
            "marts.fct_project_kpi": kpi_rows,
        }


def funding_rows(amounts: tuple, **overrides) -> dict:
    """The usual funding block: 总额 = 财政资金, zero 财政专户/单位资金 rows, a wholly blank 其他资金 row."""
    rows = {"total": amounts, "fiscal": amounts, "fiscal_special_account": ZERO_ROW, "unit_own": ZERO_ROW,
            "other": BLANK_ROW}
    return {**rows, **overrides}


# Tables of the reference report (golden.json project_tables), as printed.
T1 = ProjectTable(  # 考试工作经费
    seq=1, code="51050021T000000029377", budget_line=761,
    funding=funding_rows(("800.00", "800.00", "711.23", "88.90")), budget_score="8.89",
    kpi_line=823, kpis=(("8", "8"), ("8", "8"), ("8", "5.1"), ("8", "8"), ("8", "8"), ("10", "10"), ("10", "10"),
                        ("10", "10"), ("20", "20")),
    total_line=931, total_score="95.99")
T2 = ProjectTable(  # 劳动保障监察执法及根治欠薪工作经费: every score cell blank
    seq=2, code="51050021T000000029379", budget_line=983,
    funding=funding_rows(("16.20", "16.20", "16.20", "100.00")), budget_score=None,
    kpi_line=1045, kpis=(("10", None), ("10", None), ("5", None), ("10", None), ("5", None), ("20", None),
                         ("10", None), ("20", None)),
    total_line=1141, total_score=None)
T7 = ProjectTable(  # 学术和技术带头人创新科研补贴
    seq=7, code="51050021T000000029412", budget_line=1984,
    funding=funding_rows(("69.12", "69.12", "55.14", "79.77")), budget_score="8",
    kpi_line=2046, kpis=(("10", "7.9"), ("20", "20"), ("10", "10"), ("20", "20"), ("10", "10"), ("20", "20")),
    total_line=2118, total_score="95.9")
T9 = ProjectTable(  # “三支一扶”省级补助资金: budget score 6 at a 26.92% execution rate
    seq=9, code="51050021T000000029423", budget_line=2379,
    funding=funding_rows(("0.00", "50.32", "13.55", "26.92")), budget_score="6",
    kpi_line=2441, kpis=(("20", "19"), ("20", "20"), ("10", "10"), ("10", "10"), ("10", "10"), ("10", "10"),
                         ("10", "10")),
    total_line=2525, total_score="95")
T13 = ProjectTable(  # 国有企业负责人薪酬管理和工资总额预算执行情况核查经费: 合计 97.9 but 7.9 + 80 = 87.9
    seq=13, code="51050022T000000366074", budget_line=3197,
    funding=funding_rows(("10.00", "8.00", "6.30", "78.75")), budget_score="7.9",
    kpi_line=3259, kpis=(("20", "20"), ("10", "10"), ("10", "10"), ("10", "10"), ("10", "10"), ("10", "10"),
                         ("20", "10")),
    total_line=3343, total_score="97.9")
T14 = ProjectTable(  # 市级高技能人才培训基地: 合计 score cell blank
    seq=14, code="51050022T000000368146", budget_line=3395,
    funding=funding_rows(("50.00", "50.00", "50.00", "100.00")), budget_score="10",
    kpi_line=3457, kpis=(("10", "10"), ("20", "20"), ("10", "10"), ("10", "10"), ("10", "10"), ("10", "10"),
                         ("20", "20")),
    total_line=3541, total_score=None)
T25 = ProjectTable(  # 高层次人才项目: no indicator row at all, 合计 score blank
    seq=25, code="51050023T000008762123", budget_line=5556,
    funding=funding_rows(("0.00", "850.40", "848.40", "99.76")), budget_score="9.9",
    kpi_line=5618, kpis=(), total_line=5630, total_score=None)
T26 = ProjectTable(  # 城乡基层治理专项经费: one indicator row with a score of 90 and no weight
    seq=26, code="51050023T000008762151", budget_line=5682,
    funding=funding_rows(("0.00", "40.00", "40.00", "100.00")), budget_score="10",
    kpi_line=5744, kpis=((None, "90"),), total_line=5756, total_score="100")
T30 = ProjectTable(  # 工业延链强链补链和乡村全面振兴行动招聘经费: 7.43 / 8.00 printed 92.82%
    seq=30, code="51050022T000004690394", budget_line=6431,
    funding=funding_rows(("8.00", "8.00", "7.43", "92.82")), budget_score="9.3",
    kpi_line=6493, kpis=(("20", "20"), ("10", "10"), ("10", "10"), ("20", "20"), ("5", "5"), ("5", "5"),
                         ("20", "18.6")),
    total_line=6577, total_score="97.9")
T33 = ProjectTable(  # 失业动态监测工作: 合计 99.15 against a displayed 9.2 + 90
    seq=33, code="51050022T000004700922", budget_line=7013,
    funding=funding_rows(("20.30", "20.30", "18.57", "91.50")), budget_score="9.2",
    kpi_line=7075, kpis=(("20", "20"), ("10", "10"), ("10", "10"), ("20", "20"), ("10", "10"), ("20", "20")),
    total_line=7147, total_score="99.15")


def with_kpi(table: ProjectTable, seq: int, weight: str | None, score: str | None) -> ProjectTable:
    kpis = list(table.kpis)
    kpis[seq - 1] = (weight, score)
    return replace(table, kpis=tuple(kpis))


# Department-wide KPI table (部门整体支出绩效目标完成情况自评表): the 21 printed weights (lines 514-714) add up
# to 90 %, with no budget-execution row (A72); its head prints 13238.84 = 10582.47 + 2656.37 万元 (line 459).
DEPARTMENT_KPI_WEIGHTS = ("3", "3", "3", "2", "3", "3", "3", "2", "2", "2", "2", "2", "5", "5", "10", "10", "5", "5",
                          "5", "10", "5")


def department_kpi(weights) -> dict[str, list[dict]]:
    return {"marts.fct_department_kpi": [
        {"seq": i, "weight_pct": number(w), "weight_printed_decimals": decimals(w),
         "source_location": f"line {504 + 10 * i}"}
        for i, w in enumerate(weights, 1)]}


def department_kpi_header(total: str | None, fiscal: str | None, other: str | None) -> dict[str, list[dict]]:
    return {"marts.fct_department_kpi_header": [
        {"total_funds_yuan": wan_to_yuan(total), "fiscal_funds_yuan": wan_to_yuan(fiscal),
         "other_funds_yuan": wan_to_yuan(other), "printed_decimals": 2, "printed_unit": "万元",
         "source_location": "line 459"}]}


# ---- one consistent / seeded pair per rule

@dataclass(frozen=True)
class Case:
    rule_id: str
    name: str
    consistent: dict  # tables
    passing: dict  # subject → expected status (exact / within_rounding) on the consistent fixture
    seeded: dict  # tables
    violations: list  # (subject, lhs, rhs) of every violation on the seeded fixture


def subject(table: ProjectTable, suffix: str | int | None = None) -> str:
    return table.code if suffix is None else f"{table.code}:{suffix}"


CASES = [
    # P1: 总额 = Σ funding rows for each measure; the wholly blank 其他资金 row is a source not used.
    Case("project_funding_rows_sum", "t7_fiscal_executed",
         consistent=T7.tables(),
         passing={subject(T7, m): "exact" for m in ("initial_budget", "adjusted_budget", "executed")},
         seeded=replace(T7, funding={**T7.funding, "fiscal": ("69.12", "69.12", "50.14", "72.54")}).tables(),
         violations=[(subject(T7, "executed"), yuan("50.14"), yuan("55.14"))]),
    # P2: 7.43 / 8.00 = 92.875 % is printed 92.82 %: reachable from the unrounded amounts (92.755 .. 92.996).
    Case("project_execution_rate", "t30_rate",
         consistent=T30.tables(),
         passing={subject(T30, "total"): "within_rounding", subject(T30, "fiscal"): "within_rounding"},
         seeded=replace(T30, funding=funding_rows(("8.00", "8.00", "7.43", "82.82"))).tables(),
         violations=[(subject(T30, "total"), Decimal("92.8750"), Decimal("82.82")),
                     (subject(T30, "fiscal"), Decimal("92.8750"), Decimal("82.82"))]),
    Case("project_execution_rate", "t7_rate",
         consistent=T7.tables(),
         passing={subject(T7, "total"): "exact", subject(T7, "fiscal"): "exact"},
         seeded=replace(T7, funding={**T7.funding, "total": ("69.12", "69.12", "55.14", "97.77")}).tables(),
         violations=[(subject(T7, "total"), Decimal("79.7743"), Decimal("97.77"))]),
    # P10: 预算执行数 ≤ 调整后预算数 (#13: 6.30 ≤ 8.00, below the 10.00 年初预算).
    Case("project_executed_le_adjusted", "t13_executed",
         consistent=T13.tables(),
         passing={subject(T13, f): "exact" for f in ("total", "fiscal", "fiscal_special_account", "unit_own")},
         seeded=replace(T13, funding=funding_rows(("10.00", "8.00", "8.30", "103.75"))).tables(),
         violations=[(subject(T13, "total"), yuan("8.30"), yuan("8.00")),
                     (subject(T13, "fiscal"), yuan("8.30"), yuan("8.00"))]),
    # P3: budget-block weight = 10.
    Case("project_budget_weight_10", "t7_budget_weight",
         consistent=T7.tables(), passing={subject(T7): "exact"},
         seeded=replace(T7, budget_weight="20").tables(),
         violations=[(subject(T7), Decimal(20), Decimal(10))]),
    # P4: budget score ≤ its weight.
    Case("project_budget_score_le_weight", "t7_budget_score",
         consistent=T7.tables(), passing={subject(T7): "exact"},
         seeded=replace(T7, budget_score="12").tables(),
         violations=[(subject(T7), Decimal(12), Decimal(10))]),
    # P4 SOFT: #1 scores 8.89 at 88.90 %; #9 scores 6 at 26.92 % (→ 2.692).
    Case("project_budget_score_vs_rate", "t1_vs_t9",
         consistent=T1.tables(), passing={subject(T1): "exact"},
         seeded=T9.tables(),
         violations=[(subject(T9), Decimal("2.6920"), Decimal(6))]),
    # P5: Σ indicator weights = 90.
    Case("project_kpi_weights_sum_90", "t7_kpi_weight",
         consistent=T7.tables(), passing={subject(T7): "exact"},
         seeded=with_kpi(T7, 2, "10", "10").tables(),
         violations=[(subject(T7), Decimal(80), Decimal(90))]),
    # P6: 合计 weight = 100.
    Case("project_total_weight_100", "t7_total_weight",
         consistent=T7.tables(), passing={subject(T7): "exact"},
         seeded=replace(T7, total_weight="90").tables(),
         violations=[(subject(T7), Decimal(90), Decimal(100))]),
    # P6: 合计 weight = budget weight + Σ indicator weights; #25 prints no indicator row but 合计 100.
    Case("project_total_weight_parts", "t7_vs_t25",
         consistent=T7.tables(), passing={subject(T7): "exact"},
         seeded=T25.tables(),
         violations=[(subject(T25), Decimal(10), Decimal(100))]),
    # P7: 合计 score = budget score + Σ indicator scores — #13 prints 97.9 for 7.9 + 80 = 87.9.
    Case("project_total_score_parts", "t13_total_score",
         consistent=replace(T13, total_score="87.9").tables(), passing={subject(T13): "exact"},
         seeded=T13.tables(),
         violations=[(subject(T13), Decimal("87.9"), Decimal("97.9"))]),
    # Completeness: every score cell filled — #2 leaves the 总额 score, 8 indicator scores and 合计 blank.
    Case("project_score_cells_filled", "t1_vs_t2",
         consistent=T1.tables(), passing={subject(T1): "exact"},
         seeded=T2.tables(),
         violations=[(subject(T2), Decimal(10), Decimal(0))]),
    # P8: each indicator score ≤ its weight.
    Case("project_kpi_score_le_weight", "t1_kpi_score",
         consistent=T1.tables(), passing={subject(T1, i): "exact" for i in range(1, 10)},
         seeded=with_kpi(T1, 3, "8", "8.5").tables(),
         violations=[(subject(T1, 3), Decimal("8.5"), Decimal(8))]),
    # A72: the department KPI weights add up to 90 %, not 100 % (no budget-execution row).
    Case("department_kpi_weights_sum_100", "a72_weights",
         consistent=department_kpi(DEPARTMENT_KPI_WEIGHTS + ("10",)), passing={"department_kpi": "exact"},
         seeded=department_kpi(DEPARTMENT_KPI_WEIGHTS),
         violations=[("department_kpi", Decimal(90), Decimal(100))]),
    # 资金总额 13238.84 = 财政拨款 10582.47 + 其他资金 2656.37 (万元).
    Case("department_kpi_funds_sum", "funds",
         consistent=department_kpi_header("13238.84", "10582.47", "2656.37"), passing={"department_kpi_funds": "exact"},
         seeded=department_kpi_header("13238.84", "10582.47", "2656.73"),
         violations=[("department_kpi_funds", yuan("13239.20"), yuan("13238.84"))]),
]
CASE_IDS = [f"{c.rule_id}-{c.name}" for c in CASES]


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_consistent_fixture_passes(case):
    rows = run(case.rule_id, case.consistent)
    assert {r.subject: r.status for r in rows} == case.passing
    assert all(r.severity == "info" for r in rows)


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_seeded_error_is_a_violation(case):
    rows = run(case.rule_id, case.seeded)
    violations = sorted((r.subject, Decimal(r.lhs), Decimal(r.rhs)) for r in rows if r.status == "violation")
    assert violations == sorted(case.violations), [(r.subject, r.status, r.lhs, r.rhs) for r in rows]
    assert all(r.status in PASSING for r in rows if r.status != "violation")
    assert {r.severity for r in rows if r.status == "violation"} == {RULES[case.rule_id].severity}


def test_every_rule_of_projects_yml_has_a_case():
    registry = yaml.safe_load((Path(REGISTRY_DIR) / "projects.yml").read_text(encoding="utf-8"))["rules"]
    assert {rule["id"] for rule in registry} == {case.rule_id for case in CASES}
    assert len(registry) == 14


# ---- rounding: typed scores and printed rates within half a displayed unit

def test_rate_from_unrounded_amounts_is_within_rounding_not_exact():
    """#30: 7.43 / 8.00 = 92.875 % would print 92.88; 92.82 is reachable from amounts within ±0.005 万元."""
    (total,) = [r for r in run("project_execution_rate", T30.tables()) if r.subject == subject(T30, "total")]
    assert (total.status, total.lhs, total.rhs) == ("within_rounding", Decimal("92.8750"), Decimal("92.82"))


def test_total_score_within_half_a_unit_of_the_displayed_budget_score():
    """#33: 合计 99.15 against a displayed 9.2 + 90 = 99.2 — the 9.2 may stand for 9.15."""
    (row,) = run("project_total_score_parts", T33.tables())
    assert (row.status, row.lhs, row.rhs, row.difference) == (
        "within_rounding", Decimal("99.2"), Decimal("99.15"), Decimal("0.05"))


def test_total_score_off_by_more_than_half_a_unit_is_a_violation():
    (row,) = run("project_total_score_parts", replace(T33, total_score="98.2").tables())
    assert (row.status, row.lhs, row.rhs, row.difference) == ("violation", Decimal("99.2"), Decimal("98.2"), Decimal(1))


def test_total_score_off_by_more_than_half_a_unit_of_the_rounded_component_is_a_violation():
    (row,) = run("project_total_score_parts", replace(T33, total_score="99.1").tables())
    assert (row.status, row.lhs, row.rhs) == ("violation", Decimal("99.2"), Decimal("99.1"))


def test_soft_budget_score_rule_reports_at_info_severity():
    """The template does not define the budget-score rule: a departure is information, not a warning."""
    (row,) = run("project_budget_score_vs_rate", T9.tables())
    assert (row.status, row.severity) == ("violation", "info")


# ---- blank cells: missing data, never 0 and never a pass

BLANK_SCORE_CASES = [
    ("project_total_score_parts", T14, subject(T14)),  # 合计 score blank
    ("project_total_score_parts", T2, subject(T2)),  # budget, indicator and 合计 scores blank
    ("project_total_score_parts", replace(T14, budget_score=None, total_score="100"), subject(T14)),  # as #5
    ("project_total_score_parts", T25, subject(T25)),  # no indicator row: indicator scores unknown, not 0
    ("project_budget_score_le_weight", T2, subject(T2)),
    ("project_budget_score_vs_rate", T2, subject(T2)),
    ("project_kpi_score_le_weight", T2, subject(T2, 1)),
    ("project_kpi_weights_sum_90", T26, subject(T26)),  # the one indicator row prints no weight
    ("project_total_weight_parts", T26, subject(T26)),
]


@pytest.mark.parametrize("rule_id, table, expected_subject", BLANK_SCORE_CASES,
                         ids=[f"{r}-t{t.seq}" for r, t, _ in BLANK_SCORE_CASES])
def test_blank_cell_is_insufficient_data(rule_id, table, expected_subject):
    rows = {r.subject: r for r in run(rule_id, table.tables())}
    row = rows[expected_subject]
    assert (row.status, row.lhs, row.severity) == ("insufficient_data", None, "warning")


def test_blank_score_cells_are_counted_by_the_completeness_rule():
    """#14 leaves only its 合计 score blank: one missing cell is a violation of completeness, not a pass."""
    (row,) = run("project_score_cells_filled", T14.tables())
    assert (row.status, row.lhs, row.rhs) == ("violation", Decimal(1), Decimal(0))


def test_table_without_indicator_rows_has_no_weights():
    """#25 prints no indicator row: Σ weights is 0 against the 90 of the header (a violation, not a pass)."""
    (row,) = run("project_kpi_weights_sum_90", T25.tables())
    assert (row.status, row.lhs, row.rhs) == ("violation", Decimal(0), Decimal(90))


def test_total_row_without_any_printed_component_is_insufficient_data():
    """A 总额 row whose funding rows are all blank has nothing to add up: insufficient data, not 0 = total."""
    table = replace(T7, funding={"total": T7.funding["total"], "fiscal": BLANK_ROW, "other": BLANK_ROW})
    rows = run("project_funding_rows_sum", table.tables())
    assert {r.subject: r.status for r in rows} == {
        subject(T7, m): "insufficient_data" for m in ("initial_budget", "adjusted_budget", "executed")}


def test_blank_total_amount_is_insufficient_data():
    table = replace(T7, funding={**T7.funding, "total": (None, "69.12", "55.14", "79.77")})
    statuses = {r.subject: r.status for r in run("project_funding_rows_sum", table.tables())}
    assert statuses == {subject(T7, "initial_budget"): "insufficient_data",
                        subject(T7, "adjusted_budget"): "exact", subject(T7, "executed"): "exact"}


def test_zero_budget_rate_is_not_computable():
    """A 总额 row of 0.00 / 0.00 printed 0.00 %: the rate has a zero base — insufficient data, never a pass."""
    table = replace(T7, funding=funding_rows(ZERO_ROW))
    statuses = {r.subject: r.status for r in run("project_execution_rate", table.tables())}
    assert statuses == {subject(T7, "total"): "insufficient_data"}


def test_department_funds_with_a_blank_cell_are_insufficient_data():
    (row,) = run("department_kpi_funds_sum", department_kpi_header("13238.84", "10582.47", None))
    assert (row.status, row.lhs) == ("insufficient_data", None)

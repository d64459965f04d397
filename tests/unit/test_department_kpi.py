"""Department-wide KPI table (部门整体支出绩效目标完成情况自评表) against golden.json and a fixture slice."""
import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.documents.text_reader import read_text
from pipelines.extract.department_kpi import extract_department_kpi
from pipelines.extract.project_records import DepartmentKpiHeader, DepartmentKpiRow, DepartmentKpiTask
from pipelines.extract.records import ExtractionIssue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORT = FIXTURES / "luzhou_hrss_2023.txt"
GOLDEN = FIXTURES / "golden" / "golden.json"
SLICE = FIXTURES / "project_tables" / "department_kpi"

OPERATOR_CODES = {"≥": "ge", "≤": "le", "＝": "eq", "=": "eq", "＞": "gt", "＜": "lt", "定性": "qualitative"}
_NUMERIC = re.compile(r"-?\d+(?:\.\d+)?")


def _read(path: Path):
    return read_text("test", path.name, path.read_text(encoding="utf-8"))


def _of(records, kind):
    return [r for r in records if isinstance(r, kind)]


def as_jsonable(record) -> dict:
    row = {"table": record.table}
    for key, value in dataclasses.asdict(record).items():
        if key in ("extractor", "layout_profile") and value is None:
            continue  # provenance stamped by the extraction runner, not by the parser under test
        row[key] = str(value) if isinstance(value, Decimal) else value
    return row


def compare_with_golden(records, gold) -> list[str]:
    diffs: list[str] = []

    def check(where, ours, theirs):
        if ours != theirs:
            diffs.append(f"{where}: {ours!r} != {theirs!r}")

    headers = _of(records, DepartmentKpiHeader)
    check("header count", len(headers), 1)
    if headers:
        header = headers[0]
        check("department", header.department_label, gold["dept_name"])
        check("total funds", header.total_funds, Decimal(gold["budget"]["total"]))
        check("fiscal funds", header.fiscal_funds, Decimal(gold["budget"]["fiscal"]))
        check("other funds", header.other_funds, Decimal(gold["budget"]["other"]))
        check("annual goal", header.annual_goal, gold["overall_goal"])
    tasks = _of(records, DepartmentKpiTask)
    check("task count", len(tasks), len(gold["tasks"]))
    for task, g in zip(tasks, gold["tasks"]):
        check(f"task {task.task_seq} name", task.task_name, g["task"])
        check(f"task {task.task_seq} content", task.content, g["content"])
        check(f"task {task.task_seq} location", task.source_location, f"line {g['line']}")
    kpis = _of(records, DepartmentKpiRow)
    check("KPI count", len(kpis), len(gold["kpis"]))
    for kpi, g in zip(kpis, gold["kpis"]):
        w = f"KPI {kpi.seq}"
        check(f"{w} location", kpi.source_location, f"line {g['line']}")
        check(f"{w} name", kpi.indicator, g["name"])
        check(f"{w} level1_raw", kpi.level1_raw, g["level1_raw"])
        check(f"{w} level2_raw", kpi.level2_raw, g["level2_raw"])
        check(f"{w} level1", kpi.level1, g["level1"])
        check(f"{w} level2", kpi.level2, g["level2"])
        check(f"{w} operator_raw", kpi.operator_raw, g["operator"])
        check(f"{w} operator", kpi.operator, OPERATOR_CODES[g["operator"]])
        check(f"{w} target text", kpi.target_text, g["target"])
        if _NUMERIC.fullmatch(g["target"]):
            check(f"{w} target value", kpi.target_value, Decimal(g["target"]))
        check(f"{w} unit", kpi.measure_unit, g["unit"])
        check(f"{w} weight", kpi.weight_pct, Decimal(g["weight"]))
        check(f"{w} weight raw", kpi.weight_raw, g["weight_raw"].strip())
        check(f"{w} actual text", kpi.actual_text, g["actual"])
        if _NUMERIC.fullmatch(g["actual"]):
            check(f"{w} actual value", kpi.actual_value, Decimal(g["actual"]))
    return diffs


@pytest.fixture(scope="module")
def reference_records():
    return extract_department_kpi(_read(REPORT))


def test_reference_report_matches_golden_cell_by_cell(reference_records):
    gold = json.loads(GOLDEN.read_text(encoding="utf-8"))["department_kpi_table"]
    diffs = compare_with_golden(reference_records, gold)
    assert diffs == [], f"{len(diffs)} mismatches, first: {diffs[:20]}"


def test_reference_report_header(reference_records):
    header = _of(reference_records, DepartmentKpiHeader)[0]
    assert (header.unit, header.printed_decimals, header.total_funds_raw) == ("万元", 2, "13238.84")
    assert header.source_location == "line 451"
    assert _of(reference_records, ExtractionIssue) == []


def test_reference_report_weights_sum_to_90_percent(reference_records):
    assert sum(k.weight_pct for k in _of(reference_records, DepartmentKpiRow)) == Decimal(90)


def test_actuals_with_units_and_comparators(reference_records):
    by_name = {k.indicator: k for k in _of(reference_records, DepartmentKpiRow)}
    time = by_name["各项社保待遇发放完成时间"]
    assert (time.actual_value, time.actual_unit, time.actual_operator, time.target_met) == (Decimal(12), "月", "le", True)
    # ≥ 5 天 with actual ≤5天: the printed range neither proves nor refutes the target.
    retry = by_name["重新发放失败退回各项待遇时间"]
    assert (retry.operator, retry.actual_operator, retry.target_met) == ("ge", "le", None)
    tax = by_name["人力资源产业园入驻企业年税收"]
    assert (tax.actual_value, tax.actual_unit, tax.target_met) == (Decimal(2500), "万", True)
    staff = by_name["全年人员支出成本"]
    assert (staff.target_value, staff.actual_value, staff.target_met) == (Decimal("7788.85"), Decimal("8654.48"), False)
    qualitative = by_name["推进落实各项社会保障制度，增强人民群众获得感、幸福感（参保群众满意度大于90%为优）"]
    assert (qualitative.operator, qualitative.target_value, qualitative.target_met) == ("qualitative", None, None)


def test_fixture_slice_stops_before_the_project_tables():
    records = extract_department_kpi(_read(SLICE / "reference_slice.txt"))
    expected = json.loads((SLICE / "reference_slice.json").read_text(encoding="utf-8"))
    assert [as_jsonable(r) for r in records] == expected

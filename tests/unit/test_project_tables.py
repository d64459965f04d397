"""Project self-evaluation tables: the reference report against golden.json, and one fixture per variation."""
import dataclasses
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from pipelines.documents.text_reader import read_text
from pipelines.extract.project_records import ProjectFundingRow, ProjectKpiRow, ProjectTable, ProjectTotalRow
from pipelines.extract.project_tables import (
    extract_project_tables,
    funding_code,
    is_boilerplate_reason,
    split_project_label,
)
from pipelines.extract.records import ExtractionIssue

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
REPORT = FIXTURES / "luzhou_hrss_2023.txt"
GOLDEN = FIXTURES / "golden" / "golden.json"
VARIATIONS = FIXTURES / "project_tables"

OPERATOR_CODES = {">=": "ge", "<=": "le", "=": "eq", ">": "gt", "<": "lt", "qualitative": "qualitative"}
_NUMERIC = re.compile(r"-?\d+(?:\.\d+)?")


def _read(path: Path):
    return read_text("test", path.name, path.read_text(encoding="utf-8"))


def _of(records, kind):
    return [r for r in records if isinstance(r, kind)]


def _dec(text):
    return None if text is None else Decimal(text)


def as_jsonable(record) -> dict:
    """A record as plain JSON values (Decimal → str) with its landing table name."""
    row = {"table": record.table}
    for key, value in dataclasses.asdict(record).items():
        if key in ("extractor", "layout_profile") and value is None:
            continue  # provenance stamped by the extraction runner, not by the parser under test
        row[key] = str(value) if isinstance(value, Decimal) else value
    return row


# --- the reference report against golden.json --------------------------------------------------------------

def _value_or_text(golden: str | None, value, text) -> bool:
    """Golden keeps the printed text: a plain number is compared by value, anything else as text."""
    if golden is not None and _NUMERIC.fullmatch(golden):
        return value == Decimal(golden)
    return text == golden


def compare_with_golden(records, golden_tables) -> list[str]:
    """Every differing cell as 'table #n …: ours != golden'."""
    diffs: list[str] = []

    def check(where, ours, theirs):
        if ours != theirs:
            diffs.append(f"{where}: {ours!r} != {theirs!r}")

    tables = _of(records, ProjectTable)
    check("table count", len(tables), len(golden_tables))
    for table, gold in zip(tables, golden_tables):
        seq = table.table_seq
        where = f"table #{seq}"
        check(f"{where} seq", seq, gold["seq"])
        check(f"{where} project_code", table.project_code, gold["project_code"])
        check(f"{where} project_name", table.project_name, gold["project_name"])
        check(f"{where} label", table.project_label_raw, gold["project_name_cell_raw"])
        check(f"{where} location", table.source_location, f"line {gold['name_line']}")
        check(f"{where} competent", table.competent_department, gold["competent_dept"])
        check(f"{where} unit", table.implementing_unit, gold["implementing_unit"])
        check(f"{where} unit label", table.implementing_unit_label_raw, gold["implementing_unit_label_raw"])
        for ours, theirs in (("annual_target", "annual_target"), ("target_completion", "target_completion"),
                             ("implementation_summary", "implementation_summary"),
                             ("conclusion", "evaluation_conclusion"), ("problems", "problems"),
                             ("improvements", "improvements"), ("project_lead", "project_leader"),
                             ("finance_lead", "finance_leader")):
            check(f"{where} {ours}", getattr(table, ours), gold[theirs])

        funding = [r for r in _of(records, ProjectFundingRow) if r.table_seq == seq]
        check(f"{where} funding rows", len(funding), len(gold["budget"]))
        for row, g in zip(funding, gold["budget"]):
            w = f"{where} budget {g['funding']}"
            check(f"{w} funding", row.funding, g["funding"])
            check(f"{w} label", row.funding_zh, g["label"])
            check(f"{w} initial", row.initial_budget, _dec(g["initial_budget"]))
            check(f"{w} adjusted", row.adjusted_budget, _dec(g["adjusted_budget"]))
            check(f"{w} executed", row.executed, _dec(g["executed"]))
            check(f"{w} rate", row.execution_rate_pct, _dec(g["execution_rate"]))
            check(f"{w} weight", row.weight, _dec(g["weight"]))
            check(f"{w} score", row.score, _dec(g["score"]))
            check(f"{w} reason", row.reason_raw, g["reason"])
            check(f"{w} boilerplate", row.reason_is_boilerplate, g["reason_is_template_boilerplate"])
            check(f"{w} reason (non-boilerplate)", row.reason,
                  None if g["reason_is_template_boilerplate"] else g["reason"])
            check(f"{w} location", row.source_location, f"line {g['line']}")

        kpis = [r for r in _of(records, ProjectKpiRow) if r.table_seq == seq]
        gold_kpis = [k for k in gold["kpis"] if not k["degenerate"]]
        check(f"{where} KPI count", len(kpis), len(gold_kpis))
        for kpi, g in zip(kpis, gold_kpis):
            w = f"{where} KPI {g['row']}"
            check(f"{w} seq", kpi.seq, g["row"])
            check(f"{w} location", kpi.source_location, f"line {g['line']}")
            check(f"{w} name", kpi.indicator, g["name"])
            check(f"{w} operator_raw", kpi.operator_raw, g["operator"])
            check(f"{w} operator", kpi.operator, OPERATOR_CODES.get(g["operator_norm"]))
            check(f"{w} level1_raw", kpi.level1_raw, g["level1_raw"])
            check(f"{w} level2_raw", kpi.level2_raw, g["level2_raw"])
            check(f"{w} level1", kpi.level1, g["level1"])
            check(f"{w} level2", kpi.level2, g["level2"])
            if not _value_or_text(g["target"], kpi.target_value, kpi.target_text):
                diffs.append(f"{w} target: {kpi.target_value!r}/{kpi.target_text!r} != {g['target']!r}")
            check(f"{w} target text", kpi.target_text, g["target"])
            check(f"{w} measure unit", kpi.measure_unit, g["unit"])
            if not _value_or_text(g["actual"], kpi.actual_value, kpi.actual_text):
                diffs.append(f"{w} actual: {kpi.actual_value!r}/{kpi.actual_text!r} != {g['actual']!r}")
            check(f"{w} actual text", kpi.actual_text, g["actual"])
            check(f"{w} weight", kpi.weight, _dec(g["weight"]))
            check(f"{w} score", kpi.score, _dec(g["score"]))
            check(f"{w} reason", kpi.shortfall_reason, g["reason"])

        totals = [r for r in _of(records, ProjectTotalRow) if r.table_seq == seq]
        check(f"{where} total rows", len(totals), 1)
        if totals:
            total, g = totals[0], gold["total"]
            check(f"{where} total weight", total.total_weight, _dec(g["weight"]))
            check(f"{where} total score", total.total_score, _dec(g["score"]))
            check(f"{where} total labelled", total.labelled, g["label"] is not None)
            check(f"{where} total location", total.source_location, f"line {g['line']}")
    return diffs


@pytest.fixture(scope="module")
def reference_records():
    return extract_project_tables(_read(REPORT))


@pytest.fixture(scope="module")
def golden_tables():
    return json.loads(GOLDEN.read_text(encoding="utf-8"))["project_tables"]


def test_reference_report_matches_golden_cell_by_cell(reference_records, golden_tables):
    diffs = compare_with_golden(reference_records, golden_tables)
    assert diffs == [], f"{len(diffs)} mismatches, first: {diffs[:20]}"


def test_reference_report_counts(reference_records, golden_tables):
    assert len(_of(reference_records, ProjectTable)) == 56
    assert len(_of(reference_records, ProjectFundingRow)) == 56 * 5
    assert len(_of(reference_records, ProjectKpiRow)) == 405
    assert len(_of(reference_records, ProjectTotalRow)) == 56
    assert [t.labelled for t in _of(reference_records, ProjectTotalRow)].count(False) == 1


def test_reference_report_issues_name_every_skipped_row(reference_records, golden_tables):
    """Nothing is lost silently: each empty, degenerate or footnote row of golden.json is an issue."""
    issues = {i.source_location: i for i in _of(reference_records, ExtractionIssue)}
    expected = set()
    for gold in golden_tables:
        expected |= {f"line {line}" for line in gold["empty_kpi_rows_lines"]}
        expected |= {f"line {k['line']}" for k in gold["kpis"] if k["degenerate"]}
        expected |= {f"line {t['line']}" for t in gold["trailing_rows"]}
    assert expected <= set(issues)
    assert issues["line 5744"].severity == "warning"  # the score-only row of #26
    assert "table #26" in issues["line 5744"].message
    assert all(i.severity in ("info", "warning") for i in issues.values())


def test_reference_report_operator_counts(reference_records):
    """Independent count of the 指标性质 cells (golden conventions.counts_check)."""
    from collections import Counter

    counts = Counter(k.operator_raw for k in _of(reference_records, ProjectKpiRow))
    assert counts == Counter({"≥": 119, "＝": 77, "≤": 73, "定性": 70, "＜": 32, "＞": 30, "=": 4})


# --- one fixture per variation -------------------------------------------------------------------------------

VARIATION_NAMES = sorted(p.stem for p in VARIATIONS.glob("*.txt"))


@pytest.mark.parametrize("name", VARIATION_NAMES)
def test_variation_fixture(name):
    records = extract_project_tables(_read(VARIATIONS / f"{name}.txt"))
    expected = json.loads((VARIATIONS / f"{name}.json").read_text(encoding="utf-8"))
    assert [as_jsonable(r) for r in records] == expected


def test_every_variation_has_a_fixture():
    assert set(VARIATION_NAMES) >= {
        "standard", "glued_title", "unlabelled_total", "no_kpi_rows", "degenerate_score_only",
        "empty_and_footnote_rows", "boilerplate_reason", "halfwidth_operators", "no_project_code",
    }


# --- small helpers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("label, code, name", [
    ("51050021T000000029377-考试工作经费", "51050021T000000029377", "考试工作经费"),
    ("51050023T000009526813-代管资金—单位往来资金", "51050023T000009526813", "代管资金—单位往来资金"),
    ("61010024X000000000001-项目-二期", "61010024X000000000001", "项目-二期"),  # split at the FIRST '-'
    ("  51050023T000008236444-企业教师生活补贴（2023）\u3000", "51050023T000008236444", "企业教师生活补贴（2023）"),
    ("考试工作经费", None, "考试工作经费"),
    ("工作经费-二期", None, "工作经费-二期"),  # text before '-' is not a code
])
def test_split_project_label(label, code, name):
    assert split_project_label(label) == (code, name)


@pytest.mark.parametrize("label, code", [
    ("总额", "total"), ("其中：财政资金", "fiscal"), ("其中:财政资金", "fiscal"), ("财政资金", "fiscal"),
    ("财政专户管理资金", "fiscal_special_account"), ("单位资金", "unit_own"), ("其他资金", "other"),
    ("合计", None),
])
def test_funding_code(label, code):
    assert funding_code(label) == code


def test_boilerplate_reason():
    assert is_boilerplate_reason("1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）;")
    assert not is_boilerplate_reason("预算执行率100%")
    assert not is_boilerplate_reason(None)

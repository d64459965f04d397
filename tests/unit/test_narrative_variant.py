"""Runs every narrative extractor on a small, edited report of another department and year
(宜宾市退役军人事务局, 2024 vs 2023) and asserts every expected value beside it in JSON.

The fixture changes names, years, amounts and several printed variations (完成预算的X%, decreases
worded 减少/下降, 与2023年度持平, one-line basic expenditure, 元 amounts, abbreviated lists, OCR junk
with plausible numbers) — nothing may be tied to 泸州 or 2023.
"""
import json
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
from pipelines.extract.narrative_records import GlossaryEntry, GpbItem, ProjectSummary, SpecialEvaluationIndicator, UnitRecord
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
def expected():
    return json.loads((FIXTURES / "variant_department.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def records():
    text = (FIXTURES / "variant_department.txt").read_text(encoding="utf-8")
    document = read_text("variant", "variant_department.txt", text)
    return [r for extractor in EXTRACTORS for r in extractor(document)]


def _key(family, subject, measure, seq):
    return (family, subject, measure, seq)


def test_every_expected_figure_and_nothing_else(records, expected):
    figures = [r for r in records if isinstance(r, Figure)]
    by_key: dict = {}
    for f in figures:
        by_key.setdefault(_key(f.family, f.subject, f.measure, f.seq), []).append(f)
    expected_keys = [_key(e["family"], e["subject"], e["measure"], e.get("seq")) for e in expected["figures"]]
    assert sorted(by_key, key=str) == sorted(expected_keys, key=str)
    for e in expected["figures"]:
        [f] = by_key[_key(e["family"], e["subject"], e["measure"], e.get("seq"))]
        label = f"{e['family']}/{e['subject']}/{e['measure']}"
        assert f.fiscal_year == expected["fiscal_year"], label
        if "value" in e:
            assert f.value == Decimal(e["value"]), label
        if "text" in e:
            assert f.text_value == e["text"], label
        if "compared_year" in e:
            assert f.compared_year == e["compared_year"], label
        if "unit" in e:
            assert f.unit == e["unit"], label
        if "subject_zh" in e:
            assert f.subject_zh == e["subject_zh"], label
        if "line" in e:
            assert f.source_location == f"line {e['line']}", label


def test_gpb_items(records, expected):
    items = sorted((r for r in records if isinstance(r, GpbItem)), key=lambda r: r.seq)
    assert [
        dict(seq=i.seq, class_name=i.class_name, class_name_normalized=i.class_name_normalized, kuan_name=i.kuan_name,
             xiang_name=i.xiang_name, amount=str(i.amount), completion_pct=str(i.completion_pct),
             variance_text=i.variance_text, variance_kind=i.variance_kind, line=int(i.source_location.split()[1]))
        for i in items
    ] == expected["gpb_items"]
    assert all(i.fiscal_year == expected["fiscal_year"] for i in items)


def test_units(records, expected):
    units = sorted((r for r in records if isinstance(r, UnitRecord)), key=lambda r: r.seq)
    assert [
        dict(seq=u.seq, unit_name=u.unit_name, unit_category=u.unit_category,
             is_department_itself=u.is_department_itself, line=int(u.source_location.split()[1]))
        for u in units
    ] == expected["units"]


def test_absent_sections_give_nothing(records, expected):
    assert [r for r in records if isinstance(r, GlossaryEntry)] == expected["glossary"]
    assert [r for r in records if isinstance(r, ProjectSummary)] == expected["project_summaries"]
    assert [r for r in records if isinstance(r, SpecialEvaluationIndicator)] == expected["special_evaluation_indicators"]
    assert [r for r in records if isinstance(r, ExtractionIssue)] == []

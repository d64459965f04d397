"""Layouts are data: the profiles, the statement catalogue and the vocabularies under pipelines/layouts.

A new title alias or header word is a data change — shown here by adding one to a copy of the data and
reading a document that uses it, with no Python change.
"""
import shutil
from pathlib import Path

import pytest
import yaml

from pipelines.documents.text_reader import read_text
from pipelines.extract.context import ExtractionContext
from pipelines.extract.registry import EXTRACTORS
from pipelines.extract.statements import StatementCell, StatementRecord, extract_statements
from pipelines.layouts import LAYOUTS_DIR, LayoutDataError, load_profiles, load_statements, profile_by_id, vocabulary

# A department that titles its summary statement 收支情况总表 and heads its amount columns 实际数.
VARIANT = """上海市某区测试局2024年度部门决算
收支情况总表
单位：万元
\t收入
\t支出

\t项目
\t实际数
\t项目
\t实际数

\t一、一般公共预算财政拨款收入
\t100.00
\t一、一般公共服务支出
\t90.00

\t本年收入合计
\t100.00
\t本年支出合计
\t90.00
"""


def _read(profile) -> list:
    document = read_text("variant", "variant.txt", VARIANT)
    return extract_statements(ExtractionContext(document, profile, 2024, "上海市某区测试局"))


def test_every_profile_names_known_extractors_and_statements():
    profiles = load_profiles()
    assert {p.id for p in profiles} >= {"national_final_2024", "national_legacy", "sichuan_final_2023", "generic_final"}
    for profile in profiles:
        assert [e for e in profile.extractors if e not in EXTRACTORS] == [], profile.source
        assert set(profile.required_statements) <= {s.code for s in profile.statements}


def test_figure_rules_name_columns_the_header_vocabulary_can_produce():
    for code, statement in load_statements().items():
        producible = set(statement.template_columns)
        for rule in statement.figures:
            assert rule.column in producible, (code, rule.column)


def test_one_vocabulary_for_income_sources_and_three_public_components():
    assert vocabulary("income_sources").key_of("八、其他收入") == "other"
    assert vocabulary("income_sources").key_of("一般公共预算财政拨款收入") == "general_public_budget"
    components = vocabulary("three_public_components")
    assert components.key_of("因公出国（境）费") == components.key_of("因公出国(境)经费") == "outbound_travel"
    assert components.parents["vehicle_operation"] == "vehicle_purchase_and_operation"


def test_a_label_naming_two_keys_is_rejected(tmp_path):
    shutil.copytree(LAYOUTS_DIR, tmp_path / "layouts", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = tmp_path / "layouts" / "vocab" / "income_sources.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["entries"][-1]["labels"].append("事业收入")  # already the label of 'business'
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    from pipelines.layouts import load_vocabularies

    with pytest.raises(LayoutDataError, match="事业收入"):
        load_vocabularies(tmp_path / "layouts")


def test_a_new_title_alias_and_header_word_need_no_code_change(tmp_path):
    national = profile_by_id("national_final_2024")
    before = _read(national)
    statement = next(r for r in before if isinstance(r, StatementRecord))
    assert statement.statement is None and statement.statement_title == "收支情况总表"  # kept, unrecognised

    layouts = tmp_path / "layouts"
    shutil.copytree(LAYOUTS_DIR, layouts, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = layouts / "statements.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    summary = next(s for s in data["statements"] if s["code"] == "income_expenditure_summary")
    summary["titles"].append("收支情况总表")
    summary["columns"]["measure"]["实际数"] = "amount"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    after = _read(profile_by_id("national_final_2024", layouts))
    statement = next(r for r in after if isinstance(r, StatementRecord))
    assert (statement.statement, statement.column_keys) == ("income_expenditure_summary", "income_amount | expenditure_amount")
    cells = {(c.row_label, c.column_key): c.raw_text for c in after if isinstance(c, StatementCell)}
    assert cells == {("一般公共预算财政拨款收入", "income_amount"): "100.00",
                     ("一般公共服务支出", "expenditure_amount"): "90.00",
                     ("本年收入合计", "income_amount"): "100.00", ("本年支出合计", "expenditure_amount"): "90.00"}


def test_malformed_layout_data_names_the_file(tmp_path):
    layouts = tmp_path / "layouts"
    shutil.copytree(LAYOUTS_DIR, layouts, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = layouts / "statements.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["statements"][0]["row_codes"] = "roman"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LayoutDataError, match=r"statements.yml: statement income_expenditure_summary: row_codes"):
        load_statements(Path(layouts))

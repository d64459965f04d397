"""Functional classification seed and the printed-name matcher, against the reference report."""
import csv
import json
import re
from pathlib import Path

import pytest

from pipelines.classification.function_codes import (
    SEED_PATH,
    FunctionMatch,
    load_function_classification,
    match_function,
    normalise_name,
)

GOLDEN = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "golden" / "golden.json").read_text(encoding="utf-8"))
ITEMS = GOLDEN["final_accounts"]["general_public_budget"]["items"]
GLOSSARY_ITEMS = [entry for entry in GOLDEN["glossary"]["entries"] if "（项）" in entry["term"]]

# Item seq -> expected 项 code for the 28 类/款/项 items of the reference report.
EXPECTED_ITEM_CODES = {
    1: "2013299", 2: "2050302", 3: "2050303",
    4: "2080101", 5: "2080102", 6: "2080104", 7: "2080105", 8: "2080107", 9: "2080109",
    10: "2080110", 11: "2080111", 12: "2080150", 13: "2080199",
    14: "2080501", 15: "2080502", 16: "2080505", 17: "2080506", 18: "2080599",
    19: "2080712", 20: "2080799", 21: "2089999",
    22: "2101101", 23: "2101102", 24: "2101103", 25: "2101199",
    26: "2150805", 27: "2210201", 28: "2210203",
}


def test_seed_rows_are_consistent():
    with open(SEED_PATH, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["function_code", "level", "name", "parent_code", "edition", "verified_by"]
    codes = {row["function_code"] for row in rows}
    assert len(codes) == len(rows)
    for row in rows:
        assert {"class": 3, "kuan": 5, "xiang": 7}[row["level"]] == len(row["function_code"])
        # 2023: the rows written from the 2023 book; other years: rows taken from documents of that year (seed docs)
        assert row["edition"] in ("2017", "2018", "2019", "2023", "2024", "2025", "2026")
        if row["level"] == "class":
            assert row["parent_code"] == ""
        else:
            assert row["parent_code"] == row["function_code"][:-2] and row["parent_code"] in codes


def test_seed_covers_all_classes_201_to_234_in_use():
    classes = {entry.function_code for entry in load_function_classification() if entry.level == "class"}
    assert classes == {str(code) for code in range(201, 235)} - {"218", "225", "226", "228"}


@pytest.mark.parametrize(
    "code, level, name, parent",
    [
        ("208", "class", "社会保障和就业支出", None),
        ("20801", "kuan", "人力资源和社会保障管理事务", "208"),
        ("2080101", "xiang", "行政运行", "20801"),
        ("20503", "kuan", "职业教育", "205"),
        ("2050302", "xiang", "中等职业教育", "20503"),
        ("2050303", "xiang", "技校教育", "20503"),
        ("2013299", "xiang", "其他组织事务支出", "20132"),
        ("21508", "kuan", "支持中小企业发展和管理支出", "215"),
        ("2150805", "xiang", "中小企业发展专项", "21508"),
        ("2210203", "xiang", "购房补贴", "22102"),
        ("20103", "kuan", "政府办公厅（室）及相关机构事务", "201"),
    ],
)
def test_spot_checked_codes(code, level, name, parent):
    entry = {e.function_code: e for e in load_function_classification()}[code]
    assert (entry.level, entry.name, entry.parent_code) == (level, name, parent)


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: f"item{item['seq']}")
def test_every_reference_item_matches_its_code(item):
    match = match_function(item["class_raw"], item["kuan"], item["xiang"])
    code = EXPECTED_ITEM_CODES[item["seq"]]
    assert match.function_code == code and match.level == "xiang"
    assert match.matched_names == (item["class"], *match.matched_names[1:])
    # The 类 and 款 prefixes of the code are the matched class and kuan.
    entries = {e.function_code: e for e in load_function_classification()}
    assert entries[code[:3]].name == item["class"] == match.matched_names[0]
    assert entries[code[:5]].name == match.matched_names[1]
    assert entries[code].name == match.matched_names[2]


def test_item_methods_and_class_without_zhichu():
    by_seq = {item["seq"]: match_function(item["class_raw"], item["kuan"], item["xiang"]) for item in ITEMS}
    methods = {seq: match.method for seq, match in by_seq.items()}
    # Items 1 and 4-21 print the class without 支出; the other nine print it in full.
    assert sorted(seq for seq, method in methods.items() if method == "class_suffix") == [1, *range(4, 22)]
    assert sorted(seq for seq, method in methods.items() if method == "exact") == [2, 3, *range(22, 29)]
    assert by_seq[1].note == "class '一般公共服务' printed without 支出; matched '一般公共服务支出'"
    assert by_seq[2].note is None


def test_glossary_typos_are_corrected_by_similarity():
    # Glossary entry 26 prints 培训 for 培养; entry 33 prints 支出 for 支持.
    training = match_function("社会保障和就业支出", "就业补助", "高技能人才培训补助")
    assert (training.function_code, training.method) == ("2080712", "similarity")
    assert training.matched_names[-1] == "高技能人才培养补助"
    assert training.note == "xiang '高技能人才培训补助' read as '高技能人才培养补助' (similarity 0.89, typo in the report)"
    sme = match_function("资源勘探工业信息等支出", "支出中小企业发展和管理支出", "中小企业发展专项")
    assert (sme.function_code, sme.method) == ("2150805", "similarity")
    assert sme.matched_names[1] == "支持中小企业发展和管理支出"


def test_all_glossary_entries_match_the_same_codes_as_the_items():
    glossary_codes = []
    for entry in GLOSSARY_ITEMS:
        class_name, kuan, xiang = re.match(r"(.+?)（类）(.+?)（款）(.+?)（项）", entry["term"]).groups()
        glossary_codes.append(match_function(class_name, kuan, xiang).function_code)
    # 27 glossary entries = the 28 items less item 18 (其他行政事业单位养老支出 has no entry).
    expected = [EXPECTED_ITEM_CODES.get(seq) for seq in range(1, 29) if seq != 18]
    assert glossary_codes == expected


def test_full_width_and_spaces_are_normalised():
    match = match_function("社会保障和就业 ", "人力资源和社会保障管理事务", "行政运行\u3000")
    assert (match.function_code, match.method) == ("2080101", "class_suffix")
    bracket = match_function("一般公共服务支出", "政府办公厅(室)及相关机构事务", "行政运行")
    assert (bracket.function_code, bracket.method) == ("2010301", "normalised")
    assert normalise_name("政府办公厅（室） 及相关机构事务") == "政府办公厅(室)及相关机构事务"


def test_partial_levels():
    assert match_function("教育支出") == FunctionMatch("205", "class", ("教育支出",), "exact", None)
    kuan = match_function("社会保障和就业", "就业补助")
    assert (kuan.function_code, kuan.level) == ("20807", "kuan")


@pytest.mark.parametrize(
    "names, failing",
    [
        (("社会保障和就业支出", "人力资源和社会保障管理事务", "年终奖金发放"), "xiang '年终奖金发放' not found"),
        # One substitution in a 6-character name is ambiguous (中等/高等/初等职业教育): no guess.
        (("教育支出", "职业教育", "高等职业教肓"), "xiang '高等职业教肓' not found"),
        (("行政单位医疗", "行政事业单位医疗", "行政单位医疗"), "class '行政单位医疗' not found"),
        (("卫生健康支出", "人力资源和社会保障管理事务", "行政运行"), "kuan '人力资源和社会保障管理事务' not found"),
    ],
)
def test_unknown_names_give_none_with_a_note(names, failing):
    match = match_function(*names)
    assert match.function_code is None and match.level is None and match.method is None
    assert failing in match.note

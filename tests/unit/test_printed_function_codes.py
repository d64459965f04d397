"""scripts/printed_function_codes.py: codes read off statement text, and every code printed in the fixtures is in the seed."""
from pathlib import Path

import pytest

from scripts.printed_function_codes import (
    PrintedCode,
    code_on_line,
    load_seed,
    missing_codes,
    name_differences,
    name_status,
    printed_codes,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STATEMENT_PAGES = sorted((FIXTURES / "printed_codes").glob("*.pages.txt"))
# every text fixture but the one that prints a made-up code on purpose (a printed code outside the seed must
# load with a warning: tests/e2e/test_statement_marts.py)
OUTSIDE_SEED_ON_PURPOSE = FIXTURES / "national_tables" / "printed_code_outside_seed.txt"
POISON = FIXTURES / "poison"  # documents built to break the pipeline, one with a made-up code
ALL_TEXTS = sorted(p for p in FIXTURES.rglob("*.txt") if p != OUTSIDE_SEED_ON_PURPOSE and POISON not in p.parents)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("201   06   01   行政运行           1,511.90     1,511.89", ("2010601", "行政运行")),
        ("208             社会保障和就业支出        326.72       326.72", ("208", "社会保障和就业支出")),
        ("2013901   行政运行              51.32     51.32", ("2013901", "行政运行")),
        ("20139     社会工作事务            264.87    264.87", ("20139", "社会工作事务")),
        (" 2013999               202.24            202.24", ("2013999", "")),  # name wrapped onto other lines
        ("20799", ("20799", "")),
        ("2017 年部门预算", None),           # a year
        ("2391.92 万元，与上年相比减少", None),  # an amount
        ("  24169.74   15844.04", None),
        ("200        三、国防支出", None),      # 200 is no class
        ("            2080505   基本养老保险", None),  # too far in: not the code column
    ],
)
def test_code_on_line(line, expected):
    assert code_on_line(line) == expected


def test_wrapped_names_are_read_from_the_lines_around():
    # S01 p.8 and S03 p.9 (shared samples): the name wraps below, or above and below, an empty code line.
    below = "208   05   05                   160.75       160.75\n                机关事业单位基本养老保险\n                缴费支出\n"
    around = "          机关事业单位基本养老保险缴费\n2080505                      6.18      6.18\n          支出\n"
    for text in (below, around):
        (printed,) = printed_codes(text)
        assert printed.code == "2080505"
        assert "机关事业单位基本养老保险缴费支出" in printed.name_candidates()


def test_form_feeds_and_cells_one_per_line():
    # pdftotext ends pages with a form feed; the pipeline's docx/txt renditions put one cell per line.
    assert [p.code for p in printed_codes("header\n\f201   06        财政事务   1.00\n")] == ["20106"]
    cells = "\t科目名称\n\n\t2010601\n\t行政运行\n\t800,000.00\n\n\t合计\n\t203\n\t个\n"
    assert [(p.code, p.printed_name) for p in printed_codes(cells)] == [("2010601", "行政运行")]


def test_s01_codes_hand_listed():
    # The 19 codes of S01's 收入决算表 / 支出决算表 / 一般公共预算财政拨款支出决算表, read off the PDF.
    s01 = (FIXTURES / "printed_codes" / "S01_putuo_czj_2024_final_GOOD.pages.txt").read_text(encoding="utf-8")
    assert {p.code for p in printed_codes(s01)} == {
        "201", "20106", "2010601", "2010602", "2010607", "2010608",
        "208", "20805", "2080501", "2080505", "2080506", "2080599",
        "210", "21011", "2101101", "221", "22102", "2210201", "2210203",
    }


@pytest.mark.parametrize("path", ALL_TEXTS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_printed_code_is_in_the_seed(path):
    found = printed_codes(path.read_text(encoding="utf-8"))
    assert [(p.code, p.line_no) for p in missing_codes(found, load_seed())] == []


@pytest.mark.parametrize("path", STATEMENT_PAGES, ids=lambda p: p.name)
def test_every_printed_name_is_the_seed_name_or_a_former_one(path):
    found = printed_codes(path.read_text(encoding="utf-8"))
    assert found, "fixture pages print codes"
    assert [(p.code, p.printed_name, p.line_no) for p in name_differences(found, load_seed())] == []


def test_former_names_are_told_apart():
    # 江苏省人民检察院 2019 budget prints 20805 with the name it had before 行政事业单位养老支出.
    seed = load_seed()
    assert name_status(PrintedCode("20805", 1, "行政事业单位离退休"), seed) == "former"
    assert name_status(PrintedCode("20805", 1, "行政事业单位养老支出"), seed) == "name"
    assert name_status(PrintedCode("20805", 1, "养老"), seed) == "other"
    assert name_status(PrintedCode("2099999", 1, "某某"), seed) is None

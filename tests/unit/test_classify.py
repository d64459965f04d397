"""Document kind, department, year and region come from the document itself."""
import pytest

from pipelines.documents.classify import BUDGET, FINAL_ACCOUNTS, UNKNOWN, profile, region_of
from pipelines.documents.text_reader import read_text
from tests.conftest import FIXTURES, REFERENCE_TXT


def _profile(text: str):
    return profile(read_text("id", "f.txt", text))


def test_reference_report_profile():
    p = _profile(REFERENCE_TXT.read_text(encoding="utf-8"))
    assert (p.doc_kind, p.department_name, p.fiscal_year, p.region, p.admin_level, p.problem) == (
        FINAL_ACCOUNTS, "泸州市人力资源和社会保障局", 2023, "泸州市", "municipal", None)


def test_variant_department_profile():
    p = _profile((FIXTURES / "variant_department.txt").read_text(encoding="utf-8"))
    assert (p.doc_kind, p.department_name, p.fiscal_year, p.region) == (FINAL_ACCOUNTS, "宜宾市退役军人事务局", 2024, "宜宾市")


def test_budget_is_not_a_final_account():
    p = _profile((FIXTURES / "quarantine" / "budget_2024.txt").read_text(encoding="utf-8"))
    assert p.doc_kind == BUDGET and p.problem == "a budget (预算) disclosure, not a final-accounts (决算) report"


def test_unknown_layout():
    p = _profile("会议纪要\n今天开会讨论了三件事。")
    assert p.doc_kind == UNKNOWN and p.problem.startswith("unknown layout")


def test_placeholder_department_is_reported_not_loaded():
    text = ("第二部分 2024年度部门决算情况说明\n纳入上海市普陀区XX局2024年度部门决算编制范围的单位包括：\n"
            "2024年度收入决算情况说明\n决算数据见决算总表。")
    p = _profile(text)
    assert p.department_name == "上海市普陀区XX局"
    assert p.problem == "placeholder department name '上海市普陀区XX局': the template was not filled in"


@pytest.mark.parametrize("name, region, level", [
    ("泸州市人力资源和社会保障局", "泸州市", "municipal"),
    ("上海市普陀区财政局", "上海市普陀区", "county"),
    ("江苏省人民检察院", "江苏省", "provincial"),
    ("泸州市城市管理局", "泸州市", "municipal"),
    ("中共上海市普陀区委社会工作部", "上海市普陀区", "county"),
])
def test_region_of(name, region, level):
    assert region_of(name) == (region, level)

"""Real reports the extractors were not written for (上海市普陀区, national nine-table template, PDF):
they load into the same marts with the figures read off the documents by hand
(tests/fixtures/peer/putuo_2024.expected.json and the peer samples' README)."""
from decimal import Decimal

import duckdb
import pytest

from pipelines.documents.identify import document_id
from tests.conftest import FIXTURES

WAN = Decimal(10000)
S01 = document_id((FIXTURES / "peer" / "S01_putuo_czj_2024_final_GOOD.pdf").read_bytes())
S03 = document_id((FIXTURES / "peer" / "S03_putuo_shgzb_2024_final.pdf").read_bytes())
S04 = document_id((FIXTURES / "peer" / "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf").read_bytes())


@pytest.fixture(scope="module")
def warehouse(other_formats_warehouse):
    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


def totals(con, doc: str) -> dict:
    return dict(con.execute("select measure, amount_yuan from marts.fct_totals where document_id = ? and basis = 'reported'",
                            [doc]).fetchall())


def test_documents_load_under_their_own_department(warehouse):
    got = {d: r for d, *r in warehouse.execute(
        "select document_id, status, department_name, fiscal_year from marts.dim_document "
        "where document_id in (?, ?, ?)", [S01, S03, S04]).fetchall()}
    assert got[S01] == ["loaded", "上海市普陀区财政局", 2024]
    assert got[S03] == ["loaded", "中共上海市普陀区委社会工作部", 2024]
    assert got[S04][0] == "loaded" and got[S04][1] == "上海市普陀区财政局"
    regions = dict(warehouse.execute("select department_name, region from marts.dim_department").fetchall())
    assert regions["上海市普陀区财政局"] == regions["中共上海市普陀区委社会工作部"] == "上海市普陀区"


def test_s01_statement_figures(warehouse):
    t = totals(warehouse, S01)
    assert t["income_total"] == Decimal("2946.25") * WAN
    assert t["expenditure_total"] == Decimal("2940.05") * WAN
    assert t["carry_over_start"] == Decimal("49.14") * WAN
    assert t["carry_over_end"] == Decimal("55.34") * WAN
    assert t["fiscal_appropriation_income"] == Decimal("2940.05") * WAN
    types = dict(warehouse.execute("select expenditure_type, amount_yuan from marts.fct_expenditure_by_type "
                                   "where document_id = ?", [S01]).fetchall())
    assert (types["basic"], types["project"]) == (Decimal("2336.91") * WAN, Decimal("603.14") * WAN)
    income = dict(warehouse.execute("select source, amount_yuan from marts.fct_income_by_source where document_id = ?",
                                    [S01]).fetchall())
    assert income["other"] == Decimal("6.20") * WAN


def test_s03_new_unit_balances(warehouse):
    t = totals(warehouse, S03)
    assert t["income_total"] == t["expenditure_total"] == Decimal("307.82") * WAN


def test_printed_codes_are_kept_and_known(warehouse):
    codes = warehouse.execute("""
        select count(*), count(c.function_code) from marts.fct_expenditure_by_function f
        left join marts.dim_function_class c using (function_code)
        where f.document_id = ? and f.level = 'xiang'""", [S01]).fetchone()
    assert codes[0] > 0 and codes[0] == codes[1]


def test_placeholder_department_name_is_reported(warehouse):
    issues = [m for (m,) in warehouse.execute(
        "select message from marts.fct_extraction_issue where document_id = ? and severity = 'error'", [S04]).fetchall()]
    assert any("placeholder department name '上海市普陀区XX局'" in m for m in issues)

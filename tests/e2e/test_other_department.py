"""A report of another department and year (tests/fixtures/variant_department.txt, same template) loads
into the same marts under its own department, year and units: nothing is tied to 泸州 or 2023."""
import json
from decimal import Decimal

import duckdb
import pytest

from pipelines.documents.identify import document_id
from tests.conftest import FIXTURES

VARIANT = FIXTURES / "variant_department.txt"
VARIANT_ID = document_id(VARIANT.read_bytes())
EXPECTED = json.loads((FIXTURES / "variant_department.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def warehouse(other_formats_warehouse):
    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


def test_its_own_department_and_year(warehouse):
    doc = warehouse.execute("select status, department_name, fiscal_year, department_id from marts.dim_document "
                            "where document_id = ?", [VARIANT_ID]).fetchone()
    assert doc[:3] == ("loaded", "宜宾市退役军人事务局", 2024)
    departments = dict(warehouse.execute("select department_name, region from marts.dim_department").fetchall())
    assert departments["宜宾市退役军人事务局"] == "宜宾市"
    assert departments["泸州市人力资源和社会保障局"] == "泸州市"
    years = dict(warehouse.execute("select fiscal_year, has_report from marts.dim_year").fetchall())
    assert years[2024] is True and years[2023] is True


def test_its_totals_and_prior_year(warehouse):
    totals = {(m, y): (a, b) for m, y, a, b in warehouse.execute(
        "select measure, fiscal_year, amount_yuan, basis from marts.fct_totals where document_id = ?", [VARIANT_ID]).fetchall()}
    income = next(f for f in EXPECTED["figures"] if f["family"] == "totals" and f["subject"] == "general_public_budget_expenditure"
                  and f["measure"] == "amount")
    change = next(f for f in EXPECTED["figures"] if f["family"] == "totals" and f["subject"] == "general_public_budget_expenditure"
                  and f["measure"] == "change")
    assert totals[("general_public_budget_expenditure", 2024)] == (Decimal(income["value"]) * 10000, "reported")
    assert totals[("general_public_budget_expenditure", 2023)] == ((Decimal(income["value"]) - Decimal(change["value"])) * 10000, "derived")


def test_its_units(warehouse):
    units = {r[0] for r in warehouse.execute(
        "select u.unit_name from marts.dim_unit u join marts.dim_department d using (department_id) "
        "where d.department_name = '宜宾市退役军人事务局' and not u.is_department_itself").fetchall()}
    assert units == {u["unit_name"] for u in EXPECTED["units"] if not u.get("is_department_itself")}

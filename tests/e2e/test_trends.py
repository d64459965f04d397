"""Multi-year: the same department's next report (the reference moved to 2024) next to its 2023 report.
Projects keep their ids across years; trend marts line the years up and flag disagreements."""
from decimal import Decimal

import duckdb
import pytest

from pipelines.documents.identify import document_id
from tests.conftest import REFERENCE_TXT, year_shifted_reference

SHIFTED_ID = document_id(year_shifted_reference().encode("utf-8"))
WAN = Decimal(10000)


@pytest.fixture(scope="module")
def warehouse(other_formats_warehouse):
    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


def test_projects_keep_their_ids_across_years_and_formats(warehouse):
    # 56 projects printed in three documents of 2023 (docx, pdf) and 2024 (the shifted text)
    assert warehouse.execute("select count(distinct document_id), count(distinct project_id) "
                             "from marts.fct_project_budget").fetchone() == (3, 56)
    dims = warehouse.execute("select count(*), min(first_fiscal_year), max(last_fiscal_year), min(document_count) "
                             "from marts.dim_project").fetchone()
    assert dims == (56, 2023, 2024, 3)
    assert warehouse.execute("select project_id from marts.dim_project where project_code = '51050021T000000029377'"
                             ).fetchone() == ("proj_" + __import__("hashlib").md5(b"51050021T000000029377").hexdigest()[:16],)


def test_totals_trend_prefers_reported_and_flags_derived_disagreement(warehouse):
    rows = {y: r for y, *r in warehouse.execute("""
        select t.fiscal_year, t.amount_yuan, t.basis, t.prior_year_amount_yuan, t.derived_amount_yuan, t.derived_disagrees
        from marts.mart_totals_trend t join marts.dim_department d using (department_id)
        where d.department_name = '泸州市人力资源和社会保障局' and t.measure = 'income_total' order by 1""").fetchall()}
    assert sorted(rows) == [2022, 2023, 2024]
    assert rows[2022][:2] == [Decimal("14803.53") * WAN, "derived"]
    # 2023: its own report says 15,157.48; the 2024 report's "增加353.95" implies 14,803.53 — flagged
    assert rows[2023] == [Decimal("15157.48") * WAN, "reported", Decimal("14803.53") * WAN,
                          Decimal("14803.53") * WAN, True]
    assert rows[2024][:3] == [Decimal("15157.48") * WAN, "reported", Decimal("15157.48") * WAN]


def test_function_trend_lines_items_up_by_national_code(warehouse):
    got = warehouse.execute("""
        select fiscal_year, amount_yuan, prior_year_amount_yuan, growth_pct
        from marts.mart_function_trend t join marts.dim_department d using (department_id)
        where d.department_name = '泸州市人力资源和社会保障局' and function_code = '2080101' order by 1""").fetchall()
    assert [r[0] for r in got] == [2023, 2024]
    assert got[1][2] == got[0][1] and got[1][3] == Decimal("0.0000")


def test_reference_document_id_differs_from_the_shifted_one():
    assert document_id(REFERENCE_TXT.read_bytes()) != SHIFTED_ID

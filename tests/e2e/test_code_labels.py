"""Every code in the marts has its Chinese label (the `_zh` column beside it), on the warehouse of every shared
sample: the national statements' marts are empty for the reference report alone."""
import pytest

pytestmark = pytest.mark.e2e

LABELS = {"fct_totals": "measure_zh", "mart_totals_trend": "measure_zh", "fct_three_public": "component_zh",
          "fct_procurement": "category_zh", "fct_staffing": "category_zh", "fct_fiscal_summary": "fund_zh",
          "fct_basic_expenditure_by_economic_class": "category_zh"}


@pytest.fixture(scope="module")
def every_sample(other_formats_warehouse):
    """The warehouse of every shared sample: the national statements' marts are empty for the reference."""
    import duckdb

    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("table, column", sorted(LABELS.items()))
def test_every_code_has_its_chinese_label(every_sample, table, column):
    assert every_sample.execute(f"select count(*) from marts.{table}").fetchone()[0] > 0
    assert every_sample.execute(f"select count(*) from marts.{table} where {column} is null").fetchone() == (0,)

"""One report, three renditions (text, DOCX, PDF): the same warehouse facts, only locations differ."""
import duckdb
import pytest

from tests.conftest import FIXTURES
from pipelines.documents.identify import document_id

TXT_ID = document_id((FIXTURES / "luzhou_hrss_2023.txt").read_bytes())
FORMAT_IDS = {fmt: document_id((FIXTURES / f"luzhou_hrss_2023.{fmt}").read_bytes()) for fmt in ("docx", "pdf")}

# Fact columns compared (provenance columns — document_id, source_location, source_text — may differ).
FACTS = {
    "fct_totals": ("measure, fiscal_year", "amount_yuan, change_amount_yuan, growth_pct, budget_completion_pct"),
    "fct_income_by_source": ("source", "amount_yuan, share_pct"),
    "fct_expenditure_by_type": ("expenditure_type", "amount_yuan, share_pct"),
    "fct_expenditure_by_function": ("level, seq", "function_code, class_name, kuan_name, xiang_name, amount_yuan, budget_completion_pct"),
    "fct_three_public": ("component", "amount_yuan, budget_completion_pct, growth_pct, groups, persons, batches"),
    "fct_procurement": ("category", "amount_yuan, share_pct"),
    "fct_staffing": ("category", "authorized, in_service"),
    "fct_project_budget": ("project_id, funding", "initial_budget_yuan, adjusted_budget_yuan, executed_yuan, execution_rate_pct, score"),
    "fct_project_kpi": ("project_id, seq", "indicator, operator, target_value, actual_value, weight, score"),
    "fct_project_score": ("project_id", "total_weight, total_score"),
    "fct_department_kpi": ("seq", "indicator, operator, target_value, actual_value, weight_pct"),
    "fct_identity_check": ("rule_id, subject", "lhs, rhs, status"),
}


def facts(con, table: str, document: str) -> list[tuple]:
    key, columns = FACTS[table]
    return con.execute(f"select {key}, {columns} from marts.{table} where document_id = ? order by {key}",
                       [document]).fetchall()


@pytest.fixture(scope="module")
def formats(other_formats_warehouse):
    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


def test_docx_and_pdf_are_loaded(formats):
    got = dict(formats.execute("select file_format, status from marts.dim_document where document_id in (?, ?)",
                               list(FORMAT_IDS.values())).fetchall())
    assert got == {"docx": "loaded", "pdf": "loaded"}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("table", sorted(FACTS))
def test_same_facts_as_the_text_rendition(marts, formats, fmt, table):
    expected = facts(marts, table, TXT_ID)
    assert expected, f"no {table} rows from the text rendition"
    assert facts(formats, table, FORMAT_IDS[fmt]) == expected


@pytest.mark.parametrize("fmt, location_prefix", [("docx", "paragraph "), ("pdf", "page ")])
def test_provenance_names_the_rendition_location(formats, fmt, location_prefix):
    location, = formats.execute("select source_location from marts.fct_income_by_source where document_id = ? limit 1",
                                [FORMAT_IDS[fmt]]).fetchone()
    assert location.startswith(location_prefix)

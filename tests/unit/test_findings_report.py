"""The findings report (pipelines/reports) on a tiny warehouse written here: no Dagster, no dbt.

The reference numbers are the report's own (社会保障和就业支出 printed 11,504.89万元 on line 79, its items
adding up to 12,690.41万元 — tests/fixtures/golden/expected_violations.json, A18), stored as the warehouse
stores them: yuan."""
import hashlib
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from pipelines.identities.registry import load_rules
from pipelines.reports import page_name, write_findings_report
from pipelines.reports.__main__ import main
from pipelines.reports.catalogue import load, rule_title
from pipelines.reports.numbers import Measure, format_amount, format_decimal
from tests.support.dom import parse

LOADED = hashlib.sha256(b"reference").hexdigest()
QUARANTINED = hashlib.sha256(b"budget").hexdigest()
WITHDRAWN = hashlib.sha256(b"gone").hexdigest()
NAMELESS = hashlib.sha256(b"nameless").hexdigest()
MARKUP = '<script>alert("x")</script>'
EVIL_FILE = "evil<img src=x onerror=alert(1)>.txt"
BUDGET_REASON = "a budget (预算) disclosure, not a final-accounts (决算) report"
LINE_79 = ("2023年度一般公共预算财政拨款支出14,969.05万元，主要用于以下方面:社会保障和就业支出11,504.89万元，"
           "占76.9%；")

SCHEMA = """
create schema marts; create schema raw;
create table marts.dim_document (document_id varchar, source_file varchar, source_files varchar, file_format varchar,
  doc_kind varchar, department_name varchar, fiscal_year integer, status varchar, quarantine_reason varchar,
  layout_profile varchar, ingested_at timestamptz);
create table marts.fct_identity_check (document_id varchar, rule_id varchar, rule_description varchar, family varchar,
  relation varchar, subject varchar, lhs decimal(24,4), rhs decimal(24,4), difference decimal(24,4),
  tolerance decimal(24,6), status varchar, severity varchar, detail varchar, source_location varchar,
  source_text varchar, related_location varchar);
create table marts.fct_extraction_issue (document_id varchar, extractor varchar, severity varchar, message varchar,
  source_location varchar, source_text varchar);
create table marts.fct_statement (document_id varchar, statement_seq integer, statement varchar,
  statement_title varchar, occurrence integer, printed_unit varchar, is_empty boolean, note varchar,
  data_rows integer, value_cells integer, printed_cells integer, source_location varchar);
create table marts.fct_figure (document_id varchar, family varchar, subject varchar, subject_zh varchar,
  measure varchar, printed_value decimal(28,8), printed_unit varchar, printed_decimals integer,
  amount_yuan decimal(20,2), pct decimal(9,4), raw_text varchar, parse_error varchar, source_location varchar,
  source_text varchar);
create table marts.fct_statement_cell (document_id varchar, statement varchar, statement_title varchar,
  row_label varchar, column_label varchar, raw_text varchar, printed_value decimal(28,8), amount_yuan decimal(20,2),
  printed_unit varchar, printed_decimals integer, parse_error varchar, source_location varchar, source_text varchar);
create table raw.source_text (document_id varchar, block_seq integer, row_seq integer, col_seq integer,
  kind varchar, source_location varchar, text varchar);
"""


def _insert(con, table: str, rows: list[tuple]) -> None:
    if rows:
        con.executemany(f"insert into {table} values ({', '.join('?' * len(rows[0]))})", rows)


def _document(document_id, source_files, department, year, status, reason=None, file_format="txt"):
    return (document_id, source_files.split("; ")[0], source_files, file_format, "final_accounts", department, year,
            status, reason, "sichuan_final_2023" if status == "loaded" else None,
            datetime(2024, 6, 1, 8, 0, tzinfo=timezone.utc))


def _check(rule_id, subject, lhs, rhs, difference, tolerance, status, severity, location, detail=None,
           family="gpb", relation="sum", description="A18: each 类 amount (§五(二)) = Σ of its 项 items (§五(三))",
           related=None):
    dec = lambda v: None if v is None else Decimal(v)  # noqa: E731
    return (LOADED, rule_id, description, family, relation, subject, dec(lhs), dec(rhs), dec(difference),
            dec(tolerance), status, severity, detail, location, None, related)


def reference_rows() -> dict[str, list[tuple]]:
    return {
        "marts.dim_document": [
            _document(LOADED, "luzhou_hrss_2023.txt; copy_of_the_same_report.txt", "泸州市人力资源和社会保障局",
                      2023, "loaded"),
            _document(QUARANTINED, EVIL_FILE, None, 2024, "quarantined", BUDGET_REASON),
            _document(WITHDRAWN, "removed.txt", "泸州市人力资源和社会保障局", 2022, "withdrawn", "file no longer in raw/"),
            _document(NAMELESS, "nameless.pdf", None, None, "loaded", file_format="pdf"),
        ],
        "marts.fct_identity_check": [
            _check("gpb_class_items_sum", "社会保障和就业支出", "126904100", "115048900", "11855200", "12650",
                   "violation", "warning", "line 79"),
            _check("x_unknown_rule", MARKUP, "3", "4", "-1", "0", "violation", "error", "line 80",
                   detail="a & b <b>bold</b>", family="no_such_family", description="Σ <parts> = total & more"),
            _check("gpb_classes_sum", "gpb_by_class", None, None, None, None, "insufficient_data", "warning",
                   "line 79", detail="a term or the total is missing"),
            _check("gpb_class_share", "教育支出", "11.7", "11.7", "0", "0.05", "exact", "info", "line 79"),
        ],
        "marts.fct_extraction_issue": [
            (LOADED, "project_tables", "info", "empty row in the KPI block skipped", "line 5258", " |  | "),
            (LOADED, "statements.template", "error", f"placeholder department name {MARKUP!r} printed", "line 3",
             MARKUP),
            (LOADED, "statements.template", "error", "required statement 支出决算表 (expenditure) not found", None, None),
        ],
        "marts.fct_statement": [
            (LOADED, 1, "income_expenditure_summary", "收入支出决算总表", 1, "万元", False, None, 30, 42, 12,
             "page 7 table 1"),
            (LOADED, 7, "government_fund", "政府性基金预算财政拨款收入支出决算表", 1, "万元", True,
             "注：本单位无政府性基金预算财政拨款支出，故本表无数据。", 1, 6, 0, "page 16 table 1"),
        ],
        "marts.fct_figure": [
            (LOADED, "gpb_by_class", "社会保障和就业支出", "社会保障和就业支出", "amount", Decimal("11504.89"), "万元", 2,
             Decimal("115048900.00"), None, "11,504.89万元", None, "line 79", LINE_79),
            (LOADED, "gpb_by_class", "社会保障和就业支出", "社会保障和就业支出", "share", Decimal("76.9"), "%", 1,
             None, Decimal("76.9"), "76.9%", None, "line 79", LINE_79),
        ],
        "marts.fct_statement_cell": [
            (LOADED, "gpb_expenditure", "一般公共预算财政拨款支出决算表", "机关事业单位基本养老保险缴费支出", "合计",
             "1O0,000.00", None, None, "元", None, "not an amount: '1O0,000.00'", "page 3 table 1 row 2 col 3",
             "1O0,000.00"),
        ],
        "raw.source_text": [
            (LOADED, 51, None, None, "paragraph", "line 79", LINE_79),
            (LOADED, 52, None, None, "paragraph", "line 80", f"text with {MARKUP} & more"),
            (LOADED, 60, 2, 1, "cell", "page 3 table 1 row 2 col 1", "2080505"),
            (LOADED, 60, 2, 2, "cell", "page 3 table 1 row 2 col 2", "机关事业单位基本养老保险缴费支出"),
            (LOADED, 60, 2, 3, "cell", "page 3 table 1 row 2 col 3", "1O0,000.00"),
        ],
    }


def make_warehouse(path: Path, rows: dict[str, list[tuple]] | None = None, schema: bool = True) -> Path:
    with duckdb.connect(str(path)) as con:
        if schema:
            con.execute(SCHEMA)
        for table, values in (rows or {}).items():
            _insert(con, table, values)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The report of the tiny warehouse, written once: the tests below only read it."""
    root = tmp_path_factory.mktemp("findings")
    warehouse = make_warehouse(root / "w.duckdb", reference_rows())
    return write_findings_report(warehouse, root / "reports").parent


def read_page(report: Path, document_id: str | None = None):
    path = report / "index.html" if document_id is None else report / "documents" / page_name(document_id)
    return parse(path.read_text(encoding="utf-8"))


# ---- numbers ----------------------------------------------------------------------------------------------

def test_amounts_are_shown_in_the_printed_unit_with_their_printed_digits():
    wan2 = Measure("万元", 2)
    assert format_amount(Decimal("115048900.0000"), wan2) == "11,504.89 万元"
    assert format_amount(Decimal("126904100.0000"), wan2) == "12,690.41 万元"
    assert format_amount(Decimal("11855200.0000"), wan2, signed=True) == "+1,185.52 万元"
    assert format_amount(Decimal("-2400.0000"), wan2, signed=True) == "-0.24 万元"
    assert format_amount(Decimal("88840000"), Measure("万元", 1)) == "8,884.0 万元"  # printed 888.4 → 1 digit kept
    # a tolerance keeps every digit it has: half a unit of 0.01 万元 is 0.005 万元, not rounded to 0.01
    assert format_amount(Decimal("12650.000000"), Measure("万元", 0)) == "1.265 万元"
    assert format_amount(Decimal("1094000000.0000"), Measure("亿元", 2)) == "10.94 亿元"
    assert format_amount(Decimal("12345.6700"), Measure("元", 2)) == "12,345.67 元"
    assert format_amount(Decimal("88.7000"), Measure("%", 1)) == "88.7%"
    assert format_amount(Decimal("5.0000"), Measure("辆", 0)) == "5 辆"


def test_numbers_without_a_known_unit_are_shown_as_stored_without_padding():
    assert format_decimal(Decimal("90.0000")) == "90"
    assert format_decimal(Decimal("80.3929")) == "80.3929"
    assert format_decimal(Decimal("4335")) == "4,335"
    assert format_decimal(Decimal("1E+3")) == "1,000"  # never scientific notation
    assert format_decimal(Decimal("-0.0000"), 2) == "0.00"  # never '-0.00'
    assert format_decimal(Decimal("0.1") + Decimal("0.2")) == "0.3"  # exact, as Decimals are


def test_missing_numbers_are_a_dash_and_floats_are_refused():
    assert format_amount(None, Measure("万元", 2)) == "—"
    assert format_decimal(None) == "—"
    with pytest.raises(TypeError):
        format_decimal(0.1)


# ---- the index --------------------------------------------------------------------------------------------

def test_index_lists_every_document_with_its_status_and_counts(report):
    index = read_page(report)
    rows = {r.attrs["id"]: r for r in index.find_all("tr", class_="document")}
    assert set(rows) == {f"doc-{d}" for d in (LOADED, QUARANTINED, WITHDRAWN, NAMELESS)}
    loaded = rows[f"doc-{LOADED}"]
    assert loaded.find("a").attrs["href"] == f"documents/{LOADED}.html"
    assert "luzhou_hrss_2023.txt" in loaded.text and "copy_of_the_same_report.txt" in loaded.text
    cells = {td.attrs["data-label"]: td.text for td in loaded.find_all("td")}
    assert cells["状态 status"] == "已加载 loaded"
    assert cells["不成立·错误 violations · error"] == "1"
    assert cells["不成立·警告 violations · warning"] == "1"
    assert cells["不成立·提示 violations · info"] == "0"
    assert cells["数据不足 insufficient data"] == "1"
    assert cells["提取问题·错误 extraction issues · error"] == "2"
    assert cells["提取问题·提示 extraction issues · info"] == "1"
    assert cells["隔离原因 quarantine reason"] == "—"


def test_a_quarantined_document_is_listed_with_its_reason_and_no_page(report):
    row = read_page(report).find("tr", id=f"doc-{QUARANTINED}")
    cells = {td.attrs["data-label"]: td.text for td in row.find_all("td")}
    assert cells["状态 status"] == "已隔离 quarantined"
    assert cells["隔离原因 quarantine reason"] == BUDGET_REASON
    assert cells["文件 file"] == EVIL_FILE  # its name shown as text, not as markup
    assert cells["部门 department"] == "—"
    assert cells["不成立·警告 violations · warning"] == "—"  # not checked: no count, not zero
    assert not row.find_all("a")
    assert not (report / "documents" / page_name(QUARANTINED)).exists()
    withdrawn = read_page(report).find("tr", id=f"doc-{WITHDRAWN}")
    assert "已撤回 withdrawn" in withdrawn.text and not withdrawn.find_all("a")


def test_a_missing_department_or_year_is_a_dash(report):
    row = read_page(report).find("tr", id=f"doc-{NAMELESS}")
    cells = {td.attrs["data-label"]: td.text for td in row.find_all("td")}
    assert cells["部门 department"] == "—" and cells["年度 year"] == "—"
    assert cells["版式 layout profile"] == "sichuan_final_2023"
    assert cells["不成立·警告 violations · warning"] == "0"  # loaded and checked: nothing found
    page = read_page(report, NAMELESS)
    assert "nameless.pdf" in page.find("h1").text
    assert "所有勾稽关系都成立" in page.find("section", id="violations").text


# ---- a document's page ------------------------------------------------------------------------------------

def test_a_violation_shows_the_rule_both_numbers_in_printed_unit_and_the_source_text(report):
    page = read_page(report, LOADED)
    article = page.find("article", data_rule="gpb_class_items_sum")
    assert "每一类支出的金额应等于其下各项支出之和" in article.text
    assert "Each class of spending should equal the sum of its items" in article.text
    assert article.find("p", class_="subject").text == "对象 subject: 社会保障和就业支出"
    sides = {dd.attrs["data-side"]: dd.text for dd in article.find_all("dd")}
    assert sides == {"lhs": "12,690.41 万元", "rhs": "11,504.89 万元", "difference": "+1,185.52 万元",
                     "tolerance": "±1.265 万元"}
    where = article.find("div", class_="source")
    assert "line 79" in where.text and "社会保障和就业支出11,504.89万元" in where.text
    assert where.find("mark").text == "11,504.89万元"  # the printed figure the finding compares


def test_a_rule_without_a_title_falls_back_to_its_description_and_everything_is_escaped(report):
    html = (report / "documents" / page_name(LOADED)).read_text(encoding="utf-8")
    assert "<script" not in html and "<b>bold" not in html and "<parts>" not in html
    article = parse(html).find("article", data_rule="x_unknown_rule")
    assert "Σ <parts> = total & more" in article.text  # the registry's description, as text
    assert article.find("p", class_="subject").text == f"对象 subject: {MARKUP}"
    assert "a & b <b>bold</b>" in article.find("p", class_="detail").text
    assert f"text with {MARKUP} & more" in article.find("div", class_="source").text
    sides = {dd.attrs["data-side"]: dd.text for dd in article.find_all("dd")}
    assert sides == {"lhs": "3", "rhs": "4", "difference": "-1", "tolerance": "±0"}  # no unit matched
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "<img" not in index and "evil&lt;img src=x onerror=alert(1)&gt;.txt" in index


def test_errors_come_before_warnings(report):
    page = read_page(report, LOADED)
    rules = [a.attrs["data-rule"] for a in page.find("section", id="violations").find_all("article")]
    assert rules == ["x_unknown_rule", "gpb_class_items_sum"]
    issues = [{td.attrs["data-label"]: td.text for td in r.find_all("td")}
              for r in page.find("section", id="issues").find_all("tr")[1:]]
    assert [i["严重程度 severity"] for i in issues] == ["错误 error", "提示 info"]
    assert issues[0]["原文 source text"] == MARKUP and issues[1]["问题 issue"] == "empty row in the KPI block skipped"


def test_insufficient_data_says_what_is_missing_without_empty_numbers(report):
    section = read_page(report, LOADED).find("section", id="insufficient")
    article = section.find("article", data_rule="gpb_classes_sum")
    assert article.find("p", class_="detail").text == "缺少什么 what is missing: a term or the total is missing"
    assert not article.find_all("dl")
    # a check that holds is counted on the page, not listed
    assert not read_page(report, LOADED).find_all("article", data_rule="gpb_class_share")


def test_statement_coverage_names_the_missing_statement_and_the_empty_ones(report):
    section = read_page(report, LOADED).find("section", id="statements")
    assert "required statement 支出决算表 (expenditure) not found" in section.find("li", class_="missing-statement").text
    rows = section.find("table").find_all("tr")[1:]
    cells = [{td.attrs["data-label"]: td.text for td in r.find_all("td")} for r in rows]
    assert cells[0]["数值格 value cells"] == "42" and cells[0]["印有数字的格 cells with a number"] == "12"
    assert cells[0]["空表 empty"] == "否 no" and cells[0]["表下说明 note"] == "—"
    assert cells[1]["空表 empty"] == "是 yes" and "故本表无数据" in cells[1]["表下说明 note"]
    # the missing statement is listed there, not among the other extraction issues
    assert "required statement" not in read_page(report, LOADED).find("section", id="issues").text


def test_figures_that_did_not_parse_are_listed_with_their_table_row(report):
    section = read_page(report, LOADED).find("section", id="unparsed")
    row = section.find("table").find_all("tr")[1]
    cells = {td.attrs["data-label"]: td.text for td in row.find_all("td")}
    assert cells["印出的文字 as printed"] == "1O0,000.00"
    assert cells["原因 reason"] == "not an amount: '1O0,000.00'"
    assert cells["所属 figure of"] == "一般公共预算财政拨款支出决算表 / 机关事业单位基本养老保险缴费支出 / 合计"
    assert cells["原文 source text"] == "2080505 | 机关事业单位基本养老保险缴费支出 | 1O0,000.00"


# ---- files ------------------------------------------------------------------------------------------------

def test_pages_are_named_from_the_document_id():
    assert page_name(LOADED) == f"{LOADED}.html"
    assert page_name("../../etc/passwd") == hashlib.sha256(b"../../etc/passwd").hexdigest() + ".html"


def test_rewriting_is_idempotent_and_removes_pages_of_documents_no_longer_loaded(tmp_path):
    warehouse = make_warehouse(tmp_path / "w.duckdb", reference_rows())
    out = tmp_path / "reports"
    write_findings_report(warehouse, out)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.html")}
    stale = out / "documents" / page_name(hashlib.sha256(b"old").hexdigest())
    stale.write_text("old page")
    other = out / "documents" / "notes.html"
    other.write_text("not ours")
    write_findings_report(warehouse, out)
    assert not stale.exists() and other.exists()
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*.html") if p != other} == first
    with duckdb.connect(str(warehouse)) as con:  # the reference report is withdrawn from raw/
        con.execute("update marts.dim_document set status = 'withdrawn' where document_id = ?", [LOADED])
    write_findings_report(warehouse, out)
    assert not (out / "documents" / page_name(LOADED)).exists()
    assert (out / "documents" / page_name(NAMELESS)).exists()
    assert oct((out / "index.html").stat().st_mode & 0o777) == "0o644"


@pytest.mark.parametrize("schema", [True, False], ids=["empty marts", "no tables at all"])
def test_an_empty_warehouse_gives_an_index_without_documents(tmp_path, schema):
    warehouse = make_warehouse(tmp_path / "w.duckdb", schema=schema)
    index = write_findings_report(warehouse, tmp_path / "reports")
    page = parse(index.read_text(encoding="utf-8"))
    assert "仓库中没有文件" in page.find("p", class_="empty").text
    assert not page.find_all("tr", class_="document")
    assert not list((tmp_path / "reports").glob("documents/*.html"))


def test_a_warehouse_where_every_document_is_quarantined(tmp_path):
    rows = {"marts.dim_document": [_document(QUARANTINED, EVIL_FILE, None, 2024, "quarantined", BUDGET_REASON),
                                   _document(NAMELESS, "empty.txt", None, None, "quarantined", "empty file")]}
    index = write_findings_report(make_warehouse(tmp_path / "w.duckdb", rows), tmp_path / "reports")
    page = parse(index.read_text(encoding="utf-8"))
    reasons = {r.attrs["id"]: r.text for r in page.find_all("tr", class_="document")}
    assert "empty file" in reasons[f"doc-{NAMELESS}"] and BUDGET_REASON in reasons[f"doc-{QUARANTINED}"]
    assert not page.find_all("a", href=f"documents/{page_name(QUARANTINED)}")
    assert not list((tmp_path / "reports").glob("documents/*.html"))


def test_the_cli_writes_the_report_and_refuses_a_missing_warehouse(tmp_path, capsys):
    warehouse = make_warehouse(tmp_path / "w.duckdb", reference_rows())
    assert main([str(warehouse), str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "out" / "index.html")
    assert main([str(tmp_path / "missing.duckdb"), str(tmp_path / "out2")]) == 2
    assert not (tmp_path / "out2").exists()


# ---- the catalogue of plain-language titles ---------------------------------------------------------------

def test_every_family_of_the_registry_has_a_title_and_no_title_names_a_rule_that_does_not_exist():
    rules = load_rules()
    catalogue = load()
    assert {r.family for r in rules} <= set(catalogue["families"])
    assert set(catalogue["rules"]) <= {r.id for r in rules}
    for rule in rules:  # every rule gets a Chinese and an English title, its own or its family's
        title = rule_title(rule.id, rule.family, rule.relation, rule.description)
        assert title.title.zh and title.title.en and title.lhs.zh and title.rhs.en


def test_a_page_is_written_again_only_when_its_documents_rows_changed(tmp_path, monkeypatch):
    from pipelines.reports import render

    warehouse = make_warehouse(tmp_path / "w.duckdb", reference_rows())
    out = tmp_path / "reports"
    rendered: list[str] = []
    document_html = render.document_html
    monkeypatch.setattr(render, "document_html",
                        lambda document, *args: rendered.append(document.document_id) or document_html(document, *args))
    write_findings_report(warehouse, out)
    assert sorted(rendered) == sorted([LOADED, NAMELESS])
    first = (out / "documents" / page_name(LOADED)).read_text(encoding="utf-8")

    rendered.clear()
    write_findings_report(warehouse, out)
    assert rendered == []
    assert (out / "documents" / page_name(LOADED)).read_text(encoding="utf-8") == first

    with duckdb.connect(str(warehouse)) as con:  # one finding of the reference report changes
        con.execute("update marts.fct_identity_check set detail = 'printed again' where document_id = ? "
                    "and rule_id = 'gpb_class_items_sum'", [LOADED])
    write_findings_report(warehouse, out)
    assert rendered == [LOADED]
    assert "printed again" in (out / "documents" / page_name(LOADED)).read_text(encoding="utf-8")

    rendered.clear()
    (out / "documents" / page_name(NAMELESS)).unlink()  # a page deleted by hand is written again
    write_findings_report(warehouse, out)
    assert rendered == [NAMELESS]

"""The example queries of queries/ — the questions analysts ask — each run against the session warehouses and
checked against the hand-verified values: the reference report's golden.json (built_warehouse), the Shanghai
reports typed by hand from their PDFs and the reference report's year-shifted 2024 copy (other_formats_warehouse).

Every query file must be claimed by at least one test here (@answers); a new file without a test fails
test_every_query_has_a_test."""
import csv
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import duckdb
import pytest

from tests.conftest import FIXTURES, REPO
from tests.e2e.test_identity_findings import EXPECTED_PAIRS

QUERIES = REPO / "queries"
PEER = FIXTURES / "peer"
WAN = Decimal(10000)
CENT = Decimal("0.01")
LUZHOU = "泸州市人力资源和社会保障局"
PUTUO_CZJ = "上海市普陀区财政局"
PUTUO_SHGZB = "中共上海市普陀区委社会工作部"
S01, S03, S04 = ("S01_putuo_czj_2024_final_GOOD.pdf", "S03_putuo_shgzb_2024_final.pdf",
                 "S04_putuo_czj_2024_final_SEEDED_ERRORS.pdf")
FINDINGS = json.loads((PEER / "expected_findings.json").read_text(encoding="utf-8"))
PUTUO_EXPECTED = json.loads((PEER / "putuo_2024.expected.json").read_text(encoding="utf-8"))

TESTED: dict[str, list[str]] = {}


def answers(*names: str):
    """Registers the query files a test checks (see test_every_query_has_a_test)."""
    def register(test):
        for name in names:
            TESTED.setdefault(name, []).append(test.__name__)
        return test
    return register


def sql_literal(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def with_params(sql: str, **values) -> str:
    """The query with the values of its `params` CTE replaced (each `<value> as <name>` line, exactly once)."""
    head, opening, rest = sql.partition("with params as (")
    assert opening, "the query has no params CTE"
    body, closing, tail = rest.partition("\n),")
    for name, value in values.items():
        body, count = re.subn(rf"^(\s+).+? as {name}(,?)$",
                              lambda m, v=value, n=name: f"{m.group(1)}{sql_literal(v)} as {n}{m.group(2)}",
                              body, flags=re.M)
        assert count == 1, f"parameter {name} not found once in the params CTE"
    return head + opening + body + closing + tail


def run(con, name: str, **params) -> list[dict]:
    sql = (QUERIES / name).read_text(encoding="utf-8")
    cursor = con.execute(with_params(sql, **params) if params else sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def wan(value: str) -> Decimal:
    """A printed 万元 amount ('1,503.52') as a Decimal."""
    return Decimal(value.replace(",", ""))


def pct(numerator: Decimal, denominator: Decimal) -> Decimal:
    return (100 * numerator / denominator).quantize(CENT, ROUND_HALF_UP)


def expected_cells(document: str) -> dict[tuple[str, str], dict[str, Decimal]]:
    """(statement, printed code) → {column_key: amount in 万元} of the hand-typed statement cells."""
    cells: dict[tuple[str, str], dict[str, Decimal]] = {}
    with (PEER / "expected_cells" / f"{document}.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["row_code"]:
                cells.setdefault((row["statement"], row["row_code"]), {})[row["column_key"]] = wan(row["printed_text"])
    return cells


@pytest.fixture(scope="module")
def warehouse(other_formats_warehouse):
    con = duckdb.connect(str(other_formats_warehouse), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def golden_gpb(golden) -> dict:
    return golden["final_accounts"]["general_public_budget"]


# ---- the folder itself ---------------------------------------------------------------------------------------

def test_every_query_has_a_test():
    files = sorted(p.name for p in QUERIES.glob("*.sql"))
    assert files, "queries/ holds no query"
    assert sorted(TESTED) == files, "a query file without a test (or a test naming a missing file)"


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("*.sql")))
def test_each_query_opens_with_a_chinese_and_english_comment_and_reads_only_marts(name):
    sql = (QUERIES / name).read_text(encoding="utf-8")
    header = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        header.append(line)
    text = "\n".join(header)
    assert re.search(r"[\u4e00-\u9fff]", header[0]) and re.search(r"[A-Za-z]{4,}", header[1]), name
    assert "怎么读 How to read" in text, name
    code = re.sub(r"--.*$", "", sql, flags=re.M)
    ctes = set(re.findall(r"(\w+) as \(", code))
    relations = re.findall(r"\b(?:from|join)\s+([\w.]+)", code)
    outside = [r for r in relations if not r.startswith("marts.") and r not in ctes]
    assert relations and outside == [], f"{name} reads {outside}"


@pytest.mark.parametrize("name", sorted(p.name for p in QUERIES.glob("*.sql")))
def test_each_query_runs_on_both_warehouses(name, marts, warehouse):
    for con in (marts, warehouse):
        run(con, name)


# ---- 01 expenditure by functional class ---------------------------------------------------------------------

@answers("01_expenditure_by_function_class.sql")
def test_expenditure_by_function_class_on_the_reference_report(marts, golden_gpb):
    rows = run(marts, "01_expenditure_by_function_class.sql")
    classes = golden_gpb["by_class"]["classes"]
    total = sum(Decimal(c["amount"]["value"]) for c in classes)
    assert {r["function_name"]: (r["amount_wan"], r["amount_yuan"], r["printed_share_pct"], r["share_pct"],
                                 r["printed_in"], r["all_funds_amount_yuan"]) for r in rows} == {
        c["class"]: (Decimal(c["amount"]["value"]), Decimal(c["amount"]["value"]) * WAN, Decimal(c["share"]["pct"]),
                     pct(Decimal(c["amount"]["value"]), total), "text", None) for c in classes}
    assert {(r["department_name"], r["fiscal_year"]) for r in rows} == {(LUZHOU, 2023)}
    assert [r["function_code"] for r in rows] == sorted(r["function_code"] for r in rows)


@answers("01_expenditure_by_function_class.sql")
def test_expenditure_by_function_class_prefers_the_statement_and_counts_a_department_year_once(warehouse):
    rows = [r for r in run(warehouse, "01_expenditure_by_function_class.sql") if r["department_name"] == PUTUO_CZJ]
    figures = PUTUO_EXPECTED[S01]["figures"]
    all_funds = expected_cells("S01")
    # S04 (the same department and year, not the current report) is not counted a second time
    assert {r["source_file"] for r in rows} == {S01}
    assert {r["function_name"]: (r["amount_wan"], r["printed_in"]) for r in rows} == {
        key.split("/")[1]: (wan(value), "gpb_expenditure") for key, value in figures.items()
        if key.startswith("gpb_by_class/")}
    assert [r["all_funds_amount_wan"] for r in rows] == [
        all_funds[("expenditure", r["function_code"])]["total"] for r in rows]
    # S01's own defect shows: 一般公共服务支出 printed as 71.73 % of the classes, 2,106.66 / 2,940.05 = 71.65 %
    general = next(r for r in rows if r["function_code"] == "201")
    assert (general["printed_share_pct"], general["share_pct"]) == (Decimal("71.73"), Decimal("71.65"))
    luzhou_years = sorted({r["fiscal_year"] for r in run(warehouse, "01_expenditure_by_function_class.sql")
                           if r["department_name"] == LUZHOU})
    assert luzhou_years == [2023, 2024]


# ---- 02 / 03 basic vs project -------------------------------------------------------------------------------

@answers("02_basic_project_by_department.sql")
def test_basic_project_split_on_the_reference_report(marts, golden):
    by_type = {t["type"]: t for t in golden["final_accounts"]["expenditure"]["by_type"]}
    basic, project = (Decimal(by_type[k]["amount"]["value"]) for k in ("基本支出", "项目支出"))
    [row] = run(marts, "02_basic_project_by_department.sql")
    assert row == {
        "department_name": LUZHOU, "fiscal_year": 2023, "basic_wan": basic, "project_wan": project,
        "basic_yuan": basic * WAN, "project_yuan": project * WAN, "project_share_pct": pct(project, basic + project),
        "printed_basic_share_pct": Decimal(by_type["基本支出"]["share"]["pct"]),
        "printed_project_share_pct": Decimal(by_type["项目支出"]["share"]["pct"]),
        "printed_in": "text", "text_and_statement_disagree": None, "source_file": "copy_of_the_same_report.txt"}


@answers("02_basic_project_by_department.sql")
def test_basic_project_split_of_the_shanghai_reports_and_both_luzhou_years(warehouse):
    rows = {(r["department_name"], r["fiscal_year"]): r for r in run(warehouse, "02_basic_project_by_department.sql")}
    for department, document in ((PUTUO_CZJ, S01), (PUTUO_SHGZB, S03)):
        figures = PUTUO_EXPECTED[document]["figures"]
        basic, project = (wan(figures[f"expenditure_by_type/{k}/amount"]) for k in ("basic", "project"))
        row = rows[(department, 2024)]
        assert (row["basic_wan"], row["project_wan"], row["printed_in"], row["text_and_statement_disagree"],
                row["source_file"]) == (basic, project, "expenditure", False, document)
    assert rows[(LUZHOU, 2023)]["basic_wan"] == rows[(LUZHOU, 2024)]["basic_wan"] == Decimal("10006.32")


@answers("03_basic_project_by_function.sql")
@pytest.mark.parametrize("document,department", [("S01", PUTUO_CZJ), ("S03", PUTUO_SHGZB)])
def test_basic_project_split_by_function_is_every_printed_row_of_both_statements(warehouse, document, department):
    rows = [r for r in run(warehouse, "03_basic_project_by_function.sql") if r["department_name"] == department]
    got = {(r["statement"], r["function_code"]): (r["total_wan"], r["basic_wan"], r["project_wan"]) for r in rows}
    want = {key: (cells.get("total"), cells.get("basic"), cells.get("project"))  # a blank cell is NULL, not 0
            for key, cells in expected_cells(document).items() if key[0] in ("expenditure", "gpb_expenditure")}
    assert got == want
    titles = {r["statement"]: r["statement_title"] for r in rows}
    assert titles == {"expenditure": "支出决算表", "gpb_expenditure": "一般公共预算财政拨款支出决算表"}


@answers("03_basic_project_by_function.sql")
def test_basic_project_split_by_function_is_empty_for_a_report_without_statements(marts):
    # the Sichuan five-part reference report prints no 支出决算表: its split by type is query 02
    assert run(marts, "03_basic_project_by_function.sql") == []


# ---- 04 三公 over years ---------------------------------------------------------------------------------------

@answers("04_three_public_over_years.sql")
def test_three_public_over_the_reference_report_and_its_year_shifted_copy(warehouse, golden):
    three = golden["final_accounts"]["three_public"]
    total, change = Decimal(three["total"]["amount"]["value"]), Decimal(three["total"]["change_vs_2022"]["value"])
    parts = {k: Decimal(three[k]["amount"]["value"]) for k in ("abroad", "vehicles", "reception")}
    prior = total - change  # 2022, known only from the 2023 report's "较上年度减少12.32万元"
    rows = {r["fiscal_year"]: r for r in run(warehouse, "04_three_public_over_years.sql")
            if r["department_name"] == LUZHOU}
    assert sorted(rows) == [2022, 2023, 2024]
    assert (rows[2022]["basis"], rows[2022]["total_wan"], rows[2022]["vehicles_wan"]) == ("derived", prior, None)
    for year, previous in ((2023, prior), (2024, total)):
        row = rows[year]
        assert (row["basis"], row["total_wan"], row["outbound_travel_wan"], row["vehicles_wan"],
                row["reception_wan"], row["budget_completion_pct"], row["prior_year_total_wan"],
                row["change_wan"], row["growth_pct"]) == (
            "reported", total, parts["abroad"], parts["vehicles"], parts["reception"],
            Decimal(three["total"]["budget_completion"]["pct"]), previous, total - previous,
            (100 * (total - previous) / previous).quantize(Decimal("0.0001"), ROUND_HALF_UP))
    # the 2024 copy says "减少12.32" again, so its 2023 (34.33) contradicts the 2023 report's own 22.01
    assert (rows[2023]["derived_disagrees"], rows[2023]["reported_in"]) == (True, "luzhou_hrss_2023.docx")


@answers("04_three_public_over_years.sql")
def test_three_public_of_a_report_with_a_budget_and_no_spending(warehouse):
    [row] = [r for r in run(warehouse, "04_three_public_over_years.sql") if r["department_name"] == PUTUO_CZJ]
    budget = wan(PUTUO_EXPECTED[S01]["figures"]["totals/three_public_total/budget"])
    assert (row["total_wan"], row["budget_wan"], row["said_none"], row["reported_in"]) == (0, budget, True, S01)


# ---- 05 projects ----------------------------------------------------------------------------------------------

@answers("05_projects_by_budget_with_score.sql")
def test_projects_by_budget_with_their_self_evaluation_score(marts, golden):
    def expected(table):
        budget = next(b for b in table["budget"] if b["funding"] == "total")
        score = table["total"]["score"]
        return (table["project_code"], table["project_name"], table["implementing_unit"],
                Decimal(budget["initial_budget"]), Decimal(budget["adjusted_budget"]), Decimal(budget["executed"]),
                Decimal(budget["execution_rate"]), None if budget["score"] is None else Decimal(budget["score"]),
                None if score is None else Decimal(score))

    want = sorted((expected(t) for t in golden["project_tables"]), key=lambda e: (-e[4], e[0]))
    rows = run(marts, "05_projects_by_budget_with_score.sql")
    assert [(r["project_code"], r["project_name"], r["implementing_unit"], r["initial_budget_wan"],
             r["adjusted_budget_wan"], r["executed_wan"], r["execution_rate_pct"], r["budget_execution_score"],
             r["self_evaluation_score"]) for r in rows] == want
    assert rows[0]["adjusted_budget_yuan"] == Decimal("2656.37") * WAN
    # the tables whose printed total is not the sum of its parts (expected_violations.json P-13, P-33 ROUND)
    wrong = {r["project_code"]: r["score_difference"] for r in rows if r["score_difference"]}
    codes = {t["seq"]: t["project_code"] for t in golden["project_tables"]}
    assert wrong == {codes[13]: Decimal(10), codes[33]: Decimal("-0.05")}


# ---- 06 every finding of one report --------------------------------------------------------------------------

FINDINGS_QUERY = "06_findings_of_one_report.sql"


@answers(FINDINGS_QUERY)
def test_every_finding_of_the_reference_report(marts):
    rows = run(marts, FINDINGS_QUERY, source_file="luzhou_hrss_2023.txt")
    assert {(r["department_name"], r["fiscal_year"]) for r in rows} == {(LUZHOU, 2023)}
    checks = {(r["lhs"], r["rhs"]) for r in rows if r["finding_kind"] == "identity_check"}
    assert [pair for pair in EXPECTED_PAIRS.values() if pair not in checks] == []
    # golden.json: table #26's KPI block holds one degenerate row (score 90, no indicator) at line 5744
    assert any(r["finding_kind"] == "extraction_issue" and r["severity"] == "warning"
               and r["source_location"] == "line 5744" and "51050023T000008762151" in r["description"] for r in rows)
    order = {"error": 1, "warning": 2, "info": 3}
    assert [order[r["severity"]] for r in rows] == sorted(order[r["severity"]] for r in rows)
    # the same report chosen by its other file name, or by department and year
    assert run(marts, FINDINGS_QUERY, source_file="copy_of_the_same_report.txt") == rows
    assert run(marts, FINDINGS_QUERY, source_file=None, department_name=LUZHOU, fiscal_year=2023) == rows


@answers(FINDINGS_QUERY)
def test_the_finding_of_a_quarantined_file_is_its_reason(marts):
    [row] = run(marts, FINDINGS_QUERY, source_file="budget_2024.txt")
    assert (row["finding_kind"], row["severity"], row["rule"]) == ("quarantine", "error", "quarantined")
    assert "预算" in row["description"]


@answers(FINDINGS_QUERY)
def test_every_error_injected_into_s04_is_among_its_findings(warehouse):
    rows = run(warehouse, FINDINGS_QUERY, source_file=S04)
    violations = {(r["rule"], r["subject"], r["severity"]) for r in rows if r["finding_kind"] == "identity_check"}
    issues = [(r["severity"], r["description"]) for r in rows if r["finding_kind"] == "extraction_issue"]
    for injected in FINDINGS[S04]["injected"]:
        if "violation" in injected:
            assert tuple(injected["violation"]) in violations, injected["what"]
        if "issue" in injected:
            severity, start = injected["issue"]
            assert any(s == severity and m.startswith(start) for s, m in issues), injected["what"]
        if "absent_violation" in injected:
            assert tuple(injected["absent_violation"]) not in {v[:2] for v in violations}, injected["what"]


@answers(FINDINGS_QUERY)
def test_the_findings_of_a_department_year_are_those_of_its_current_report(warehouse):
    rows = run(warehouse, FINDINGS_QUERY, source_file=None, department_name=PUTUO_CZJ, fiscal_year=2024)
    assert {r["source_file"] for r in rows} == {S01}
    assert {(r["rule"], r["subject"], r["severity"]) for r in rows if r["finding_kind"] == "identity_check"} == {
        tuple(v) for v in FINDINGS[S01]["violations"]}
    assert [r for r in rows if r["severity"] == "error"] == []


# ---- 07 prior-year figures that disagree ---------------------------------------------------------------------

@answers("07_prior_year_disagreements.sql")
def test_prior_year_figures_of_the_year_shifted_copy_disagree_with_the_2023_report(warehouse, golden):
    accounts = golden["final_accounts"]

    def printed(*path):
        node = accounts
        for key in path:
            node = node[key]
        return Decimal(node["value"])

    # measure → (2023 as printed by the 2023 report, the change the 2024 copy prints against 2023)
    cases = {
        "income_total": (printed("totals", "income_total"), printed("totals", "income_change_vs_2022")),
        "expenditure_total": (printed("totals", "expenditure_total"), printed("totals", "expenditure_change_vs_2022")),
        "fiscal_appropriation_income": (printed("fiscal_appropriation", "income"),
                                        printed("fiscal_appropriation", "income_change_vs_2022")),
        "fiscal_appropriation_expenditure": (printed("fiscal_appropriation", "expenditure"),
                                             printed("fiscal_appropriation", "expenditure_change_vs_2022")),
        "general_public_budget_expenditure": (printed("general_public_budget", "total"),
                                              printed("general_public_budget", "change_vs_2022")),
        "organ_operating_expenses": (printed("organ_operating_expenses", "amount"),
                                     printed("organ_operating_expenses", "change_vs_2022")),
        "three_public_total": (printed("three_public", "total", "amount"),
                               printed("three_public", "total", "change_vs_2022")),
    }
    rows = [r for r in run(warehouse, "07_prior_year_disagreements.sql") if r["department_name"] == LUZHOU]
    assert {r["measure"]: (r["fiscal_year"], r["reported_wan"], r["derived_wan"], r["difference_wan"],
                           r["derived_disagrees"], r["reported_in"], r["derived_from"]) for r in rows} == {
        measure: (2023, amount, amount - change, change, True, "luzhou_hrss_2023.docx",
                  "luzhou_hrss_2024_year_shifted.txt") for measure, (amount, change) in cases.items()}
    assert all(r["derivation"].startswith("amount 2024 − change vs 2023") for r in rows)


@answers("07_prior_year_disagreements.sql")
def test_two_reports_of_one_department_year_printing_different_totals(warehouse):
    rows = {r["measure"]: r for r in run(warehouse, "07_prior_year_disagreements.sql")
            if r["department_name"] == PUTUO_CZJ}
    # S04 prints 收入支出总计 0 where S01 prints 2,995.39 (injected error 3); S01 prints 财政拨款收入支出总计
    # 0.3 where S04 prints 2,961.68 (S01's own defect, corrected in S04)
    assert {m: (r["reported_versions_disagree"], r["versions"]) for m, r in rows.items()} == {
        "income_expenditure_grand_total": (True, f"{S01}: 2995.39; {S04}: 0.00"),
        "fiscal_income_expenditure_grand_total": (True, f"{S01}: 0.30; {S04}: 2961.68")}


# ---- 08 functional class growth ------------------------------------------------------------------------------

@answers("08_function_class_growth.sql")
def test_function_class_growth_over_the_reference_report_and_its_year_shifted_copy(warehouse, golden_gpb):
    classes = {c["class"]: Decimal(c["amount"]["value"]) for c in golden_gpb["by_class"]["classes"]}
    total = sum(classes.values())
    rows = [r for r in run(warehouse, "08_function_class_growth.sql") if r["department_name"] == LUZHOU]
    assert {(r["function_name"], r["fiscal_year"]): (r["amount_wan"], r["prior_year_wan"], r["change_wan"],
                                                     r["growth_pct"], r["share_pct"], r["share_change_pp"])
            for r in rows} == {
        (name, year): (amount, *((None,) * 3 if year == 2023 else (amount, 0, 0)), pct(amount, total),
                       None if year == 2023 else 0)
        for name, amount in classes.items() for year in (2023, 2024)}
    assert [r["source_file"] for r in rows if r["fiscal_year"] == 2024] == ["luzhou_hrss_2024_year_shifted.txt"] * 6


# ---- 09 text against statements -----------------------------------------------------------------------------

@answers("09_text_vs_statements.sql")
def test_where_the_text_and_the_statements_disagree(warehouse):
    rows = run(warehouse, "09_text_vs_statements.sql")

    def of(document):
        return {(r["rule"], r["subject"], r["severity"]) for r in rows if r["source_file"] == document}

    kinds = ("text_", "variance_word")
    assert of(S01) == {tuple(v) for v in FINDINGS[S01]["violations"] if v[0].startswith(kinds)}
    assert of(S04) == {tuple(i["violation"]) for i in FINDINGS[S04]["injected"]
                       if "violation" in i and i["violation"][0].startswith(kinds)}
    assert of(S03) == set()
    # S01's 财政拨款收入支出总计: 0.3 万元 in the text, 2,961.68 万元 in 财政拨款收入支出决算总表
    [s01] = [r for r in rows if r["source_file"] == S01]
    assert (s01["lhs"], s01["rhs"]) == (Decimal("0.3") * WAN, Decimal("2961.68") * WAN)
    assert s01["text_location"] and s01["statement_location"]


# ---- 10 empty statements -------------------------------------------------------------------------------------

@answers("10_empty_statements.sql")
def test_statements_printed_empty(warehouse):
    rows = run(warehouse, "10_empty_statements.sql")
    # tests/fixtures/peer/expected_cells/README.md: every empty statement of the three reports; S04's 三公
    # statement was emptied without a note while its text still gives 年初预算 0.95 (injected error 9)
    assert {(r["source_file"], r["statement"], r["note"] is None, r["text_contradictions"]) for r in rows} == {
        (S01, "government_fund", False, 0), (S01, "state_capital", False, 0),
        (S03, "three_public", False, 0), (S03, "government_fund", False, 0), (S03, "state_capital", False, 0),
        (S04, "three_public", True, 1), (S04, "government_fund", False, 0), (S04, "state_capital", False, 0)}
    assert (rows[0]["source_file"], rows[0]["statement"], rows[0]["contradicting_subjects"]) == (
        S04, "three_public", "totals/three_public_total/budget vs three_public")


# ---- 11 items furthest from budget ---------------------------------------------------------------------------

@answers("11_items_furthest_from_budget.sql")
def test_items_furthest_from_budget_on_the_reference_report(marts, golden_gpb):
    items = golden_gpb["items"]
    rows = run(marts, "11_items_furthest_from_budget.sql")
    assert len(rows) == len(items) == 28
    by_rate = sorted(items, key=lambda i: Decimal(i["budget_completion"]["pct"]))
    assert [r["name_as_printed"] for r in rows[:5]] == [i["xiang"] for i in by_rate[:5]]
    got = {(r["name_as_printed"], r["amount_wan"], r["completion_pct"]): r for r in rows}
    for item in items:
        amount, rate = Decimal(item["amount"]["value"]), Decimal(item["budget_completion"]["pct"])
        row = got[(item["xiang"], amount, rate)]
        budget = amount * WAN * 100 / rate  # the budget the printed completion rate implies
        assert row["budget_basis"] == "derived" and abs(row["budget_yuan"] - budget) < CENT
        assert row["unspent_wan"] == ((budget - amount * WAN) / WAN).quantize(CENT, ROUND_HALF_UP)


@answers("11_items_furthest_from_budget.sql")
def test_items_with_a_printed_budget(warehouse):
    rows = {r["name_as_printed"]: r for r in run(warehouse, "11_items_furthest_from_budget.sql")
            if r["source_file"] == S01}
    printed: dict[str, dict[str, Decimal]] = {}
    with (PEER / "expected_narrative" / "S01.csv").open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            if line["section"] == "五(三)" and "(项)" in line["subject"] and line["kind"] in ("budget", "amount"):
                printed.setdefault(line["subject"].split("(项)")[0], {})[line["kind"]] = Decimal(line["value"])
    assert {name: (r["amount_wan"], r["budget_wan"], r["budget_basis"], r["unspent_wan"])
            for name, r in rows.items()} == {
        name: (v["amount"], v["budget"], "reported", v["budget"] - v["amount"]) for name, v in printed.items()}
    assert next(iter(rows)) == "行政运行"  # 1,511.89 of 1,560.05: the lowest completion of S01 (96.91 %)


# ---- 12 documents overview -----------------------------------------------------------------------------------

@answers("12_documents_overview.sql")
def test_documents_overview_of_the_reference_run(marts):
    rows = {r["source_file"]: r for r in run(marts, "12_documents_overview.sql")}
    assert {f: r["status"] for f, r in rows.items()} == {
        "copy_of_the_same_report.txt": "loaded", "empty.txt": "quarantined", "binary.bin": "quarantined",
        "truncated.pdf": "quarantined", "budget_2024.txt": "quarantined"}
    reference = rows["copy_of_the_same_report.txt"]
    assert reference["source_files"] == "copy_of_the_same_report.txt; luzhou_hrss_2023.txt"
    findings = run(marts, FINDINGS_QUERY, source_file="luzhou_hrss_2023.txt")
    for kind, prefix in (("identity_check", "violations"), ("extraction_issue", "issues")):
        for severity in ("error", "warning", "info"):
            assert reference[f"{prefix}_{severity}"] == sum(
                1 for f in findings if f["finding_kind"] == kind and f["severity"] == severity)


@answers("12_documents_overview.sql")
def test_documents_overview_counts_the_hand_verified_findings(warehouse):
    rows = {r["source_file"]: r for r in run(warehouse, "12_documents_overview.sql")}
    for document in (S01, S03):
        want = [v[2] for v in FINDINGS[document]["violations"]]
        assert (rows[document]["violations_error"], rows[document]["violations_warning"],
                rows[document]["violations_info"], rows[document]["issues_error"]) == (
            want.count("error"), want.count("warning"), want.count("info"), 0)
    injected_errors = [i for i in FINDINGS[S04]["injected"] if "issue" in i and i["issue"][0] == "error"]
    assert rows[S04]["issues_error"] == len(injected_errors)
    assert (rows[S01]["is_current"], rows[S04]["is_current"]) == (True, False)
    assert all(r["quarantine_reason"] for r in rows.values() if r["status"] == "quarantined")

"""The narrative marts, built by the real pipeline, against the hand-checked golden values."""
from decimal import Decimal

import pytest

WAN = Decimal(10000)
INCOME = {"一般公共预算财政拨款收入": "general_public_budget", "政府性基金预算财政拨款收入": "government_fund",
          "国有资本经营预算财政拨款收入": "state_capital", "上级补助收入": "superior_subsidy", "事业收入": "business",
          "经营收入": "operating", "附属单位上缴收入": "subsidiary_remittance", "其他收入": "other"}
EXPENSE = {"基本支出": "basic", "项目支出": "project", "上缴上级支出": "remittance_to_superior",
           "经营支出": "operating", "对附属单位补助支出": "subsidy_to_subsidiaries"}


def yuan(value: str) -> Decimal:
    return Decimal(value) * WAN


def rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def test_income_by_source_all_eight_sources(marts, golden):
    got = {r["source"]: r for r in rows(marts, "select * from marts.fct_income_by_source")}
    want = golden["final_accounts"]["income"]["by_source"]
    assert set(got) == {INCOME[w["source"]] for w in want}
    for w in want:
        r = got[INCOME[w["source"]]]
        assert r["amount_yuan"] == yuan(w["amount"]["value"]), w["source"]
        assert r["share_pct"] == Decimal(w["share"]["pct"]), w["source"]
        assert r["source_name_zh"] == w["source"]
        assert r["source_location"] == "line 57"


def test_zero_amounts_are_zero_not_null(marts):
    zero = rows(marts, "select source, amount_yuan from marts.fct_income_by_source where source = 'government_fund'")
    assert zero == [{"source": "government_fund", "amount_yuan": Decimal("0.00")}]


def test_ocr_junk_is_never_a_figure(marts):
    """183.69 (OCR of the pie chart, line 60) must not appear anywhere; 188.69 is the business income."""
    junk = marts.execute("select count(*) from marts.fct_figure where printed_value = 183.69 or source_location = 'line 60'").fetchone()
    assert junk == (0,)
    assert marts.execute("select amount_yuan from marts.fct_income_by_source where source = 'business'").fetchone() == (Decimal("1886900.00"),)


def test_expenditure_by_type_all_five_types(marts, golden):
    got = {r["expenditure_type"]: r for r in rows(marts, "select * from marts.fct_expenditure_by_type")}
    want = golden["final_accounts"]["expenditure"]["by_type"]
    assert set(got) == {EXPENSE[w["type"]] for w in want}
    for w in want:
        r = got[EXPENSE[w["type"]]]
        assert (r["amount_yuan"], r["share_pct"]) == (yuan(w["amount"]["value"]), Decimal(w["share"]["pct"]))


def test_totals_reported_and_derived_prior_year(marts, golden):
    fa = golden["final_accounts"]
    t, fapp = fa["totals"], fa["fiscal_appropriation"]
    got = {(r["measure"], r["fiscal_year"]): r for r in rows(marts, "select * from marts.fct_totals")}
    reported = {
        "income_total": t["income_total"], "expenditure_total": t["expenditure_total"],
        "fiscal_appropriation_income": fapp["income"], "fiscal_appropriation_expenditure": fapp["expenditure"],
        "general_public_budget_expenditure": fa["general_public_budget"]["total"],
        "gpb_basic_expenditure": fa["basic_expenditure"]["total"],
        "gpb_personnel": fa["basic_expenditure"]["personnel"], "gpb_public": fa["basic_expenditure"]["public_use"],
        "three_public_total": fa["three_public"]["total"]["amount"],
        "organ_operating_expenses": fa["organ_operating_expenses"]["amount"],
        "procurement_total": fa["procurement"]["total"],
    }
    for measure, value in reported.items():
        row = got[(measure, 2023)]
        assert row["amount_yuan"] == yuan(value["value"]), measure
        assert row["basis"] == "reported"
    changes = {
        "income_total": t["income_change_vs_2022"], "expenditure_total": t["expenditure_change_vs_2022"],
        "fiscal_appropriation_income": fapp["income_change_vs_2022"],
        "fiscal_appropriation_expenditure": fapp["expenditure_change_vs_2022"],
        "three_public_total": fa["three_public"]["total"]["change_vs_2022"],
        "organ_operating_expenses": fa["organ_operating_expenses"]["change_vs_2022"],
    }
    for measure, change in changes.items():
        prior = got[(measure, 2022)]
        assert prior["basis"] == "derived" and prior["derivation"]
        assert prior["amount_yuan"] == yuan(reported[measure]["value"]) - yuan(change["value"]), measure
    # 三公 decreased: the printed word 减少 makes the change negative.
    assert got[("three_public_total", 2023)]["change_amount_yuan"] == -yuan("12.32")
    assert got[("three_public_total", 2023)]["growth_pct"] == Decimal("-35.9")


def test_government_fund_and_state_capital_are_printed_zeros(marts):
    got = dict(marts.execute("select measure, amount_yuan from marts.fct_totals where measure in "
                             "('government_fund_expenditure', 'state_capital_expenditure')").fetchall())
    assert got == {"government_fund_expenditure": Decimal("0.00"), "state_capital_expenditure": Decimal("0.00")}


def test_expenditure_by_function_items_and_classes(marts, golden):
    gpb = golden["final_accounts"]["general_public_budget"]
    items = {(r["kuan_name"], r["xiang_name"]): r for r in rows(
        marts, "select * from marts.fct_expenditure_by_function where level = 'xiang'")}
    assert len(items) == len(gpb["items"]) == 28
    for it in gpb["items"]:
        r = items[(it["kuan"], it["xiang"])]
        assert r["amount_yuan"] == yuan(it["amount"]["value"]), it["seq"]
        assert r["budget_completion_pct"] == Decimal(it["budget_completion"]["pct"]), it["seq"]
        assert r["function_code"] is not None and len(r["function_code"]) == 7, it["seq"]
        assert r["source_location"] == f"line {it['line']}"
    classes = {r["class_name"]: r for r in rows(marts, "select * from marts.fct_expenditure_by_function where level = 'class'")}
    for c in gpb["by_class"]["classes"]:
        assert classes[c["class"]]["amount_yuan"] == yuan(c["amount"]["value"])
        assert classes[c["class"]]["function_code"] is not None and len(classes[c["class"]]["function_code"]) == 3


def test_item_codes_belong_to_their_class(marts):
    """Each item's 7-digit code starts with the 3-digit code of the class it is printed under."""
    mismatched = marts.execute("""
        select i.seq, i.function_code, c.function_code
        from marts.fct_expenditure_by_function i
        join marts.fct_expenditure_by_function c on c.level = 'class' and c.class_name = i.class_name
        where i.level = 'xiang' and left(i.function_code, 3) <> c.function_code
    """).fetchall()
    assert mismatched == []


def test_three_public_components(marts, golden):
    three = golden["final_accounts"]["three_public"]
    got = {r["component"]: r for r in rows(marts, "select * from marts.fct_three_public")}
    assert got["total"]["amount_yuan"] == yuan(three["total"]["amount"]["value"])
    assert got["total"]["budget_completion_pct"] == Decimal(three["total"]["budget_completion"]["pct"])
    assert got["outbound_travel"]["amount_yuan"] == yuan(three["abroad"]["amount"]["value"])
    assert (got["outbound_travel"]["groups"], got["outbound_travel"]["persons"]) == (Decimal(1), Decimal(1))
    assert got["vehicle_purchase_and_operation"]["amount_yuan"] == yuan(three["vehicles"]["amount"]["value"])
    assert got["vehicle_operation"]["amount_yuan"] == yuan(three["vehicles"]["operation"]["amount"]["value"])
    assert got["vehicle_purchase"]["printed_unit"] == "元" and got["vehicle_purchase"]["amount_yuan"] == 0
    assert got["official_reception"]["amount_yuan"] == yuan(three["reception"]["amount"]["value"])
    assert (got["official_reception"]["batches"], got["official_reception"]["persons"]) == (Decimal(45), Decimal(498))
    assert got["vehicle_purchase_and_operation"]["growth_pct"] == Decimal("-49.6")


def test_procurement(marts, golden):
    p = golden["final_accounts"]["procurement"]
    got = {r["category"]: r for r in rows(marts, "select * from marts.fct_procurement")}
    for category, key in [("total", "total"), ("goods", "goods"), ("works", "works"), ("services", "services"),
                          ("sme", "sme_contract"), ("small_micro", "small_micro_contract")]:
        assert got[category]["amount_yuan"] == yuan(p[key]["value"]), category
    assert got["small_micro"]["share_pct"] == Decimal("37.2")


def test_units_and_staffing(marts, golden):
    units = {r["unit_name"]: r for r in rows(marts, "select * from marts.dim_unit")}
    for u in golden["units"]["list"]:
        assert units[u["name"]]["unit_category"] == u["category"]
        assert units[u["name"]]["is_department_itself"] is False
    itself = [r for r in units.values() if r["is_department_itself"]]
    assert [r["unit_name"] for r in itself] == [golden["department"]["name"]]
    staffing = {r["category"]: (r["authorized"], r["in_service"]) for r in rows(marts, "select * from marts.fct_staffing")}
    assert staffing["total"] == (Decimal(255), Decimal(223))
    assert staffing["administrative"] == (Decimal(55), Decimal(49))


def test_performance_scores(marts):
    scores = {r[0] for r in marts.execute("select score from marts.fct_performance_evaluation").fetchall()}
    assert {Decimal("81.66"), Decimal("98.6"), Decimal("97.6"), Decimal("99.99")} <= scores


def test_glossary_has_every_entry(marts, golden):
    got = rows(marts, "select seq_printed, term from marts.dim_glossary order by seq")
    assert len(got) == len(golden["glossary"]["entries"]) == 40


def test_dimensions_come_from_the_document(marts, golden):
    dept = rows(marts, "select * from marts.dim_department")
    assert [(d["department_name"], d["region"]) for d in dept] == [(golden["department"]["name"], "泸州市")]
    years = dict(marts.execute("select fiscal_year, has_report from marts.dim_year").fetchall())
    assert years == {2023: True, 2022: False}


@pytest.mark.parametrize("table", ["fct_totals", "fct_income_by_source", "fct_expenditure_by_type",
                                   "fct_expenditure_by_function", "fct_three_public", "fct_procurement",
                                   "fct_staffing", "fct_figure"])
def test_every_fact_traces_to_its_source_text(marts, table):
    missing = marts.execute(f"""
        select count(*) from marts.{table}
        where document_id is null or source_location is null or source_text is null
    """).fetchone()[0]
    assert missing == 0
    # the source text is the very sentence at that location in the document
    mismatched = marts.execute(f"""
        select count(*) from marts.{table} f
        join staging.stg_source_text t using (document_id, source_location)
        where t.source_text <> f.source_text
    """).fetchone()[0]
    assert mismatched == 0


def test_money_is_decimal(marts):
    types = dict(marts.execute("""
        select table_name || '.' || column_name, data_type from information_schema.columns
        where table_schema = 'marts' and column_name like '%_yuan'
    """).fetchall())
    assert types and all(t == "DECIMAL(20,2)" for t in types.values()), types

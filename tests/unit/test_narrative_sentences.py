"""Sentence-family unit tests with the printed variations of the catalogue (small synthetic texts)."""
from decimal import Decimal

from pipelines.documents.text_reader import read_text
from pipelines.extract.annex_summaries import extract_project_summaries, extract_special_evaluations
from pipelines.extract.basic_expenditure import extract_basic_expenditure
from pipelines.extract.general_public_budget import extract_general_public_budget, extract_gpb_items
from pipelines.extract.glossary import extract_glossary
from pipelines.extract.narrative_text import narrative_lines
from pipelines.extract.organisation import extract_staffing, extract_units
from pipelines.extract.other_matters import extract_other_matters
from pipelines.extract.records import Figure
from pipelines.extract.three_public import extract_three_public


def doc(*lines: str):
    return read_text("t", "t.txt", "\n".join(lines))


def values(records, family=None):
    return {(r.subject, r.measure): (r.value if r.text_value is None else r.text_value)
            for r in records if isinstance(r, Figure) and (family is None or r.family == family)}


# --- 五、一般公共预算 -------------------------------------------------------------------------

def test_gpb_total_decrease_worded_and_no_separator():
    records = extract_general_public_budget(doc(
        "2025年度一般公共预算财政拨款支出980.5万元，占本年支出合计的97%。与2024年度相比，一般公共预算财政拨款支出减少20.5万元，下降2.1%。主要原因是人员减少。"))
    v = values(records)
    assert v[("general_public_budget_expenditure", "amount")] == Decimal("980.5")
    assert v[("general_public_budget_expenditure", "change")] == Decimal("-20.5")
    assert v[("general_public_budget_expenditure", "growth")] == Decimal("-2.1")
    assert v[("general_public_budget_expenditure", "change_reason")] == "人员减少。"
    assert {r.compared_year for r in records if r.measure in ("change", "growth")} == {2024}
    assert {r.fiscal_year for r in records} == {2025}


def test_gpb_total_flat():
    records = extract_general_public_budget(doc(
        "2025年度一般公共预算财政拨款支出1,000.00万元,占本年支出合计的100%。与2024年度相比,一般公共预算财政拨款支出持平。"))
    v = values(records)
    assert v[("general_public_budget_expenditure", "amount")] == Decimal("1000.00")
    assert v[("general_public_budget_expenditure", "change")] == Decimal("0")
    assert [r.raw_text for r in records if r.measure == "change"] == ["持平"]


def test_completion_with_and_without_de():
    for sentence in ("2023年度一般公共预算支出决算数为14,969.05万元，完成预算95.52%。其中：",
                     "2023年度一般公共预算支出决算数为14,969.05万元，完成预算的95.52%。其中："):
        v = values(extract_general_public_budget(doc(sentence)))
        assert v[("general_public_budget_expenditure", "completion")] == Decimal("95.52")
        assert v[("total", "amount")] == Decimal("14969.05")


def test_by_class_half_and_full_width_colon():
    for colon in (":", "："):
        records = extract_general_public_budget(doc(
            f"2023年度一般公共预算财政拨款支出100万元，主要用于以下方面{colon}教育支出60万元，占60%；住房保障支出40万元，占40%。"))
        by_class = [(r.subject, r.measure, r.value, r.seq) for r in records if r.family == "gpb_by_class" and r.subject != "total"]
        assert by_class == [("教育支出", "amount", Decimal("60"), 1), ("教育支出", "share", Decimal("60"), 1),
                            ("住房保障支出", "amount", Decimal("40"), 2), ("住房保障支出", "share", Decimal("40"), 2)]


def test_items_printed_variations():
    items = extract_gpb_items(doc(
        "15. 社会保障和就业（类）行政事业单位养老支出（款）事业单位离退休（项）:支出决算为25.02万元，完成预算的100%，预决算数持平。",
        "16.社会保障和就业（类）就业补助（款）其他就业补助支出（项）：支出决算为953.2万元，完成预算的66.3%，决算数小于预算数的主要原因是部分培训项目未到结算期。",
        "17.卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）:支出决算为67.38万元，完成预算的100%，预决算持平。",
        "18.教育支出（类）职业教育（款）技校教育（项）:支出决算为747.58万元，完成预算的84.3%，预决算数差异原因为人员变动。",
        "19.教育支出（类）职业教育（款）中等职业教育（项）:支出决算为997.75万元，完成预算的97.7%，预决算数基本持平。",
    ))
    assert [(i.seq, i.class_name, i.class_name_normalized, i.kuan_name, i.xiang_name, i.amount, i.completion_pct, i.variance_kind)
            for i in items] == [
        (15, "社会保障和就业", "社会保障和就业支出", "行政事业单位养老支出", "事业单位离退休", Decimal("25.02"), Decimal("100"), "持平"),
        (16, "社会保障和就业", "社会保障和就业支出", "就业补助", "其他就业补助支出", Decimal("953.2"), Decimal("66.3"), "差异说明"),
        (17, "卫生健康支出", "卫生健康支出", "行政事业单位医疗", "事业单位医疗", Decimal("67.38"), Decimal("100"), "持平"),
        (18, "教育支出", "教育支出", "职业教育", "技校教育", Decimal("747.58"), Decimal("84.3"), "差异说明"),
        (19, "教育支出", "教育支出", "职业教育", "中等职业教育", Decimal("997.75"), Decimal("97.7"), "基本持平"),
    ]
    assert items[1].variance_text == "决算数小于预算数的主要原因是部分培训项目未到结算期。"


def test_glossary_lines_do_not_make_items():
    assert extract_gpb_items(doc("9.一般公共服务支出（类）组织事务（款）其他组织事务支出（项）：指反映其他支出。")) == []


# --- OCR junk -----------------------------------------------------------------------------

def test_ocr_junk_after_image_is_dropped():
    lines = narrative_lines(doc("[image: image2.png]AL", "", "183.69", "", "RSB EAA w A", "（图2：收入决算结构图）",
                                "三、支出决算情况说明"))
    assert [line.raw for line in lines] == ["三、支出决算情况说明"]


# --- 六、基本支出 ---------------------------------------------------------------------------

def test_basic_expenditure_on_three_lines_and_on_one():
    three = doc("2023年度一般公共预算财政拨款基本支出9,817.64万元，其中：", "人员经费8,654.48万元，主要包括：基本工资等。",
                "\u3000\u3000公用经费1163.16万元，主要包括：办公费等。", "七、财政拨款“三公”经费支出决算情况说明")
    one = doc("2023年度一般公共预算财政拨款基本支出9,817.64万元，其中：人员经费8,654.48万元，主要包括：基本工资等；公用经费1163.16万元，主要包括：办公费等。")
    for document in (three, one):
        v = values(extract_basic_expenditure(document))
        assert (v[("gpb_basic_expenditure", "amount")], v[("gpb_personnel", "amount")], v[("gpb_public", "amount")]) == (
            Decimal("9817.64"), Decimal("8654.48"), Decimal("1163.16"))


# --- 七、三公 -------------------------------------------------------------------------------

def test_three_public_total_compared_with_last_year_in_words():
    records = extract_three_public(doc(
        "2023年度“三公”经费财政拨款支出决算为22.01万元，完成预算88.7%，较上年度减少12.32万元，减少35.9%。决算数小于预算数的主要原因是节约。"))
    v = values(records)
    assert (v[("three_public_total", "change")], v[("three_public_total", "growth")]) == (Decimal("-12.32"), Decimal("-35.9"))
    assert v[("three_public_total", "variance_reason")] == "节约。"
    assert {r.compared_year for r in records if r.measure in ("change", "growth")} == {2022}


def test_three_public_vehicles_half_width_comma_and_yuan():
    records = extract_three_public(doc(
        "2.公务用车购置及运行维护费支出15.41万元,完成预算81.1%。公务用车购置及运行维护费支出决算比2022年度减少15.15万元，下降49.6%。主要原因是未购车。",
        "其中：公务用车购置支出0元。全年按规定更新购置公务用车0辆，其中：轿车0辆、金额0万元。截至2023年12月31日，单位共有公务用车5辆，其中：轿车3辆、越野车1辆、载客汽车1辆。"))
    v = values(records)
    assert v[("vehicle_purchase_and_operation", "growth")] == Decimal("-49.6")
    assert v[("vehicle_purchase", "amount")] == Decimal("0")
    assert [r.unit for r in records if r.subject == "vehicle_purchase"] == ["元"]
    assert (v[("fleet", "count")], v[("fleet_sedan", "count")], v[("fleet_suv", "count")], v[("fleet_bus", "count")]) == (5, 3, 1, 1)


# --- 八/九/十 -------------------------------------------------------------------------------

def test_zero_budgets_are_real_zeros():
    v = values(extract_other_matters(doc("2023年度政府性基金预算财政拨款支出0万元。", "2023年度国有资本经营预算财政拨款支出0万元。")))
    assert v[("government_fund_expenditure", "amount")] == Decimal("0")
    assert v[("state_capital_expenditure", "amount")] == Decimal("0")


def test_procurement_share_base_is_read():
    records = extract_other_matters(doc(
        "2023年度，某局政府采购支出总额100万元，其中：政府采购货物支出100万元。授予中小企业合同金额80万元，占政府采购支出总额的80%，"
        "其中：授予小微企业合同金额40万元，占授予中小企业合同金额的50%。"))
    v = values(records)
    assert v[("sme", "share")] == Decimal("80")
    assert v[("small_micro", "share_of_sme_awards")] == Decimal("50")


def test_several_scores_in_one_line():
    records = extract_other_matters(doc(
        "（四）预算绩效管理情况",
        "其中，某局部门整体绩效自评得分为81.66分，综述：好；甲专项预算项目绩效自评得分为98.6分，综述：好。乙项目绩效自评得分为99.99分。"))
    scores = [(r.subject, r.subject_zh, r.value) for r in records if r.family == "performance_evaluation"]
    assert scores == [("department_overall", "某局部门整体", Decimal("81.66")), ("special_project", "甲", Decimal("98.6")),
                      ("special_project", "乙", Decimal("99.99"))]


# --- organisation ----------------------------------------------------------------------------

def test_units_categories_from_annex_with_abbreviations():
    records = extract_units(doc(
        "二、机构设置", "某市人社局下属二级单位2个，其中行政单位0个，参照公务员法管理的事业单位1个，事业单位1个。",
        "1.某市社会保险事业管理局", "2. 某市人才服务中心", "第二部分 2023年度部门决算情况说明",
        "某市人社局下属单位2个，其中参照公务员法管理的事业单位1个（社保局），其他事业单位1个（人才服务中心）。"))
    units = [(u.seq, u.unit_name, u.unit_category, u.unit_category_printed) for u in records if hasattr(u, "unit_name")]
    assert units == [(0, "某市人社局", None, None),
                     (1, "某市社会保险事业管理局", "参照公务员法管理的事业单位", "参照公务员法管理的事业单位"),
                     (2, "某市人才服务中心", "事业单位", "其他事业单位")]


def test_staffing_labels_inside_longer_labels():
    v = values(extract_staffing(doc(
        "截至2024年末，某局总编制20名，其中行政编制10名，其他事业编制10名。在职人员总数18人，其中行政人员9人，其他事业人员9人；离休人员0人，退休人员5人。")))
    assert v == {("authorized_total", "count"): 20, ("authorized_administrative", "count"): 10,
                 ("authorized_other_institution", "count"): 10, ("in_service_total", "count"): 18,
                 ("in_service_administrative", "count"): 9, ("in_service_other_institution", "count"): 9,
                 ("retired_lixiu", "count"): 0, ("retired_tuixiu", "count"): 5}


# --- 名词解释 ---------------------------------------------------------------------------------

def test_glossary_glued_entry_only_after_full_stop():
    entries = extract_glossary(doc(
        "名词解释", "1.财政拨款收入：指单位取得的资金。 ", "30. 卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）:经费3.5万元以上。",
        "35.购房补贴（项）：指补贴。27.基本支出：指人员支出和公用支出。", "第四部分 附件"))
    assert [(e.seq, e.seq_printed, e.term, e.definition, e.char_offset) for e in entries] == [
        (1, "1", "财政拨款收入", "指单位取得的资金。", 0),
        (2, "30", "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）", "经费3.5万元以上。", 0),
        (3, "35", "购房补贴（项）", "指补贴。", 0),
        (4, "27", "基本支出", "指人员支出和公用支出。", 15),
    ]


# --- 附件1 / 附件2 -----------------------------------------------------------------------------

def test_project_summaries_headers_and_score_phrases():
    summaries = extract_project_summaries(doc(
        "（二）部门预算项目绩效分析。", "常年项目绩效分析。该类项目总数0个。", "市人社局：",
        "A经费。做了事，该项目预算执行率为88.9%，得分为96分。", "B资金。本次自评分99分。", "市工业技工学校",
        "C项目。预算完成率52.83%，无资金结余。年初预算120万元。",
        "2023年，我市基金运行平稳，未发现问题。", "D项目。不应读到。"))
    assert [(s.unit_header, s.project_name, s.execution_rate, s.score, s.stated_initial_budget) for s in summaries] == [
        ("市人社局", "A经费", Decimal("88.9"), Decimal("96"), None),
        ("市人社局", "B资金", None, Decimal("99"), None),
        ("市工业技工学校", "C项目", Decimal("52.83"), None, Decimal("120")),
    ]


def test_special_evaluation_score_belongs_to_paragraph_above():
    records = extract_special_evaluations(doc(
        "专项预算项目绩效评价报告", "", "（某专项经费）", "（一）通用指标绩效分析。",
        "决策程序：程序严密。", "", "该项指标分值6分，自评得分6分。", "规划论证：合理。",
        "    该项指标分值6分，自评得分5.5分", "（三）个性指标绩效分析。",
        "3.满意度。群众满意度99%。该项指标分值6分，自评得分5.99分。", "该项目自评得分17.49分。"))
    indicators = [(i.category, i.indicator_name, i.max_score, i.score) for i in records if hasattr(i, "indicator_name")]
    assert indicators == [("通用", "决策程序", Decimal("6"), Decimal("6")), ("通用", "规划论证", Decimal("6"), Decimal("5.5")),
                          ("个性", "满意度", Decimal("6"), Decimal("5.99"))]
    assert values(records)[("report_1", "total_score")] == Decimal("17.49")
    assert values(records)[("report_1", "title")] == "某专项经费"

"""Facts of 附件1 (部门整体支出绩效自评报告) and 附件2 (专项预算项目绩效评价报告) that the
cross-section identities compare with Part 2, the department KPI table and each other.

附件1 sentences look like
  …年初预算收入情况为一般公共预算拨款收入10582.47万元、其他收入2656.37万元;决算报表收入情况为…
  …年初预算支出情况为…;决算报表支出情况为…            (the same shape under （二）支出情况)
  …城镇新增就业4.44万人,完成全年目标任务的120.04%…
  …养老保险、失业保险、工伤保险参保分别达到302.46万人、36.83万人、56.28万人,全年养老金发放突破162亿元…
  …全年产业园实现营收10.94亿元,同比增长178%,税收2300万元,同比增长304%…
  部门人均资产变化率为-0.32%,市直行政事业单位人均资产变化率为10.2%,同期市级财政收入增长率为5.8%;…
  …实际采购金额为1332.09万元,预算金额为1373.12万元…  /  …采购预算金额为1373.12万元,实际中标合同金额为1332.09万元…
附件2, per report (``专项预算项目绩效评价报告`` + ``（<title>）``):
  该项目资金年初预算为400万元 / 2023年预算安排资金234万元
  …实际支出总金额为246.91万元(含市级98.562万元和区级148.348万元)
  …经费预算100万元,财政拨付100万元,开支80.4万元,预算执行80.4%
  标准为每人每年25元,其中慰问品费用15元/人,管理费用10元/人
  具体分配金额江阳区116.53万元、…、市社保局8.01万元
  计划城镇新增就业人数3.7万人,实际城镇新增就业人数4.44万人 / …不低于3.7万人的目标任务

Figure codes (family / subject / measure):
  annex1_income, annex1_expenditure / <source code: general_public_budget, business, other, …> /
      initial_budget | final_accounts    — the labels are kept in subject_zh: the 支出 sentence of the
      reference report prints income labels, and the identities must see that as printed.
  annex1_task / new_urban_jobs / actual | target_completion;  employment_special_funds / amount;
      insured_<scheme> / count;  pension_paid / amount
  annex1_indicator / per_capita_asset_change | city_per_capita_asset_change | city_fiscal_revenue_growth / rate
  annex1_procurement / actual | budget / amount   (seq = order of appearance in 附件1)
  park_results / revenue | revenue_growth | tax | tax_growth / annex1 | annex2   (seq = occurrence)
  annex2_fact / report_<n> / initial_budget | budget | allocated | spent | execution | actual_total |
      actual_city | actual_district | per_capita_standard | per_capita_component | allocation |
      new_urban_jobs_target | new_urban_jobs_actual        (subject_zh: the report title, or the
      recipient / component label for allocation and per_capita_component)
"""
import re

from pipelines.documents.model import Document
from pipelines.parsing.numbers import ParsedNumber, parse_amount, parse_percent

from .narrative_text import AMT, PCT, Line, count_number, document_year, narrative_lines
from .records import ExtractionIssue, figure

_ANNEX1_START = re.compile(r"^附件\s*1$")
_ANNEX2_START = re.compile(r"^附件\s*2$")
# The department KPI table (附表) follows the 附件1 prose; its cells are not narrative lines anyway.
_ANNEX1_END = re.compile(r"^(?:附件\s*2|附表)")

# Labels of the 附件1 income / expenditure sentences → the codes of overview.INCOME_SOURCES /
# EXPENDITURE_TYPES (the annex words them slightly differently: 拨款收入 without 财政).
_FINANCE_LABELS = {
    "一般公共预算拨款收入": "general_public_budget",
    "一般公共预算财政拨款收入": "general_public_budget",
    "政府性基金预算拨款收入": "government_fund",
    "政府性基金预算财政拨款收入": "government_fund",
    "国有资本经营预算拨款收入": "state_capital",
    "国有资本经营预算财政拨款收入": "state_capital",
    "上级补助收入": "superior_subsidy",
    "事业收入": "business",
    "经营收入": "operating",
    "附属单位上缴收入": "subsidiary_remittance",
    "其他收入": "other",
    "基本支出": "basic",
    "项目支出": "project",
    "上缴上级支出": "remittance_to_superior",
    "经营支出": "operating_expenditure",
    "对附属单位补助支出": "subsidy_to_subsidiaries",
}
_FINANCE_RE = re.compile(r"(?P<stage>年初预算|决算报表|决算)(?P<side>收入|支出)情况为(?P<rest>[^;。]+)")
_FINANCE_ITEM_RE = re.compile(rf"(?P<label>[^\d、,]+?)(?P<amount>{AMT}\s*(?:亿元|万元|元))")
_STAGES = {"年初预算": "initial_budget", "决算报表": "final_accounts", "决算": "final_accounts"}
_SIDES = {"收入": "annex1_income", "支出": "annex1_expenditure"}

_NEW_JOBS_RE = re.compile(rf"城镇新增就业(?:人数)?(?P<actual>{AMT})\s*万人,\s*完成全年目标任务的(?P<pct>{PCT})")
_EMPLOYMENT_FUNDS_RE = re.compile(rf"落实就业专项资金(?P<v>{AMT}\s*(?:亿元|万元))")
_INSURED_RE = re.compile(rf"(?P<names>(?:[\u4e00-\u9fff]{{2}}保险、?)+)参保分别达到(?P<values>(?:{AMT}\s*万人、?)+)")
_SCHEMES = {"养老保险": "pension", "失业保险": "unemployment", "工伤保险": "work_injury", "医疗保险": "medical"}
_PENSION_PAID_RE = re.compile(rf"养老金发放(?:突破|达到|达|为)?(?P<v>{AMT}\s*(?:亿元|万元))")
_ASSET_RATES = (
    ("per_capita_asset_change", re.compile(rf"部门人均资产变化率为(?P<v>{PCT})")),
    ("city_per_capita_asset_change", re.compile(rf"市直行政事业单位人均资产变化率为(?P<v>{PCT})")),
    ("city_fiscal_revenue_growth", re.compile(rf"市级财政收入增长率为(?P<v>{PCT})")),
)
_PROCUREMENT_RE = re.compile(
    rf"(?P<label>实际采购金额|实际中标合同金额|采购预算金额|预算金额)(?:实际采购金额)?为?(?P<v>{AMT}\s*(?:亿元|万元|元))")

# 营收X亿元,同比增长Y%,税收Z万元,同比增长W% (a decline word makes the growth negative).
_PARK_RE = re.compile(
    rf"营收(?P<revenue>{AMT}\s*(?:亿元|万元)),\s*同比(?P<revenue_growth>(?:增长|下降|减少){PCT}),\s*"
    rf"税收(?P<tax>{AMT}\s*(?:亿元|万元)),\s*同比(?P<tax_growth>(?:增长|下降|减少){PCT})")
_PARK_MEASURES = ("revenue", "revenue_growth", "tax", "tax_growth")

_REPORT_START = re.compile(r"^专项(?:预算)?项目绩效评价报告$")
_REPORT_TITLE = re.compile(r"^\((?P<t>.+)\)$")
_A2_INITIAL_RE = re.compile(rf"年初预算(?:为|金额为)?(?P<v>{AMT}\s*万元)")
_A2_BUDGET_RE = re.compile(rf"预算安排资金(?P<v>{AMT}\s*万元)")
_A2_ACTUAL_RE = re.compile(
    rf"实际支出总金额为(?P<total>{AMT}\s*万元)\s*\(含市级(?P<city>{AMT}\s*万元)和区级(?P<district>{AMT}\s*万元)\)")
_A2_EXECUTION_RE = re.compile(
    rf"预算(?P<budget>{AMT}\s*万元),\s*财政拨付(?P<allocated>{AMT}\s*万元),\s*开支(?P<spent>{AMT}\s*万元),\s*"
    rf"预算执行(?:率)?(?:为)?(?P<execution>{PCT})")
_A2_PER_CAPITA_RE = re.compile(rf"每人每年(?P<v>{AMT})元,\s*其中(?P<rest>[^。]+)")
_A2_PER_CAPITA_PART_RE = re.compile(rf"(?P<label>[\u4e00-\u9fff]+?)(?:费用)?(?P<v>{AMT})元/人")
_A2_ALLOCATION_RE = re.compile(r"分配金额(?P<rest>[^。]+)")
_A2_ALLOCATION_PART_RE = re.compile(rf"(?P<label>[^\d、,]+?)(?P<v>{AMT}\s*万元)")
_A2_JOBS_PLAN_RE = re.compile(rf"计划城镇新增就业人数(?P<target>{AMT})\s*万人,\s*实际城镇新增就业人数(?P<actual>{AMT})\s*万人")
_A2_JOBS_TARGET_RE = re.compile(rf"城镇新增就业人数不低于(?P<target>{AMT})\s*万人")


def _annex1_lines(lines: list[Line]) -> list[Line]:
    body: list[Line] = []
    inside = False
    for line in lines:
        text = line.folded.strip()
        if not inside:
            inside = bool(_ANNEX1_START.match(text))
            continue
        if _ANNEX1_END.match(text):
            break
        body.append(line)
    return body


def _annex2_reports(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """(title, body lines) of each 附件2 report, in order."""
    reports: list[tuple[str, list[Line]]] = []
    inside = False
    i = 0
    while i < len(lines):
        text = lines[i].folded.strip()
        if _ANNEX2_START.match(text):
            inside = True
        elif inside and _REPORT_START.match(text) and i + 1 < len(lines):
            title = _REPORT_TITLE.match(lines[i + 1].folded.strip())
            if title:
                reports.append((lines[i + 1].raw.strip(" \u3000")[1:-1], []))
                i += 2
                continue
        elif reports:
            reports[-1][1].append(lines[i])
        i += 1
    return reports


def _count(text: str, unit: str) -> ParsedNumber:
    """A count printed with a unit word (万人): value and decimals from the digits, the unit kept."""
    return count_number(text.replace(unit, "").strip(), unit)


def _fold_label(label: str) -> str:
    """A printed label without spaces and separators, as the label table spells it."""
    return label.replace(" ", "").replace("\u3000", "").strip("、,:：")


def extract_annex1_finance(document: Document) -> list:
    """附件1 （一）收入情况 / （二）支出情况: initial budget and final figures, label by label, as printed."""
    lines = narrative_lines(document)
    year = document_year(lines)
    records: list = []
    for line in _annex1_lines(lines):
        for m in _FINANCE_RE.finditer(line.folded):
            family, measure = _SIDES[m.group("side")], _STAGES[m.group("stage")]
            common = dict(fiscal_year=year, location=line.location, source_text=line.raw)
            for seq, item in enumerate(_FINANCE_ITEM_RE.finditer(m.group("rest")), start=1):
                start = m.start("rest") + item.start("label")
                label = line.raw[start:m.start("rest") + item.end("label")].strip(" 、,，\u3000")
                subject = _FINANCE_LABELS.get(_fold_label(label))
                if subject is None:
                    records.append(ExtractionIssue("annex_facts", "warning", f"annex-1 finance label not known: {label!r}",
                                                   line.location, line.raw))
                    continue
                records.append(figure(family, subject, measure, parse_amount(item.group("amount")),
                                      subject_zh=label, seq=seq, **common))
    return records


def extract_annex1_tasks(document: Document) -> list:
    """附件1 task results (城镇新增就业, 参保人数, 养老金发放), asset-management rates and procurement amounts."""
    lines = narrative_lines(document)
    year = document_year(lines)
    records: list = []
    procurement_seq = {"actual": 0, "budget": 0}
    for line in _annex1_lines(lines):
        common = dict(fiscal_year=year, location=line.location, source_text=line.raw)
        text = line.folded
        m = _NEW_JOBS_RE.search(text)
        if m:
            records.append(figure("annex1_task", "new_urban_jobs", "actual", _count(m.group("actual"), "万人"), **common))
            records.append(figure("annex1_task", "new_urban_jobs", "target_completion", parse_percent(m.group("pct")),
                                  **common))
        m = _EMPLOYMENT_FUNDS_RE.search(text)
        if m:
            records.append(figure("annex1_task", "employment_special_funds", "amount", parse_amount(m.group("v")),
                                  **common))
        m = _INSURED_RE.search(text)
        if m:
            names = [n for n in m.group("names").split("、") if n]
            values = re.findall(AMT, m.group("values"))
            for seq, (name, value) in enumerate(zip(names, values), start=1):
                scheme = _SCHEMES.get(name, name)
                records.append(figure("annex1_task", f"insured_{scheme}", "count", count_number(value, "万人"),
                                      subject_zh=name, seq=seq, **common))
        m = _PENSION_PAID_RE.search(text)
        if m:
            records.append(figure("annex1_task", "pension_paid", "amount", parse_amount(m.group("v")), **common))
        for subject, pattern in _ASSET_RATES:
            m = pattern.search(text)
            if m:
                records.append(figure("annex1_indicator", subject, "rate", parse_percent(m.group("v")), **common))
        if "采购" in text:
            for m in _PROCUREMENT_RE.finditer(text):
                subject = "actual" if m.group("label").startswith("实际") else "budget"
                procurement_seq[subject] += 1
                records.append(figure("annex1_procurement", subject, "amount", parse_amount(m.group("v")),
                                      subject_zh=line.printed(m, "label"), seq=procurement_seq[subject], **common))
    return records


def extract_park_results(document: Document) -> list:
    """营收 / 税收 of the (人力资源服务) industrial park and their growth, wherever 附件1 or 附件2 print them."""
    lines = narrative_lines(document)
    year = document_year(lines)
    annex1 = {id(line) for line in _annex1_lines(lines)}
    annex2 = {id(line) for _, body in _annex2_reports(lines) for line in body}
    records: list = []
    seq = {"annex1": 0, "annex2": 0}
    for line in lines:
        where = "annex1" if id(line) in annex1 else "annex2" if id(line) in annex2 else None
        if where is None:
            continue
        for m in _PARK_RE.finditer(line.folded):
            seq[where] += 1
            common = dict(fiscal_year=year, location=line.location, source_text=line.raw, seq=seq[where])
            for measure in _PARK_MEASURES:
                printed = line.printed(m, measure)
                number = parse_percent(printed) if measure.endswith("growth") else parse_amount(printed)
                records.append(figure("park_results", measure, where, number, **common))
    return records


def extract_annex2_facts(document: Document) -> list:
    """Budget, spending, allocation and target figures of each 附件2 report (subject report_<n>)."""
    lines = narrative_lines(document)
    year = document_year(lines)
    records: list = []
    for report_seq, (title, body) in enumerate(_annex2_reports(lines), start=1):
        subject = f"report_{report_seq}"
        for line in body:
            text = line.folded
            common = dict(fiscal_year=year, location=line.location, source_text=line.raw)

            def add(measure: str, number: ParsedNumber, label: str | None = None, seq: int | None = None) -> None:
                records.append(figure("annex2_fact", subject, measure, number, subject_zh=label or title, seq=seq,
                                      **common))

            m = _A2_INITIAL_RE.search(text)
            if m:
                add("initial_budget", parse_amount(m.group("v")))
            m = _A2_BUDGET_RE.search(text)
            if m:
                add("budget", parse_amount(m.group("v")))
            m = _A2_ACTUAL_RE.search(text)
            if m:
                for measure in ("total", "city", "district"):
                    add(f"actual_{measure}", parse_amount(m.group(measure)))
            m = _A2_EXECUTION_RE.search(text)
            if m:
                for measure in ("budget", "allocated", "spent"):
                    add(measure, parse_amount(m.group(measure)))
                add("execution", parse_percent(m.group("execution")))
            m = _A2_PER_CAPITA_RE.search(text)
            if m:
                add("per_capita_standard", parse_amount(f"{m.group('v')}元"))
                for seq, part in enumerate(_A2_PER_CAPITA_PART_RE.finditer(m.group("rest")), start=1):
                    label = line.raw[m.start("rest") + part.start("label"):m.start("rest") + part.end("label")]
                    add("per_capita_component", parse_amount(f"{part.group('v')}元"), label=label, seq=seq)
            m = _A2_ALLOCATION_RE.search(text)
            if m:
                for seq, part in enumerate(_A2_ALLOCATION_PART_RE.finditer(m.group("rest")), start=1):
                    label = line.raw[m.start("rest") + part.start("label"):m.start("rest") + part.end("label")]
                    add("allocation", parse_amount(part.group("v")), label=label.strip("、, \u3000"), seq=seq)
            m = _A2_JOBS_PLAN_RE.search(text)
            if m:
                add("new_urban_jobs_target", count_number(m.group("target"), "万人"))
                add("new_urban_jobs_actual", count_number(m.group("actual"), "万人"))
            else:
                m = _A2_JOBS_TARGET_RE.search(text)
                if m:
                    add("new_urban_jobs_target", count_number(m.group("target"), "万人"))
    return records

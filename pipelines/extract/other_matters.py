"""第二部分 八、九、十: government-fund and state-capital expenditure, 机关运行经费, procurement,
assets, performance management and the self-evaluation scores.

  2023年度政府性基金预算财政拨款支出0万元。                    (a printed 0 is a real 0)
  2023年度，<部门>机关运行经费支出1007.63万元，比2022年度增加86.18万元，增长9.4%。主要原因是…
  …政府采购支出总额1039.49万元，其中：政府采购货物支出306.02万元、政府采购工程支出0万元、政府采购服务支出733.47万元。
    …授予中小企业合同金额1039.49万元，占政府采购支出总额的100%，其中：授予小微企业合同金额386.42万元，占政府采购支出总额的37.2%。
  截至2023年12月31日，<部门>共有车辆4辆，其中：主要领导干部用车0辆、…。单价100万元以上设备（不含车辆）3台（套）。
  …组织对X项目等2个项目开展了预算事前绩效评估，对60个项目编制了绩效目标，…选取60个项目开展绩效监控。
  …<主体>绩效自评得分为81.66分，…；<专项>专项预算项目绩效自评得分为98.6分，…
"""
import re

from pipelines.documents.model import Document
from pipelines.parsing.numbers import parse_amount, parse_percent

from .narrative_text import (
    AMT,
    MONEY,
    PCT,
    Line,
    count_number,
    document_year,
    find_change,
    find_line,
    find_reason,
    narrative_lines,
    section,
)
from .records import ExtractionIssue, figure, text_figure

_ZERO_BUDGETS = {
    "government_fund_expenditure": re.compile(rf"(?P<year>\d{{4}})年度?政府性基金预算财政拨款支出(?:决算)?(?:为)?(?P<amount>{MONEY})"),
    "state_capital_expenditure": re.compile(rf"(?P<year>\d{{4}})年度?国有资本经营预算财政拨款支出(?:决算)?(?:为)?(?P<amount>{MONEY})"),
}
_ORGAN_RE = re.compile(rf"(?P<year>\d{{4}})年度?,?[^。]{{0,40}}?机关运行经费(?:支出)?(?:决算)?(?:为)?(?P<amount>{MONEY})")

_PROCUREMENT_TOTAL_RE = re.compile(rf"(?P<year>\d{{4}})年度?,?[^。]{{0,40}}?政府采购支出总额(?:为)?(?P<amount>{MONEY})")
_PROCUREMENT_PARTS = {
    "goods": re.compile(rf"政府采购货物支出(?:为)?(?P<amount>{MONEY})"),
    "works": re.compile(rf"政府采购工程支出(?:为)?(?P<amount>{MONEY})"),
    "services": re.compile(rf"政府采购服务支出(?:为)?(?P<amount>{MONEY})"),
}
_PROCUREMENT_PURPOSE_RE = re.compile(r"主要用于(?P<t>[^。]+)")
_AWARDS = {
    "sme": re.compile(rf"授予中小企业合同金额(?:为)?(?P<amount>{MONEY})(?:,\s*占(?P<base>[^,;。]*?)的?(?P<share>{PCT}))?"),
    "small_micro": re.compile(rf"授予小微企业合同金额(?:为)?(?P<amount>{MONEY})(?:,\s*占(?P<base>[^,;。]*?)的?(?P<share>{PCT}))?"),
}

_VEHICLES_RE = re.compile(
    r"截[至止](?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日,\s*[^。]{0,40}?共有车辆(?P<n>\d+)辆(?:,\s*其中:(?P<rest>[^。]+))?"
)
_VEHICLE_USE_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]+?用车)(?P<n>\d+)辆")
# National vocabulary of the asset sentence of the template (车辆按用途).
VEHICLE_USES = {
    "主要领导干部用车": "leader_cars",
    "机要通信用车": "confidential_comm_cars",
    "应急保障用车": "emergency_cars",
    "执法执勤用车": "law_enforcement_cars",
    "特种专业技术用车": "special_technical_cars",
    "离退休干部服务用车": "retiree_service_cars",
    "其他用车": "other_cars",
}
_OTHER_USE_RE = re.compile(r"(?P<t>其他用车主要(?:是)?用于[^。]+)")
_EQUIPMENT_RE = re.compile(
    r"单价(?P<threshold>\d+)万元(?:\(含\))?以上(?P<kind>通用|专用)?设备(?:\(不含车辆\))?(?P<n>\d+)(?P<unit>台\(套\)|台|套)"
)

_EX_ANTE_RE = re.compile(r"对(?P<example>[^,。]{0,80}?)等(?P<n>\d+)个项目开展了(?:预算)?事前绩效评估")
_TARGETS_RE = re.compile(r"对(?P<n>\d+)个项目编制了绩效目标")
_MONITORED_RE = re.compile(r"选取(?P<n>\d+)个项目开展(?:了)?绩效监控")
_EVALUATED_RE = re.compile(r"选取(?P<n>\d+)个项目开展(?:了)?(?:部门评价|重点评价|绩效评价)")
_SCORE_RE = re.compile(rf"(?P<subject>[^,;。:]+?)(?:绩效)?自评得分(?:为)?(?P<score>{AMT})分")
_SUFFIXES = ("专项预算项目", "预算项目", "项目")


def _zero_budgets(lines: list[Line]) -> list:
    records: list = []
    for subject, pattern in _ZERO_BUDGETS.items():
        for line, m in find_line(lines, pattern):
            records.append(figure("totals", subject, "amount", parse_amount(line.printed(m, "amount")),
                                  fiscal_year=int(m.group("year")), location=line.location, source_text=line.raw))
    return records


def _organ_operating(lines: list[Line]) -> list:
    records: list = []
    for line, m in find_line(lines, _ORGAN_RE):
        fy = int(m.group("year"))
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        records.append(figure("totals", "organ_operating_expenses", "amount", parse_amount(line.printed(m, "amount")), **common))
        change = find_change(line, m.end(), fy)
        if change is not None:
            records.append(figure("totals", "organ_operating_expenses", "change", change.amount,
                                  compared_year=change.compared_year, **common))
            if change.growth is not None:
                records.append(figure("totals", "organ_operating_expenses", "growth", change.growth,
                                      compared_year=change.compared_year, **common))
        reason = find_reason(line, m.end())
        if reason:
            records.append(text_figure("totals", "organ_operating_expenses", reason[0], reason[1], **common))
    return records


def _procurement(lines: list[Line]) -> list:
    records: list = []
    for line, m in find_line(lines, _PROCUREMENT_TOTAL_RE):
        fy = int(m.group("year"))
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        records.append(figure("totals", "procurement_total", "amount", parse_amount(line.printed(m, "amount")), **common))
        for seq, (subject, pattern) in enumerate(_PROCUREMENT_PARTS.items(), start=1):
            pm = pattern.search(line.folded, m.end())
            if pm:
                records.append(figure("procurement", subject, "amount", parse_amount(line.printed(pm, "amount")),
                                      seq=seq, **common))
        purpose = _PROCUREMENT_PURPOSE_RE.search(line.folded, m.end())
        if purpose:
            records.append(text_figure("procurement", "total", "purpose", line.printed(purpose, "t"), **common))
        for subject, pattern in _AWARDS.items():
            am = pattern.search(line.folded, m.end())
            if am is None:
                continue
            records.append(figure("procurement", subject, "amount", parse_amount(line.printed(am, "amount")), **common))
            if am.group("share"):
                base = line.printed(am, "base")
                # The printed base decides the measure: the small/micro share is usually of the TOTAL.
                measure = "share" if "政府采购支出总额" in (base or "") else "share_of_sme_awards"
                records.append(figure("procurement", subject, measure, parse_percent(line.printed(am, "share")),
                                      subject_zh=base, **common))
    return records


def _assets(lines: list[Line]) -> list:
    records: list = []
    for line, m in find_line(lines, _VEHICLES_RE):
        fy = int(m.group("y"))
        common = dict(fiscal_year=fy, location=line.location, source_text=line.raw)
        as_of = f"{m.group('y')}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        records.append(figure("assets", "vehicles_total", "count", count_number(line.printed(m, "n"), "辆"),
                              subject_zh=as_of, **common))
        if m.group("rest"):
            for seq, um in enumerate(_VEHICLE_USE_RE.finditer(line.folded, m.start("rest"), m.end("rest")), start=1):
                name = line.printed(um, "name")
                subject = VEHICLE_USES.get(name)
                if subject is None:
                    records.append(ExtractionIssue("assets", "warning", f"unknown vehicle use {name!r}", line.location, line.raw))
                    continue
                records.append(figure("assets", subject, "count", count_number(line.printed(um, "n"), "辆"),
                                      subject_zh=name, seq=seq, **common))
        other = _OTHER_USE_RE.search(line.folded, m.start("n"))
        if other:
            records.append(text_figure("assets", "other_cars", "use", line.printed(other, "t"), **common))
        for em in _EQUIPMENT_RE.finditer(line.folded):
            threshold = em.group("threshold")
            kind = {"通用": "general_", "专用": "special_"}.get(em.group("kind") or "", "")
            subject = f"{kind}equipment_over_{threshold}_wan"
            label = line.raw[em.start():em.start("n")]
            records.append(figure("assets", subject, "count", count_number(line.printed(em, "n"), line.printed(em, "unit")),
                                  subject_zh=label, **common))
    return records


def _performance(lines: list[Line], year: int | None) -> list:
    records: list = []
    body = section(lines, re.compile(r"预算绩效管理情况"), re.compile(r"^名词解释|^第[三四]部分|^附件"))
    for line in body:
        common = dict(fiscal_year=year, location=line.location, source_text=line.raw)
        m = _EX_ANTE_RE.search(line.folded)
        if m:
            records.append(figure("performance_management", "ex_ante_assessed_projects", "count",
                                  count_number(line.printed(m, "n"), "个"), subject_zh=line.printed(m, "example"), **common))
        for subject, pattern in (("projects_with_targets", _TARGETS_RE), ("projects_monitored", _MONITORED_RE),
                                 ("projects_evaluated", _EVALUATED_RE)):
            pm = pattern.search(line.folded)
            if pm:
                records.append(figure("performance_management", subject, "count",
                                      count_number(line.printed(pm, "n"), "个"), **common))
    seq = 0
    for line in body:
        common = dict(fiscal_year=year, location=line.location, source_text=line.raw)
        for sm in _SCORE_RE.finditer(line.folded):
            seq += 1
            name = line.printed(sm, "subject")
            name = re.sub(r"^(?:其中|另外|此外)[,，]?", "", name).strip()
            for suffix in _SUFFIXES:
                if name.endswith(suffix) and len(name) > len(suffix):
                    name = name[: -len(suffix)]
                    break
            subject = "department_overall" if "部门整体" in name else "special_project"
            records.append(figure("performance_evaluation", subject, "score",
                                  count_number(line.printed(sm, "score"), "分"), subject_zh=name, seq=seq, **common))
    return records


def extract_other_matters(document: Document) -> list:
    lines = narrative_lines(document)
    year = document_year(lines)
    return (_zero_budgets(lines) + _organ_operating(lines) + _procurement(lines) + _assets(lines)
            + _performance(lines, year))

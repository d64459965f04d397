"""附件1 narrative (per-project summaries, portfolio, conclusion score) and 附件2 special-project reports.

附件1, under （二）部门预算项目绩效分析:
  市人社局：                                            (a unit header; the colon may be missing)
  考试工作经费。<text …该项目预算执行率为88.9%，得分为96分。>
  The summaries end at the first paragraph that is neither a unit header nor ``<name>。<text>``.
附件2, per ``专项预算项目绩效评价报告`` + ``（<title>）``:
  决策程序：<text>                                       (the indicator: the paragraph ABOVE its score)
  该项指标分值6分，自评得分6分。                            (or on the same line, after the text)
  该项目自评得分97.6分。                                  (the report total)
"""
import re

from pipelines.documents.model import Document
from pipelines.parsing.numbers import ParsedNumber, parse_amount, parse_number, parse_percent

from .narrative_records import ProjectSummary, SpecialEvaluationIndicator
from .narrative_text import AMT, PCT, Line, count_number, document_year, is_heading, narrative_lines, section
from .records import figure, text_figure

_PROJECTS_HEADING = re.compile(r"部门预算项目绩效分析")
_PROJECTS_END = re.compile(r"重点领域绩效分析|评价结论及建议|绩效结果应用")
_SUMMARY_RE = re.compile(r"^\s*(?P<name>[^,;。:]{2,60}?)。(?P<text>.+)$")
_UNIT_HEADER_MAX = 20
_RATE_RE = re.compile(rf"(?:预算执行率|预算完成率|资金使用率)(?:为|达到|达)?(?P<v>{PCT})")
_SCORE_RE = re.compile(rf"(?:得分|自评分|总分)(?:为|达到)?(?P<v>{AMT})分")
_BALANCE_RE = re.compile(rf"资金结余(?:为)?(?P<v>{AMT})\s*万")
_INITIAL_RE = re.compile(rf"年初预算(?:为)?(?P<v>{AMT})\s*万")
_PAID_RE = re.compile(
    rf"(?:(?:实际|市级)发放(?P<a>{AMT})\s*万|支付(?:项目)?经费(?P<b>{AMT})\s*万|实际支付[^\d,。]{{0,8}}?(?P<c>{AMT})\s*万)"
)
_PORTFOLIO_RE = re.compile(
    rf"(?P<kind>常年|阶段\(一次性\)|一次性)项目绩效分析。该类项目总数(?P<count>\d+)个,\s*涉及预算总金额\s*(?P<budget>{AMT})\s*万元,"
    rf"\s*1[—\-~至]12月预算执行总体进度为(?P<progress>{PCT}),\s*其中:预算结余率大于10%的项目共计(?P<over>\d+)个"
)
_CONCLUSION_RE = re.compile(rf"最终得分(?:为)?(?P<v>{AMT})分")


def _unit_header(folded: str) -> str | None:
    text = folded.strip()
    if not text or len(text) > _UNIT_HEADER_MAX or "。" in text or is_heading(text) or text[0].isdigit():
        return None
    return text.rstrip(":").strip()


def _first(pattern: re.Pattern, text: str) -> re.Match | None:
    return pattern.search(text)


def _value(match: re.Match | None, parser) -> ParsedNumber | None:
    if match is None:
        return None
    group = next(g for g in match.groups() if g is not None) if match.re.groups > 1 else match.group("v")
    return parser(group)


def extract_project_summaries(document: Document) -> list:
    """ProjectSummary records, one per ``<项目名>。<text>`` paragraph under a unit header."""
    lines = narrative_lines(document)
    year = document_year(lines)
    body = section(lines, _PROJECTS_HEADING, _PROJECTS_END)
    records: list = []
    unit: str | None = None
    started = False
    seq = 0
    for line in body:
        header = _unit_header(line.folded)
        if header is not None:
            unit = line.raw.strip(" \u3000").rstrip(":：").strip()
            started = True
            continue
        if not started:
            continue
        m = _SUMMARY_RE.match(line.folded)
        if m is None:
            break  # the summaries are over (e.g. the fund-level paragraphs that follow)
        seq += 1
        text = line.raw[m.start("text"):].strip(" \u3000")
        rate = _first(_RATE_RE, line.folded)
        score = _first(_SCORE_RE, line.folded)
        rate_number = parse_percent(rate.group("v")) if rate else None
        score_number = parse_number(score.group("v")) if score else None
        balance = _value(_first(_BALANCE_RE, line.folded), parse_amount)
        initial = _value(_first(_INITIAL_RE, line.folded), parse_amount)
        paid = _value(_first(_PAID_RE, line.folded), parse_amount)
        records.append(ProjectSummary(
            seq=seq, fiscal_year=year, unit_header=unit, project_name=line.printed(m, "name"),
            execution_rate=rate_number.value if rate_number else None,
            execution_rate_raw=rate.group("v") if rate else None,
            score=score_number.value if score_number else None,
            score_raw=score.group("v") if score else None,
            stated_balance=balance.value if balance else None,
            stated_initial_budget=initial.value if initial else None,
            stated_paid=paid.value if paid else None,
            amount_unit="万元" if (balance or initial or paid) else None,
            text=text, source_location=line.location, source_text=line.raw,
        ))
    return records


def extract_annex1_figures(document: Document) -> list:
    """附件1 project portfolio (常年 / 一次性 projects) and the conclusion score (最终得分X分)."""
    lines = narrative_lines(document)
    year = document_year(lines)
    records: list = []
    for line in lines:
        common = dict(fiscal_year=year, location=line.location, source_text=line.raw)
        m = _PORTFOLIO_RE.search(line.folded)
        if m:
            subject = "recurring" if m.group("kind") == "常年" else "one_off"
            records.append(figure("project_portfolio", subject, "count", count_number(m.group("count"), "个"), **common))
            records.append(figure("project_portfolio", subject, "budget", parse_amount(f"{m.group('budget')}万元"), **common))
            records.append(figure("project_portfolio", subject, "progress", parse_percent(m.group("progress")), **common))
            records.append(figure("project_portfolio", subject, "over_10pct_balance", count_number(m.group("over"), "个"),
                                  **common))
        c = _CONCLUSION_RE.search(line.folded)
        if c:
            records.append(figure("performance_evaluation", "department_overall", "annex1_final_score",
                                  count_number(c.group("v"), "分"), **common))
    return records


_REPORT_START = re.compile(r"^专项(?:预算)?项目绩效评价报告$")
_REPORT_TITLE = re.compile(r"^\((?P<t>.+)\)$")
_CATEGORY_RE = re.compile(r"(?P<c>通用|专用|个性)指标绩效分析")
_INDICATOR_SCORE_RE = re.compile(rf"该项指标分值(?P<max>{AMT})分,\s*自评得分(?P<score>{AMT})分")
_REPORT_TOTAL_RE = re.compile(rf"该项目(?:绩效)?自评(?:总)?得分(?:为)?(?P<v>{AMT})分")
_DECLARED_WEIGHTS_RE = re.compile(r"(?P<c>通用|专用|个性)指标(?P<n>\d+)分")
_CATEGORY_CODES = {"通用": "general", "专用": "specific", "个性": "individual"}


def _reports(lines: list[Line]) -> list[tuple[str, Line, list[Line]]]:
    """(title, title line, body lines) of each report."""
    reports: list[tuple[str, Line, list[Line]]] = []
    i = 0
    while i < len(lines):
        if _REPORT_START.match(lines[i].folded.strip()) and i + 1 < len(lines):
            tm = _REPORT_TITLE.match(lines[i + 1].folded.strip())
            if tm:
                raw = lines[i + 1].raw.strip(" \u3000")
                reports.append((raw[1:-1], lines[i + 1], []))
                i += 2
                continue
        if reports:
            reports[-1][2].append(lines[i])
        i += 1
    return reports


def _indicator_name(text: str) -> str:
    text = re.sub(r"^\s*\d+\s*[.、]\s*", "", text.strip(" \u3000"))
    return re.split(r"[:：。]", text, maxsplit=1)[0].strip()


def extract_special_evaluations(document: Document) -> list:
    """SpecialEvaluationIndicator records per 附件2 report, plus Figures for totals and declared weights."""
    lines = narrative_lines(document)
    year = document_year(lines)
    records: list = []
    for report_seq, (title, title_line, body) in enumerate(_reports(lines), start=1):
        category: str | None = None
        seq = 0
        previous: Line | None = None
        subject = f"report_{report_seq}"
        records.append(text_figure("special_evaluation", subject, "title", title, fiscal_year=year,
                                   location=title_line.location, source_text=title_line.raw))
        for line in body:
            common = dict(fiscal_year=year, location=line.location, source_text=line.raw)
            cm = _CATEGORY_RE.search(line.folded)
            if cm:
                category = cm.group("c")
            if "指标" in line.folded and "分," in line.folded:
                for wm in _DECLARED_WEIGHTS_RE.finditer(line.folded):
                    records.append(figure("special_evaluation", subject, f"declared_weight_{_CATEGORY_CODES[wm.group('c')]}",
                                          count_number(wm.group("n"), "分"), subject_zh=title, **common))
            sm = _INDICATOR_SCORE_RE.search(line.folded)
            if sm:
                before = line.raw[:sm.start()].strip(" \u3000")
                name_line = line if before else previous
                if name_line is not None:
                    seq += 1
                    name_text = before if before else name_line.raw
                    max_n, score_n = parse_number(sm.group("max")), parse_number(sm.group("score"))
                    records.append(SpecialEvaluationIndicator(
                        report_seq=report_seq, report_title=title, category=category, seq=seq,
                        indicator_name=_indicator_name(name_text),
                        max_score=max_n.value, max_score_raw=sm.group("max"),
                        score=score_n.value, score_raw=sm.group("score"),
                        name_location=name_line.location, source_location=line.location, source_text=line.raw,
                    ))
                previous = None
                continue
            tm = _REPORT_TOTAL_RE.search(line.folded)
            if tm:
                records.append(figure("special_evaluation", subject, "total_score", count_number(tm.group("v"), "分"),
                                      subject_zh=title, **common))
            previous = line
    return records

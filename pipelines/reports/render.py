"""HTML of the findings report: the index of documents and one page per loaded document.

Pure functions of what read.py returns. Every piece of text from the warehouse goes through ``esc`` (a
document can contain anything, including markup); the pages carry their CSS inline, load nothing and need
no script, so they open from the file system, offline, on a phone."""
import html
from datetime import datetime

from .catalogue import Text, rule_title
from .numbers import MISSING, format_amount
from .read import SEVERITIES, Counts, DocumentFindings, DocumentRow, Finding, Issue, StatementRow, Unparsed

STATUS = {"loaded": Text("已加载", "loaded"), "quarantined": Text("已隔离", "quarantined"),
          "withdrawn": Text("已撤回", "withdrawn")}
SEVERITY = {"error": Text("错误", "error"), "warning": Text("警告", "warning"), "info": Text("提示", "info")}
SEVERITY_PLURAL = {"error": Text("错误", "errors"), "warning": Text("警告", "warnings"), "info": Text("提示", "info")}

CSS = """
:root { --fg:#1d2433; --muted:#5b6474; --line:#d9dde5; --bg:#ffffff; --soft:#f4f6f9;
        --error:#b42318; --warning:#b54708; --info:#1c5fb8; --ok:#067647; }
* { box-sizing: border-box; }
body { margin:0; padding:1rem; color:var(--fg); background:var(--bg); line-height:1.55;
       font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
main { max-width: 80rem; margin: 0 auto; }
.scroll { overflow-x:auto; }
td.file { overflow-wrap:anywhere; min-width:11rem; } td.reason { min-width:13rem; }
h1 { font-size:1.45rem; margin:.2rem 0 .4rem; }
h2 { font-size:1.2rem; margin:2rem 0 .6rem; border-bottom:2px solid var(--line); padding-bottom:.2rem; }
h3 { font-size:1.05rem; margin:1.2rem 0 .5rem; } h4 { font-size:1rem; margin:0; display:inline; }
.en { color:var(--muted); font-weight:normal; font-size:.9em; }
p.en, div.en { margin:.1rem 0; }
a { color:#0b57d0; }
.meta, .note { color:var(--muted); font-size:.92rem; }
.missing { color:var(--muted); }
code, .loc { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size:.88em; word-break:break-all; }
.chips { list-style:none; padding:0; margin:.4rem 0; display:flex; flex-wrap:wrap; gap:.4rem; }
.chip { border:1px solid var(--line); border-radius:1rem; padding:.15rem .7rem; background:var(--soft); }
.chip b { font-variant-numeric: tabular-nums; }
.badge { display:inline-block; border-radius:.3rem; padding:0 .45rem; font-size:.85rem; color:#fff;
         margin-right:.4rem; background:var(--muted); }
.badge .en { color:#fff; opacity:.9; }
.sev-error .badge, .badge.sev-error { background:var(--error); }
.sev-warning .badge, .badge.sev-warning { background:var(--warning); }
.sev-info .badge, .badge.sev-info { background:var(--info); }
.status-quarantined .status { color:var(--error); font-weight:600; } .status-withdrawn .status { color:var(--muted); }
.status-loaded .status { color:var(--ok); }
table { border-collapse:collapse; width:100%; font-size:.93rem; }
th, td { border-bottom:1px solid var(--line); padding:.35rem .45rem; text-align:left; vertical-align:top; }
th { background:var(--soft); font-weight:600; }
td.num, dd.num { text-align:right; font-variant-numeric: tabular-nums; white-space:nowrap; }
.finding { border:1px solid var(--line); border-left:5px solid var(--muted); border-radius:.4rem;
           padding:.7rem .9rem; margin:.8rem 0; }
.finding.sev-error { border-left-color:var(--error); } .finding.sev-warning { border-left-color:var(--warning); }
.finding.sev-info { border-left-color:var(--info); }
.finding .subject { margin:.4rem 0; }
.numbers { display:grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap:.4rem; margin:.5rem 0; }
.numbers div { background:var(--soft); border-radius:.3rem; padding:.3rem .5rem; }
.numbers dt { font-size:.82rem; color:var(--muted); } .numbers dd { margin:0; font-size:1.05rem; text-align:left; }
.where { margin:.5rem 0; } .where .label { font-size:.85rem; color:var(--muted); }
blockquote { margin:.2rem 0; padding:.3rem .6rem; background:var(--soft); border-left:3px solid var(--line);
             max-height:14rem; overflow:auto; white-space:pre-wrap; word-break:break-word; }
mark { background:#ffe58a; }
.rule { font-size:.85rem; color:var(--muted); margin:.4rem 0 0; }
.detail { margin:.4rem 0; }
@media (max-width: 760px) {
  body { padding:.6rem; }
  table.cards thead { display:none; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display:block; width:100%; }
  table.cards tr { border:1px solid var(--line); border-radius:.4rem; margin:.6rem 0; padding:.3rem .2rem; }
  table.cards td { border:none; padding:.15rem .5rem; text-align:left; white-space:normal;
                   display:grid; grid-template-columns: 8.5rem 1fr; gap:.5rem; }
  table.cards td.num { text-align:left; }
  table.cards td::before { content: attr(data-label); font-size:.78rem; color:var(--muted); }
  table.cards td.not-evaluated { display:none; }
  table.cards td.file, table.cards td.reason { min-width:0; }
}
"""


def esc(value) -> str:
    return html.escape(str(value), quote=True)


def show(value) -> str:
    """Text from the warehouse, escaped; a missing value is an em dash, never an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return f'<span class="missing">{MISSING}</span>'
    return esc(value)


def bi(text: Text) -> str:
    """Chinese first, English beside it."""
    return f'{esc(text.zh)} <span class="en" lang="en">{esc(text.en)}</span>'


def label(text: Text) -> str:
    """The same, as plain text (an attribute: the column name a card shows on a phone)."""
    return esc(f"{text.zh} {text.en}")


def marked(text: str | None, marks: tuple[str, ...] = ()) -> str:
    """The escaped text with the figures a finding was matched with highlighted."""
    if text is None or not text.strip():
        return show(None)
    spans: list[tuple[int, int]] = []
    for needle in sorted((m for m in marks if m), key=len, reverse=True):
        start = text.find(needle)
        while start >= 0:
            end = start + len(needle)
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
            start = text.find(needle, end)
    out, at = [], 0
    for start, end in sorted(spans):
        out.append(esc(text[at:start]) + "<mark>" + esc(text[start:end]) + "</mark>")
        at = end
    return "".join(out) + esc(text[at:])


def page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _chip(count: int | None, text: Text, css: str = "") -> str:
    shown = MISSING if count is None else str(count)
    return f'<li class="chip {css}"><b>{shown}</b> {bi(text)}</li>'


def _chips(counts: Counts) -> str:
    plural = SEVERITY_PLURAL
    chips = [_chip(counts.violations.get(s, 0), Text(f"不成立·{plural[s].zh}", f"violations · {plural[s].en}"),
                   f"sev-{s}") for s in SEVERITIES]
    chips.append(_chip(counts.insufficient, Text("数据不足", "insufficient data")))
    chips += [_chip(counts.issues.get(s, 0), Text(f"提取问题·{plural[s].zh}", f"extraction issues · {plural[s].en}"))
              for s in SEVERITIES]
    return '<ul class="chips">' + "".join(chips) + "</ul>"


def _format(value: str | None) -> str:
    return show(value.upper() if value else None)


def document_title(doc: DocumentRow) -> str:
    name = doc.department or doc.source_files[0]
    return f"{name} {doc.fiscal_year}年度" if doc.fiscal_year else name


# ---- index ------------------------------------------------------------------------------------------------

_INDEX_COLUMNS = [
    Text("文件", "file"), Text("部门", "department"), Text("年度", "year"), Text("格式", "format"),
    Text("状态", "status"), Text("隔离原因", "quarantine reason"), Text("版式", "layout profile"),
    *(Text(f"不成立·{SEVERITY[s].zh}", f"violations · {SEVERITY[s].en}") for s in SEVERITIES),
    Text("数据不足", "insufficient data"),
    *(Text(f"提取问题·{SEVERITY[s].zh}", f"extraction issues · {SEVERITY[s].en}") for s in SEVERITIES),
]


_KINDS_OF_FINDINGS = Text(
    "不成立：报告中的数字不满足勾稽关系（差额超出印刷精度允许的舍入）；数据不足：缺少数字，无法检查；"
    "提取问题：读取文件时发现的问题。",
    "Violation: the report's numbers break an accounting identity by more than printed rounding allows; "
    "insufficient data: a number is missing, the identity cannot be checked; extraction issue: found while "
    "reading the file.")
_VIOLATIONS_NOTE = Text("差额超出了印刷精度允许的舍入误差。数字按报告印出的单位显示。",
                        "The difference exceeds what the printed rounding allows. "
                        "Numbers are shown in the unit the report printed.")


def _count_cells(counts: Counts | None, evaluated: bool) -> list[str]:
    if not evaluated:  # a quarantined or withdrawn document was not checked: no count, not zero
        return [show(None)] * 7
    counts = counts or Counts()
    return ([str(counts.violations.get(s, 0)) for s in SEVERITIES] + [str(counts.insufficient)]
            + [str(counts.issues.get(s, 0)) for s in SEVERITIES])


def _index_cell_class(i: int, evaluated: bool) -> str:
    if i < 7:
        return _INDEX_CELL_CLASSES.get(i, "")
    # a phone does not list seven dashes for a document that was not checked
    return ' class="num"' if evaluated else ' class="num not-evaluated"'


_INDEX_CELL_CLASSES = {0: ' class="file"', 5: ' class="reason"'}


def _index_row(doc: DocumentRow, counts: Counts | None, link: str | None) -> str:
    files = "<br>".join(esc(name) for name in doc.source_files)
    if link:
        files = f'<a href="{esc(link)}">{files}</a>'
    status = STATUS.get(doc.status, Text(doc.status, doc.status))
    evaluated = link is not None
    cells = [files, show(doc.department), show(doc.fiscal_year), _format(doc.file_format),
             f'<span class="status">{bi(status)}</span>', show(doc.quarantine_reason), show(doc.layout_profile),
             *_count_cells(counts, evaluated)]
    tds = "".join(f'<td data-label="{label(column)}"{_index_cell_class(i, evaluated)}>{cell}</td>'
                  for i, (column, cell) in enumerate(zip(_INDEX_COLUMNS, cells)))
    return f'<tr class="document status-{esc(doc.status)}" id="doc-{esc(doc.document_id)}">{tds}</tr>'


def _index_head() -> str:
    """Two header rows: the counts grouped under 不成立 / 提取问题 (a phone shows each cell's own label)."""
    first = "".join(f'<th rowspan="2">{bi(c)}</th>' for c in _INDEX_COLUMNS[:7])
    first += f'<th colspan="3" class="group">{bi(Text("不成立的勾稽关系", "violations"))}</th>'
    first += f'<th rowspan="2">{bi(_INDEX_COLUMNS[10])}</th>'
    first += f'<th colspan="3" class="group">{bi(Text("提取问题", "extraction issues"))}</th>'
    second = "".join(f"<th>{bi(SEVERITY[s])}</th>" for s in SEVERITIES) * 2
    return f"<tr>{first}</tr><tr>{second}</tr>"


def index_html(docs: list[DocumentRow], counts: dict[str, Counts], links: dict[str, str],
               data_as_of: datetime | None) -> str:
    by_status = {s: sum(1 for d in docs if d.status == s) for s in STATUS}
    total = Counts()
    for doc in docs:
        if doc.document_id in links and doc.document_id in counts:
            c = counts[doc.document_id]
            for s in SEVERITIES:
                total.violations[s] += c.violations.get(s, 0)
                total.issues[s] += c.issues.get(s, 0)
            total.insufficient += c.insufficient
    as_of = data_as_of.strftime("%Y-%m-%d %H:%M %Z").strip() if data_as_of else None
    summary = (f'<p class="meta">{bi(Text("文件数", "documents"))}: <b>{len(docs)}</b> — '
               + " · ".join(f"{bi(STATUS[s])} <b>{by_status[s]}</b>" for s in STATUS)
               + f'<br>{bi(Text("数据截至", "data as of"))}: {show(as_of)}</p>')
    if docs:
        head = _index_head()
        rows = "\n".join(_index_row(d, counts.get(d.document_id), links.get(d.document_id)) for d in docs)
        table = (f'<div class="scroll"><table class="cards documents"><thead>{head}</thead>\n<tbody>\n{rows}\n'
                 "</tbody></table></div>")
    else:
        table = f'<p class="empty">{bi(Text("仓库中没有文件。", "The warehouse holds no document."))}</p>'
    body = f"""<header>
<h1>{bi(Text("部门决算检查结果", "Findings of the final-accounts reports"))}</h1>
{summary}
</header>
<section id="totals"><h2>{bi(Text("全部已加载文件的检查结果", "Findings of every loaded document"))}</h2>
{_chips(total)}
<p class="note">{bi(_KINDS_OF_FINDINGS)}</p>
</section>
<section id="documents"><h2>{bi(Text("文件", "Documents"))}</h2>
<p class="note">{bi(Text("点击已加载文件的名称查看详细检查结果。", "Open a loaded document's name for its findings."))}</p>
{table}
</section>"""
    return page("部门决算检查结果 Findings report", body)


# ---- one document -----------------------------------------------------------------------------------------

def _where(text: Text, location: str | None, source_text: str | None, marks: tuple[str, ...], css: str) -> str:
    return (f'<div class="where {css}"><div class="label">{bi(text)}: <span class="loc">{show(location)}</span></div>'
            f"<blockquote>{marked(source_text, marks)}</blockquote></div>")


def finding_html(finding: Finding, n: int) -> str:
    f = finding.check
    title = rule_title(f.rule_id, f.family, f.relation, f.rule_description)
    severity = SEVERITY.get(f.severity, Text(f.severity, f.severity))
    numbers = [(title.lhs, format_amount(f.lhs, finding.measure, decimals=finding.lhs_decimals), "lhs"),
               (title.rhs, format_amount(f.rhs, finding.measure, decimals=finding.rhs_decimals), "rhs"),
               (Text("差额", "difference"),
                format_amount(f.difference, finding.measure, signed=True,
                              decimals=max(finding.lhs_decimals, finding.rhs_decimals)),
                "difference"),
               # the tolerance has the digits it has (half a unit of the last printed digit: 0.005 万元)
               (Text("允许的舍入误差", "tolerance"),
                ("±" + format_amount(f.tolerance, finding.measure, decimals=0)) if f.tolerance is not None else MISSING,
                "tolerance")]
    dl = "".join(f'<div><dt>{bi(t)}</dt><dd class="num" data-side="{side}">{esc(v)}</dd></div>'
                 for t, v, side in numbers)
    # a check that could not be evaluated often has no number at all: say what is missing instead
    has_numbers = any(v is not None for v in (f.lhs, f.rhs, f.difference, f.tolerance))
    numbers_block = f'<dl class="numbers">{dl}</dl>' if has_numbers else ""
    places = _where(Text("位置", "location"), f.source_location, finding.source_text, finding.marks,
                    "source")
    if f.related_location:
        places += _where(Text("对照位置", "related location"), f.related_location, finding.related_text,
                          finding.marks, "related")
    detail_label = Text("缺少什么", "what is missing") if f.status == "insufficient_data" else Text("说明", "detail")
    detail = f'<p class="detail"><b>{bi(detail_label)}</b>: {show(f.detail)}</p>' if (
        f.detail or f.status == "insufficient_data") else ""
    family = f" · {bi(title.family)}" if title.family and title.described else ""
    css = f"finding sev-{esc(f.severity)} status-{esc(f.status)}"
    return f"""<article class="{css}" id="finding-{n}" data-rule="{esc(f.rule_id)}">
<header><span class="badge sev-{esc(f.severity)}">{bi(severity)}</span><h4>{esc(title.title.zh)}</h4>
<p class="en" lang="en">{esc(title.title.en)}</p></header>
<p class="subject"><b>{bi(Text("对象", "subject"))}</b>: {show(f.subject)}</p>
{numbers_block}
{places}
{detail}<p class="rule">{bi(Text("规则", "rule"))} <code>{esc(f.rule_id)}</code>{family}: {show(f.rule_description)}</p>
</article>"""


def _table(columns: list[Text], rows: list[list[str]], css: str, num_columns: frozenset[int] = frozenset()) -> str:
    head = "".join(f"<th>{bi(c)}</th>" for c in columns)
    body = "\n".join(
        "<tr>" + "".join(f'<td data-label="{label(c)}"{" class=num" if i in num_columns else ""}>{cell}</td>'
                         for i, (c, cell) in enumerate(zip(columns, row))) + "</tr>"
        for row in rows)
    return f'<table class="cards {css}"><thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>'


def _none(text: Text) -> str:
    return f'<p class="none">{bi(text)}</p>'


def _severity_badge(severity: str | None) -> str:
    text = SEVERITY.get(severity or "", Text(severity or MISSING, severity or MISSING))
    return f'<span class="badge sev-{esc(severity or "")}">{bi(text)}</span>'


def issues_html(issues: list[Issue]) -> str:
    if not issues:
        return _none(Text("没有提取问题。", "No extraction issue."))
    columns = [Text("严重程度", "severity"), Text("问题", "issue"), Text("提取器", "extractor"),
               Text("位置", "location"), Text("原文", "source text")]
    rows = [[_severity_badge(i.severity), show(i.message), f"<code>{show(i.extractor)}</code>",
             f'<span class="loc">{show(i.source_location)}</span>', marked(i.source_text)] for i in issues]
    return _table(columns, rows, "issues")


def _yes_no(value: bool | None) -> str:
    if value is None:
        return show(None)
    return bi(Text("是", "yes")) if value else bi(Text("否", "no"))


def statements_html(statements: list[StatementRow], missing: list[Issue]) -> str:
    parts = []
    if missing:
        items = "".join(f'<li class="missing-statement">{_severity_badge(i.severity)}{show(i.message)}</li>'
                        for i in missing)
        parts.append(f'<h3>{bi(Text("缺少的必需决算表", "Required statements missing"))}</h3><ul>{items}</ul>')
    if not statements:
        parts.append(_none(Text("这份文件中没有读到决算表（按其版式，报表可能不以表格形式出现）。",
                                "No statement table was read from this document (its layout may print none).")))
        return "\n".join(parts)
    columns = [Text("序号", "#"), Text("决算表", "statement"), Text("单位", "unit"), Text("数据行", "data rows"),
               Text("数值格", "value cells"), Text("印有数字的格", "cells with a number"),
               Text("空表", "empty"), Text("表下说明", "note"), Text("位置", "location")]
    rows = [[show(s.seq), f"{show(s.title)}<br><code>{show(s.statement)}</code>"
             + (f' <span class="note">({bi(Text(f"第{s.occurrence}次印出", f"printed #{s.occurrence}"))})</span>'
                if s.occurrence and s.occurrence > 1 else ""),
             show(s.printed_unit), show(s.data_rows), show(s.value_cells), show(s.printed_cells), _yes_no(s.is_empty),
             show(s.note), f'<span class="loc">{show(s.source_location)}</span>'] for s in statements]
    parts.append(_table(columns, rows, "statements", frozenset({3, 4, 5})))
    return "\n".join(parts)


def unparsed_html(unparsed: list[Unparsed]) -> str:
    if not unparsed:
        return _none(Text("所有印出的数字都已解析。", "Every printed figure was parsed."))
    columns = [Text("印出的文字", "as printed"), Text("原因", "reason"), Text("所属", "figure of"),
               Text("位置", "location"), Text("原文", "source text")]
    rows = [[f"<code>{show(u.raw_text)}</code>", show(u.parse_error), show(u.where),
             f'<span class="loc">{show(u.source_location)}</span>',
             marked(u.source_text, (u.raw_text,) if u.raw_text else ())] for u in unparsed]
    return _table(columns, rows, "unparsed")


def _findings_by_severity(findings: list[Finding], start: int) -> str:
    parts = []
    n = start
    for severity in [*SEVERITIES, *sorted({f.check.severity for f in findings} - set(SEVERITIES))]:
        group = [f for f in findings if f.check.severity == severity]
        if not group:
            continue
        heading = SEVERITY_PLURAL.get(severity, Text(severity, severity))
        parts.append(f'<h3 class="sev-{esc(severity)}">{bi(heading)} ({len(group)})</h3>')
        for f in group:
            n += 1
            parts.append(finding_html(f, n))
    return "\n".join(parts)


def document_html(doc: DocumentRow, counts: Counts | None, found: DocumentFindings, index_link: str) -> str:
    counts = counts or Counts()
    status = STATUS.get(doc.status, Text(doc.status, doc.status))
    meta = [(Text("文件", "file"), "<br>".join(esc(n) for n in doc.source_files)),
            (Text("部门", "department"), show(doc.department)), (Text("年度", "fiscal year"), show(doc.fiscal_year)),
            (Text("格式", "format"), _format(doc.file_format)), (Text("状态", "status"), bi(status)),
            (Text("版式", "layout profile"), show(doc.layout_profile)),
            (Text("文件编号", "document id"), f"<code>{esc(doc.document_id)}</code>"),
            (Text("已检查的勾稽关系", "identities evaluated"),
             f"{counts.evaluated} ({bi(Text('完全相等', 'exact'))} {counts.exact} · "
             f"{bi(Text('在舍入误差内', 'within rounding'))} {counts.within_rounding})")]
    meta_rows = "".join(f"<tr><th>{bi(k)}</th><td>{v}</td></tr>" for k, v in meta)
    violations = (_findings_by_severity(found.violations, 0) if found.violations
                  else _none(Text("所有勾稽关系都成立。", "Every identity holds.")))
    insufficient = (_findings_by_severity(found.insufficient, len(found.violations)) if found.insufficient
                    else _none(Text("没有因缺少数字而无法检查的勾稽关系。", "No identity lacked a number.")))
    body = f"""<nav><a href="{esc(index_link)}">← {bi(Text("全部文件", "all documents"))}</a></nav>
<header>
<h1>{esc(document_title(doc))} <span class="en" lang="en">findings</span></h1>
<table class="meta-table">{meta_rows}</table>
{_chips(counts)}
</header>
<section id="violations"><h2>{bi(Text("不成立的勾稽关系", "Identities that do not hold"))} ({len(found.violations)})</h2>
<p class="note">{bi(_VIOLATIONS_NOTE)}</p>
{violations}
</section>
<section id="insufficient"><h2>{bi(Text("数据不足，无法检查", "Insufficient data"))} ({len(found.insufficient)})</h2>
{insufficient}
</section>
<section id="issues"><h2>{bi(Text("提取问题", "Extraction issues"))} ({len(found.issues)})</h2>
{issues_html(found.issues)}
</section>
<section id="statements"><h2>{bi(Text("决算表读取情况", "Statements read"))} ({len(found.statements)})</h2>
{statements_html(found.statements, found.missing_statements)}
</section>
<section id="unparsed"><h2>{bi(Text("未能解析的数字", "Figures that did not parse"))} ({len(found.unparsed)})</h2>
{unparsed_html(found.unparsed)}
</section>"""
    return page(f"{document_title(doc)} — 检查结果 findings", body)

"""The rules over the statements themselves and the text against them (expectations/identities/statement_cells.yml,
text_and_statements.yml) on tiny in-memory marts, plus the severity/detail adjustments of growth_rate and the share
rules and a layout profile's skip list.

One consistent report (the nine statements of the national template and the explanations' figures, shaped like a
district department's 2024 report) must pass every rule; each seeded error is one edited cell or figure and must come
out as a violation with the numbers worked out by hand below (万元 in the comments, yuan in the assertions)."""
import copy
from decimal import Decimal

import duckdb
import pytest
import yaml

from pipelines.identities.engine import RULE_FAILED, evaluate
from pipelines.identities.registry import REGISTRY_DIR, load_rules

DOC = "doc"
PASSING = {"exact", "within_rounding"}
MONEY, PCT, PRINTED = "decimal(20,2)", "decimal(9,4)", "decimal(28,8)"

# The columns the rules read, typed as the dbt models type them (marts/*.sql, checked against a built warehouse).
# Every table is created, also without rows: the rules left-join them. A fixture naming another column fails.
_FIGURE = {"document_id": "varchar", "fiscal_year": "integer", "compared_year": "integer", "statement": "varchar",
           "family": "varchar", "subject": "varchar", "subject_zh": "varchar", "measure": "varchar",
           "printed_value": PRINTED, "printed_unit": "varchar", "printed_decimals": "integer", "amount_yuan": MONEY,
           "pct": PCT, "text_value": "varchar", "seq": "integer", "source_location": "varchar"}
_SHARES = {"document_id": "varchar", "statement": "varchar", "amount_yuan": MONEY, "printed_unit": "varchar",
           "printed_decimals": "integer", "share_pct": PCT, "share_printed_decimals": "integer", "basis": "varchar",
           "seq": "integer", "source_location": "varchar"}
SCHEMAS = {
    "marts.dim_document": {"document_id": "varchar", "fiscal_year": "integer", "status": "varchar",
                           "layout_profile": "varchar"},
    "marts.fct_statement": {"document_id": "varchar", "statement_seq": "integer", "statement": "varchar",
                            "occurrence": "integer", "printed_unit": "varchar", "is_empty": "boolean",
                            "source_location": "varchar"},
    "marts.fct_statement_cell": {
        "document_id": "varchar", "fiscal_year": "integer", "statement": "varchar", "statement_seq": "integer",
        "statement_occurrence": "integer", "row_seq": "integer", "block_seq": "integer", "row_code": "varchar",
        "row_label": "varchar", "row_level": "varchar", "row_key": "varchar", "row_occurrence": "integer",
        "function_code": "varchar", "economic_code": "varchar", "side": "varchar", "column_seq": "integer",
        "column_key": "varchar", "raw_text": "varchar", "printed_value": PRINTED, "amount_yuan": MONEY,
        "printed_unit": "varchar", "printed_decimals": "smallint", "source_location": "varchar"},
    "marts.fct_figure": _FIGURE,
    "intermediate.int_loaded_figures": _FIGURE,
    "marts.fct_expenditure_by_function": {
        "document_id": "varchar", "fiscal_year": "integer", "statement": "varchar", "level": "varchar",
        "function_code": "varchar", "class_name": "varchar", "kuan_name": "varchar", "xiang_name": "varchar",
        "amount_yuan": MONEY, "printed_unit": "varchar", "printed_decimals": "integer", "share_pct": PCT,
        "share_printed_decimals": "integer", "budget_completion_pct": PCT, "completion_printed_decimals": "integer",
        "variance_direction": "varchar", "seq": "integer", "source_location": "varchar",
        "budget_amount_yuan": MONEY, "budget_basis": "varchar"},
    "marts.fct_income_by_source": {**_SHARES, "source": "varchar"},
    "marts.fct_expenditure_by_type": {**_SHARES, "expenditure_type": "varchar"},
    "marts.fct_totals": {
        "document_id": "varchar", "statement": "varchar", "measure": "varchar", "amount_yuan": MONEY,
        "printed_unit": "varchar", "printed_decimals": "integer", "basis": "varchar", "change_amount_yuan": MONEY,
        "change_printed_decimals": "integer", "growth_pct": PCT, "growth_printed_decimals": "integer",
        "compared_year": "integer", "source_location": "varchar"},
    "marts.dim_glossary": {"document_id": "varchar", "seq": "integer", "seq_printed": "varchar",
                           "seq_number": "integer", "term": "varchar", "source_location": "varchar"},
}
# The narrative marts hold the explanations' figures as statement = 'text'.
DEFAULTS = {"document_id": DOC, "fiscal_year": 2024, "statement": "text"}
NATIONAL = [{"document_id": DOC, "status": "loaded", "layout_profile": "national_final_2024"}]


def warehouse(tables: dict[str, list[dict]]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema marts; create schema intermediate")
    for name, columns in SCHEMAS.items():
        con.execute(f"create table {name} ({', '.join(f'{c} {t}' for c, t in columns.items())})")
        rows = tables.get(name, [])
        for row in rows:
            assert set(row) <= set(columns), f"{name} has no column {set(row) - set(columns)}"
        if rows:  # one statement for all rows: executemany is slow in duckdb
            placeholders = ", ".join(f"({', '.join('?' for _ in columns)})" for _ in rows)
            con.execute(f"insert into {name} values {placeholders}", [
                str(v) if isinstance(v, Decimal) else v
                for row in rows for v in (row.get(c, DEFAULTS.get(c)) for c in columns)])
    return con


RULES = {rule.id: rule for rule in load_rules()}


def run(rule_id: str, tables: dict[str, list[dict]]):
    rows = evaluate(warehouse(tables), [RULES[rule_id]]).get(DOC, [])
    assert all(r.subject != RULE_FAILED for r in rows), rows[0].detail
    return rows


def only(rows, subject):
    found = [r for r in rows if r.subject == subject]
    assert len(found) == 1, (subject, [(r.subject, r.status, r.lhs, r.rhs) for r in rows])
    return found[0]


def yuan(printed: str) -> Decimal:
    """A figure printed in 万元 ('2,433.38'), in yuan."""
    return Decimal(printed.replace(",", "")) * 10000


def printed(text: str | None, unit: str = "万元") -> dict:
    """The printed-number columns of a cell or figure; None is a blank (NULL, never 0)."""
    if text is None:
        return {"raw_text": None, "printed_value": None, "amount_yuan": None, "printed_decimals": None,
                "printed_unit": unit}
    value = Decimal(text.replace(",", ""))
    return {"raw_text": text, "printed_value": value, "printed_decimals": len(text.partition(".")[2]),
            "printed_unit": unit, "amount_yuan": value * 10000 if unit == "万元" else None}


# ---- statements ------------------------------------------------------------------------------------------------

STATEMENT_SEQ = {code: seq for seq, code in enumerate(
    ["income_expenditure_summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
     "three_public", "government_fund", "state_capital"], 1)}
SUMMARIES = {"income_expenditure_summary", "fiscal_summary"}
TOTAL_LABELS = {"合计", "总计", "本年收入合计", "本年支出合计", "人员经费合计", "公用经费合计"}
ROW_KEYS = {"一般公共预算财政拨款收入": "general_public_budget", "政府性基金预算财政拨款收入": "government_fund",
            "其他收入": "other", "一般公共预算财政拨款": "general_public_budget",
            "政府性基金预算财政拨款": "government_fund"}
FUNCTION_LEVELS = {3: "class", 5: "kuan", 7: "xiang"}


def row_columns(statement: str, row: str | None) -> dict:
    """The row key columns of fct_statement_cell for a row printed as a label ('合计'), a code and its name
    ('208 社会保障和就业支出', '30217 公务接待费') or None (the 三公 statement's single unlabelled row)."""
    if row is None:
        return {"row_level": "line"}
    code, _, name = row.partition(" ")
    if not code.isdigit():
        return {"row_label": row, "row_level": "total" if row in TOTAL_LABELS else "line", "row_key": ROW_KEYS.get(row)}
    if statement == "gpb_basic":
        return {"row_code": code, "row_label": name, "economic_code": code,
                "row_level": "economic_class" if len(code) == 3 else "economic_item"}
    # the summaries print a 类 by name only; its code is looked up (int_statement_cells)
    return {"row_code": None if statement in SUMMARIES else code, "row_label": name, "function_code": code,
            "row_level": FUNCTION_LEVELS[len(code)]}


def statement(code: str, columns: tuple[str, ...], *rows: tuple, block: int = 1) -> list[dict]:
    """The cells of one block of a statement: each row is (row, printed value per column)."""
    cells, seen = [], {}
    for row_seq, (row, *values) in enumerate(rows, 1):
        assert len(values) == len(columns), row
        seen[row] = seen.get(row, 0) + 1
        for column_seq, (column_key, value) in enumerate(zip(columns, values), 10 * (block - 1) + 1):
            cells.append({
                "statement": code, "statement_seq": STATEMENT_SEQ[code], "statement_occurrence": 1,
                "row_seq": row_seq, "block_seq": block, "row_occurrence": seen[row], **row_columns(code, row),
                "side": column_key.split("_")[0] if code in SUMMARIES else None,
                "column_seq": column_seq, "column_key": column_key, **printed(value),
                "source_location": f"{code} row {row_seq} {column_key}"})
    return cells


FUNDS = ("carry_over_start", "income", "expenditure_total", "expenditure_basic", "expenditure_project",
         "carry_over_end")
THREE_PUBLIC = ("total_budget", "total_actual", "outbound_travel_budget", "outbound_travel_actual",
                "vehicle_purchase_and_operation_budget", "vehicle_purchase_and_operation_actual",
                "vehicle_purchase_budget", "vehicle_purchase_actual", "vehicle_operation_budget",
                "vehicle_operation_actual", "official_reception_budget", "official_reception_actual")


def statement_cells() -> list[dict]:
    """The nine statements, consistent (sums worked by hand in the comments)."""
    return [
        # 收入支出决算总表: 2,433.38 + 6.20 = 2,439.58; + 49.14 = 2,488.72 | 2,106.66 + 326.72 = 2,433.38; + 55.34 = 2,488.72
        *statement("income_expenditure_summary", ("income_amount",),
                   ("一般公共预算财政拨款收入", "2,433.38"), ("政府性基金预算财政拨款收入", None), ("其他收入", "6.20"),
                   ("本年收入合计", "2,439.58"), ("使用非财政拨款结余（含专用结余）", None), ("年初结转和结余", "49.14"),
                   ("总计", "2,488.72")),
        *statement("income_expenditure_summary", ("expenditure_amount",),
                   ("201 一般公共服务支出", "2,106.66"), ("208 社会保障和就业支出", "326.72"), ("本年支出合计", "2,433.38"),
                   ("结余分配", None), ("年末结转和结余", "55.34"), ("总计", "2,488.72"), block=2),
        # 收入决算表: 2,112.86 = 2,106.66 + 6.20; 2,112.86 + 326.72 = 2,439.58
        *statement("income", ("total", "fiscal_appropriation", "business", "other"),
                   ("合计", "2,439.58", "2,433.38", None, "6.20"),
                   ("201 一般公共服务支出", "2,112.86", "2,106.66", None, "6.20"),
                   ("208 社会保障和就业支出", "326.72", "326.72", None, None)),
        # 支出决算表: 1,503.52 + 326.72 = 1,830.24; 1,830.24 + 603.14 = 2,433.38
        *statement("expenditure", ("total", "basic", "project"),
                   ("合计", "2,433.38", "1,830.24", "603.14"),
                   ("201 一般公共服务支出", "2,106.66", "1,503.52", "603.14"),
                   ("208 社会保障和就业支出", "326.72", "326.72", None)),
        # 财政拨款收入支出决算总表: 2,433.38 + 21.63 = 2,455.01 on both sides
        *statement("fiscal_summary", ("income_amount",),
                   ("一般公共预算财政拨款", "2,433.38"), ("政府性基金预算财政拨款", None), ("本年收入合计", "2,433.38"),
                   ("年初财政拨款结转和结余", "21.63"), ("一般公共预算财政拨款", "21.63"), ("政府性基金预算财政拨款", None),
                   ("总计", "2,455.01")),
        *statement("fiscal_summary",
                   ("expenditure_total", "expenditure_general_public_budget", "expenditure_government_fund"),
                   ("201 一般公共服务支出", "2,106.66", "2,106.66", None),
                   ("208 社会保障和就业支出", "326.72", "326.72", None),
                   ("本年支出合计", "2,433.38", "2,433.38", None),
                   ("年末财政拨款结转和结余", "21.63", "21.63", None),
                   ("总计", "2,455.01", "2,455.01", None), block=2),
        # 一般公共预算财政拨款支出决算表: 1,511.89 + 594.77 = 2,106.66; 84.65 + 160.75 + 80.38 + 0.94 = 326.72
        *statement("gpb_expenditure", ("total", "basic", "project"),
                   ("201 一般公共服务支出", "2,106.66", "1,503.52", "603.14"),
                   ("20106 财政事务", "2,106.66", "1,503.52", "603.14"),
                   ("2010601 行政运行", "1,511.89", "1,503.52", "8.37"),
                   ("2010607 信息化建设", "594.77", None, "594.77"),
                   ("208 社会保障和就业支出", "326.72", "326.72", None),
                   ("20805 行政事业单位养老支出", "326.72", "326.72", None),
                   ("2080501 行政单位离退休", "84.65", "84.65", None),
                   ("2080505 机关事业单位基本养老保险缴费支出", "160.75", "160.75", None),
                   ("2080506 机关事业单位职业年金缴费支出", "80.38", "80.38", None),
                   ("2080599 其他行政事业单位养老支出", "0.94", "0.94", None),
                   ("合计", "2,433.38", "1,830.24", "603.14")),
        # 基本支出决算表: 人员 900.00 + 660.24 = 1,560.24; + 69.41 = 1,629.65
        #                 公用 184.51 + 0.70 + 1.80 = 187.01; + 13.58 = 200.59; 1,629.65 + 200.59 = 1,830.24
        *statement("gpb_basic", ("amount",),
                   ("301 工资福利支出", "1,560.24"), ("30101 基本工资", "900.00"), ("30102 津贴补贴", "660.24"),
                   ("303 对个人和家庭的补助", "69.41"), ("30302 退休费", "69.41"), ("人员经费合计", "1,629.65")),
        *statement("gpb_basic", ("amount",),
                   ("302 商品和服务支出", "187.01"), ("30201 办公费", "184.51"), ("30212 因公出国（境）费用", None),
                   ("30217 公务接待费", "0.70"), ("30231 公务用车运行维护费", "1.80"), ("310 资本性支出", "13.58"),
                   ("31002 办公设备购置", "13.58"), ("31013 公务用车购置", None), ("公用经费合计", "200.59"), block=2),
        # 三公: 预算 2.00 + 1.00 = 3.00, 决算 1.80 + 0.70 = 2.50; 车辆 = 运行 only
        *statement("three_public", THREE_PUBLIC,
                   (None, "3.00", "2.50", None, None, "2.00", "1.80", None, None, "2.00", "1.80", "1.00", "0.70")),
        # the two fund statements are printed empty
        *statement("government_fund", FUNDS, ("合计", None, None, None, None, None, None)),
        *statement("state_capital", FUNDS, ("合计", None, None, None, None, None, None)),
    ]


def figure(family: str, subject: str, measure: str, value: str | None = None, unit: str = "万元", **extra) -> dict:
    """A figure of the explanations (fct_figure, statement = 'text')."""
    row = {"family": family, "subject": subject, "measure": measure, "source_location": f"text {family}/{subject}",
           **(printed(value, unit) if value is not None else {}), **extra}
    row.pop("raw_text", None)
    if unit == "%" and value is not None:
        row["pct"] = row["printed_value"]
    return row


def text_figures() -> list[dict]:
    return [
        figure("totals", "income_expenditure_grand_total", "amount", "2,488.72"),
        figure("income_by_source", "total", "amount", "2,439.58"),
        figure("income_by_source", "fiscal_appropriation", "amount", "2,433.38"),
        figure("income_by_source", "other", "amount", "6.20"),
        figure("expenditure_by_type", "total", "amount", "2,433.38"),
        figure("expenditure_by_type", "basic", "amount", "1,830.24"),
        figure("expenditure_by_type", "project", "amount", "603.14"),
        figure("totals", "fiscal_income_expenditure_grand_total", "amount", "2,455.01"),
        figure("totals", "general_public_budget_expenditure", "amount", "2,433.38"),
        # the prior year's amount is not compared with this year's statements
        figure("totals", "general_public_budget_expenditure", "amount", "2,496.52", compared_year=2023),
        figure("gpb_by_class", "total", "amount", "2,433.38"),
        figure("totals", "gpb_basic_expenditure", "amount", "1,830.24"),
        figure("totals", "gpb_personnel", "amount", "1,629.65"),
        figure("totals", "gpb_public", "amount", "200.59"),
        figure("totals", "organ_operating_expenses", "amount", "200.59"),
        # 2,433.38 / 2,500.00 = 97.3352 % → 97.34 %, 决算数小于预算数
        figure("gpb_execution", "general_public_budget_expenditure", "amount", "2,433.38"),
        figure("gpb_execution", "general_public_budget_expenditure", "budget", "2,500.00"),
        figure("gpb_execution", "general_public_budget_expenditure", "completion", "97.34", "%"),
        figure("gpb_execution", "general_public_budget_expenditure", "variance_direction", text_value="less"),
        # 三公: 2.50 / 3.00 = 83.3333 % → 83.33 %; 因公出国 printed as 0万元 where the statement is blank
        figure("totals", "three_public_total", "amount", "2.50"),
        figure("totals", "three_public_total", "budget", "3.00"),
        figure("totals", "three_public_total", "completion", "83.33", "%"),
        figure("totals", "three_public_total", "variance_direction", text_value="less"),
        figure("three_public", "outbound_travel", "amount", "0"),
        figure("three_public", "vehicle_purchase_and_operation", "amount", "1.80"),
        figure("three_public", "official_reception", "amount", "0.70"),
        figure("government_fund", "statement", "absence", text_value="none"),
        figure("state_capital", "statement", "absence", text_value="none"),
    ]


def text_class(code: str, name: str, amount: str, share: str) -> dict:
    """A 类 of §五(二) (fct_expenditure_by_function, statement = 'text')."""
    money = printed(amount)
    return {"level": "class", "function_code": code, "class_name": name, "amount_yuan": money["amount_yuan"],
            "printed_decimals": money["printed_decimals"], "printed_unit": "万元", "share_pct": Decimal(share),
            "share_printed_decimals": len(share.partition(".")[2]), "source_location": f"text class {code}"}


def text_item(code: str, name: str, amount: str, budget: str, word: str, completion: str) -> dict:
    """A 项 of §五(三) with its printed budget (budget_basis reported), direction word and completion rate."""
    money = printed(amount)
    return {"level": "xiang", "function_code": code, "xiang_name": name, "amount_yuan": money["amount_yuan"],
            "printed_decimals": money["printed_decimals"], "printed_unit": "万元", "budget_amount_yuan": yuan(budget),
            "budget_basis": "reported", "variance_direction": word, "budget_completion_pct": Decimal(completion),
            "completion_printed_decimals": len(completion.partition(".")[2]), "source_location": f"text item {code}"}


def text_functions() -> list[dict]:
    return [
        text_class("201", "一般公共服务支出", "2,106.66", "86.57"),   # 2,106.66 / 2,433.38 = 86.5734 %
        text_class("208", "社会保障和就业支出", "326.72", "13.43"),   # 326.72 / 2,433.38 = 13.4266 %
        # 1,511.89 / 1,520.00 = 99.4664 %; 594.77 / 594.77 = 100 %; 160.75 / 150.00 = 107.1667 %
        text_item("2010601", "行政运行", "1,511.89", "1,520.00", "less", "99.47"),
        text_item("2010607", "信息化建设", "594.77", "594.77", "equal", "100.00"),
        text_item("2080505", "机关事业单位基本养老保险缴费支出", "160.75", "150.00", "greater", "107.17"),
    ]


def report() -> dict[str, list[dict]]:
    """The consistent report: every rule of both files finds something to check in it, and it all holds."""
    cells = statement_cells()
    return {
        "marts.dim_document": copy.deepcopy(NATIONAL),
        "marts.fct_statement": [{"statement": code, "statement_seq": seq, "occurrence": 1, "printed_unit": "万元",
                                 "source_location": f"{code} table"} for code, seq in STATEMENT_SEQ.items()],
        "marts.fct_statement_cell": cells,
        "marts.fct_figure": text_figures(),
        "marts.fct_expenditure_by_function": text_functions(),
    }


# ---- seeding one error -------------------------------------------------------------------------------------------

def _matches(cell: dict, row: str | None, occurrence: int) -> bool:
    if row is None:
        return cell.get("row_label") is None and cell["row_occurrence"] == occurrence
    code = row.partition(" ")[0]
    if code.isdigit():
        return code in (cell.get("function_code"), cell.get("economic_code"))
    return cell.get("row_label") == row and cell["row_occurrence"] == occurrence


def set_cell(tables, statement_code: str, row: str | None, column_key: str, value: str | None, occurrence: int = 1):
    """Print another value (None: a blank) in one existing cell."""
    found = [c for c in tables["marts.fct_statement_cell"] if c["statement"] == statement_code
             and c["column_key"] == column_key and _matches(c, row, occurrence)]
    assert len(found) == 1, (statement_code, row, column_key, len(found))
    found[0].update(printed(value))


def drop_row(tables, statement_code: str, row: str):
    tables["marts.fct_statement_cell"] = [c for c in tables["marts.fct_statement_cell"]
                                          if not (c["statement"] == statement_code and _matches(c, row, 1))]


def drop_statement(tables, statement_code: str):
    """The report lacks the statement altogether."""
    tables["marts.fct_statement_cell"] = [c for c in tables["marts.fct_statement_cell"]
                                          if c["statement"] != statement_code]
    tables["marts.fct_statement"] = [s for s in tables["marts.fct_statement"] if s["statement"] != statement_code]


def set_figure(tables, family: str, subject: str, measure: str, value: str | None = None, unit: str = "万元", **extra):
    found = [f for f in tables["marts.fct_figure"]
             if (f["family"], f["subject"], f["measure"]) == (family, subject, measure) and "compared_year" not in f]
    if found:
        tables["marts.fct_figure"].remove(found[0])
    tables["marts.fct_figure"].append(figure(family, subject, measure, value, unit, **extra))


def set_function(tables, code: str, **changes):
    found = [f for f in tables["marts.fct_expenditure_by_function"] if f["function_code"] == code]
    assert len(found) == 1, code
    if "amount" in changes:
        found[0]["amount_yuan"] = yuan(changes.pop("amount"))
    found[0].update(changes)


def cell(*args, **kwargs):
    return lambda tables: set_cell(tables, *args, **kwargs)


def text(*args, **kwargs):
    return lambda tables: set_figure(tables, *args, **kwargs)


def function(code, **changes):
    return lambda tables: set_function(tables, code, **changes)


def seeded(*edits):
    tables = report()
    for edit in edits:
        edit(tables)
    return tables


# ---- every rule: the consistent report passes, each seeded error is the violation worked out by hand ---------------

RULE_FILES = ("statement_cells.yml", "text_and_statements.yml")
# How many subjects each rule checks in the consistent report (so that a pass is not a rule that found nothing).
CHECKED = {
    # rows with a total and its parts: income 3, expenditure 3, fiscal_summary 5 (its expenditure_total rows),
    # gpb_expenditure 11, three_public 4 (two totals, two 车辆 subtotals); the empty fund statements none
    "statement_row_parts_sum": 26,
    # gpb_expenditure 201 and 20106 in 3 columns, 208 and 20805 in the 2 they print
    "statement_hierarchy_sum": 10,
    # 合计 of income (3 printed columns), expenditure (3), gpb_expenditure (3)
    "statement_total_row_sum": 9,
    "basic_statement_hierarchy_sum": 4,
    "basic_statement_personnel_public": 2,
    # summary: 本年收入合计, 本年支出合计; fiscal_summary: 本年收入合计, 本年支出合计 ×2 columns, 年初…结转和结余
    "summary_side_totals": 6,
    # summary 总计 ×2 sides; fiscal_summary 总计 income + 2 expenditure columns
    "summary_grand_totals": 5,
    "summary_income_equals_expenditure_total": 2,
    "statements_agree": 4,
    "statement_classes_agree": 4,
    "basic_statement_matches_gpb_basic": 1,
    "three_public_economic_lines_within_statement": 2,
    "fund_statement_matches_fiscal_summary": 2,
    "text_totals_match_statements": 19,
    "text_classes_match_gpb_statement": 2,
    "text_items_match_gpb_statement": 3,
    "organ_operating_equals_public_expenses": 1,
    "text_absence_matches_statement": 2,
    "variance_word_less_or_greater": 4,
    "variance_word_equal": 1,
    "text_completion_rate": 5,
}


def test_every_rule_of_the_two_files_is_covered():
    ids = {r["id"] for f in RULE_FILES for r in yaml.safe_load((REGISTRY_DIR / f).read_text(encoding="utf-8"))["rules"]}
    assert ids == set(CHECKED)
    assert ids == {case[0] for case in CASES}


@pytest.mark.parametrize("rule_id", sorted(CHECKED))
def test_consistent_report_passes(rule_id):
    rows = run(rule_id, report())
    assert [(r.subject, r.status, r.lhs, r.rhs, r.detail) for r in rows if r.status not in PASSING] == []
    assert len(rows) == CHECKED[rule_id], sorted(r.subject for r in rows)


CASES = [
    # ---- statement_cells.yml
    ("statement_row_parts_sum", [cell("gpb_expenditure", "2010601", "project", "18.37")],
     "gpb_expenditure 2010601 total", yuan("1521.89"), yuan("1511.89")),          # 1,503.52 + 18.37
    ("statement_row_parts_sum", [cell("three_public", None, "official_reception_actual", "0.90")],
     "three_public row 1 total_actual", yuan("2.70"), yuan("2.50")),              # 1.80 + 0.90
    ("statement_row_parts_sum", [cell("income", "合计", "other", "6.02")],
     "income 合计 total", yuan("2439.40"), yuan("2439.58")),                      # 2,433.38 + 6.02
    ("statement_row_parts_sum", [cell("expenditure", "208", "basic", "362.72")],
     "expenditure 208 total", yuan("362.72"), yuan("326.72")),
    ("statement_row_parts_sum", [cell("fiscal_summary", "本年支出合计", "expenditure_general_public_budget", "2,343.38")],
     "fiscal_summary 本年支出合计 expenditure_total", yuan("2343.38"), yuan("2433.38")),
    ("statement_row_parts_sum", [cell("government_fund", "合计", "expenditure_total", "12.00"),
                                 cell("government_fund", "合计", "expenditure_basic", "10.00"),
                                 cell("government_fund", "合计", "expenditure_project", "1.00")],
     "government_fund 合计 expenditure_total", yuan("11.00"), yuan("12.00")),
    ("statement_hierarchy_sum", [cell("gpb_expenditure", "2080506", "total", "80.83")],
     "gpb_expenditure 20805 total", yuan("327.17"), yuan("326.72")),              # 84.65 + 160.75 + 80.83 + 0.94
    ("statement_hierarchy_sum", [cell("gpb_expenditure", "20106", "project", "630.14")],
     "gpb_expenditure 201 project", yuan("630.14"), yuan("603.14")),
    ("statement_total_row_sum", [cell("expenditure", "合计", "basic", "1,803.24")],
     "expenditure 合计 basic", yuan("1830.24"), yuan("1803.24")),                 # 1,503.52 + 326.72
    ("statement_total_row_sum", [cell("income", "208", "total", "362.72")],
     "income 合计 total", yuan("2475.58"), yuan("2439.58")),                      # 2,112.86 + 362.72
    ("basic_statement_hierarchy_sum", [cell("gpb_basic", "30102", "amount", "606.24")],
     "gpb_basic 301", yuan("1506.24"), yuan("1560.24")),                          # 900.00 + 606.24
    ("basic_statement_personnel_public", [cell("gpb_basic", "公用经费合计", "amount", "205.09")],
     "gpb_basic 公用经费合计", yuan("200.59"), yuan("205.09")),                    # 187.01 + 13.58
    ("basic_statement_personnel_public", [cell("gpb_basic", "303", "amount", "96.41")],
     "gpb_basic 人员经费合计", yuan("1656.65"), yuan("1629.65")),                  # 1,560.24 + 96.41
    ("summary_side_totals", [cell("income_expenditure_summary", "其他收入", "income_amount", "6.02")],
     "income_expenditure_summary 本年收入合计 income_amount", yuan("2439.40"), yuan("2439.58")),
    ("summary_side_totals", [cell("income_expenditure_summary", "208", "expenditure_amount", "362.72")],
     "income_expenditure_summary 本年支出合计 expenditure_amount", yuan("2469.38"), yuan("2433.38")),  # 2,106.66 + 362.72
    ("summary_side_totals", [cell("fiscal_summary", "一般公共预算财政拨款", "income_amount", "21.36", occurrence=2)],
     "fiscal_summary 年初财政拨款结转和结余 income_amount", yuan("21.36"), yuan("21.63")),
    ("summary_grand_totals", [cell("income_expenditure_summary", "年末结转和结余", "expenditure_amount", "55.43")],
     "income_expenditure_summary 总计 expenditure_amount", yuan("2488.81"), yuan("2488.72")),  # 2,433.38 + 55.43
    ("summary_grand_totals", [cell("fiscal_summary", "年初财政拨款结转和结余", "income_amount", "12.63")],
     "fiscal_summary 总计 income_amount", yuan("2446.01"), yuan("2455.01")),      # 2,433.38 + 12.63
    # the same figure printed twice: one unit of difference is already a violation (tolerance same_figure)
    ("summary_income_equals_expenditure_total",
     [cell("income_expenditure_summary", "总计", "expenditure_amount", "2,488.73")],
     "income_expenditure_summary 总计", yuan("2488.72"), yuan("2488.73")),
    ("summary_income_equals_expenditure_total", [cell("fiscal_summary", "总计", "expenditure_total", "2,455.10")],
     "fiscal_summary 总计", yuan("2455.01"), yuan("2455.10")),
    ("statements_agree", [cell("income", "合计", "fiscal_appropriation", "2,433.83")],
     "财政拨款收入: 收入决算表 / 财政拨款总表", yuan("2433.83"), yuan("2433.38")),
    ("statements_agree", [cell("gpb_expenditure", "合计", "total", "2,433.39")],
     "一般公共预算财政拨款支出: 财政拨款总表 / 一般公共预算财政拨款支出决算表", yuan("2433.38"), yuan("2433.39")),
    ("statements_agree", [cell("income_expenditure_summary", "本年支出合计", "expenditure_amount", "2,433.37")],
     "本年支出合计: 总表 / 支出决算表", yuan("2433.37"), yuan("2433.38")),
    ("statement_classes_agree", [cell("fiscal_summary", "208", "expenditure_general_public_budget", "362.72")],
     "fiscal_summary/gpb_expenditure 208 社会保障和就业支出", yuan("362.72"), yuan("326.72")),
    # the 支出决算表 prints no 项 under 201: a difference of one unit is no rounding artefact there
    ("statement_classes_agree", [cell("income_expenditure_summary", "201", "expenditure_amount", "2,106.65")],
     "income_expenditure_summary/expenditure 201 一般公共服务支出", yuan("2106.65"), yuan("2106.66")),
    ("basic_statement_matches_gpb_basic", [cell("gpb_expenditure", "合计", "basic", "1,830.42")],
     "gpb_basic_expenditure", yuan("1830.24"), yuan("1830.42")),                  # 1,629.65 + 200.59
    ("three_public_economic_lines_within_statement", [cell("gpb_basic", "30217", "amount", "0.97")],
     "gpb_basic 30217 / three_public official_reception_actual", yuan("0.97"), yuan("0.70")),
    ("three_public_economic_lines_within_statement", [cell("gpb_basic", "30212", "amount", "0.50")],
     "gpb_basic 30212 / three_public outbound_travel_actual", yuan("0.50"), Decimal(0)),
    ("fund_statement_matches_fiscal_summary",
     [cell("fiscal_summary", "本年支出合计", "expenditure_government_fund", "12.00")],
     "政府性基金 本年支出", Decimal(0), yuan("12.00")),
    ("fund_statement_matches_fiscal_summary", [cell("government_fund", "合计", "expenditure_total", "12.00")],
     "政府性基金 本年支出", yuan("12.00"), Decimal(0)),
    # ---- text_and_statements.yml
    ("text_totals_match_statements", [text("expenditure_by_type", "basic", "amount", "1,830.25")],
     "expenditure_by_type/basic/amount vs expenditure", yuan("1830.25"), yuan("1830.24")),
    ("text_totals_match_statements", [text("totals", "three_public_total", "budget", "3.50")],
     "totals/three_public_total/budget vs three_public", yuan("3.50"), yuan("3.00")),
    ("text_totals_match_statements", [text("totals", "gpb_public", "amount", "187.01")],
     "totals/gpb_public/amount vs gpb_basic", yuan("187.01"), yuan("200.59")),
    ("text_classes_match_gpb_statement", [function("208", amount="326.27")],
     "gpb class 208", yuan("326.27"), yuan("326.72")),
    ("text_items_match_gpb_statement", [function("2010601", amount="1,511.98")],
     "gpb item 2010601", yuan("1511.98"), yuan("1511.89")),
    # 机关运行经费 given as 302 alone (187.01) instead of 公用经费合计
    ("organ_operating_equals_public_expenses", [text("totals", "organ_operating_expenses", "amount", "187.01")],
     "organ_operating_expenses vs 公用经费合计", yuan("187.01"), yuan("200.59")),
    ("text_absence_matches_statement", [cell("government_fund", "合计", "expenditure_total", "12.00"),
                                        cell("government_fund", "合计", "expenditure_basic", "12.00")],
     "text says no government_fund", Decimal(2), Decimal(0)),
    # "小于" where the actual is above the budget (le: actual ≤ budget), "大于" where it is below (budget ≤ actual)
    ("variance_word_less_or_greater", [function("2080505", variance_direction="less")],
     "gpb item 2080505 said less", yuan("160.75"), yuan("150.00")),
    ("variance_word_less_or_greater", [function("2010601", variance_direction="greater")],
     "gpb item 2010601 said greater", yuan("1520.00"), yuan("1511.89")),
    ("variance_word_less_or_greater",
     [text("gpb_execution", "general_public_budget_expenditure", "variance_direction", text_value="greater")],
     "gpb_execution/general_public_budget_expenditure said greater", yuan("2500.00"), yuan("2433.38")),
    ("variance_word_less_or_greater", [text("totals", "three_public_total", "budget", "2.00")],
     "totals/three_public_total said less", yuan("2.50"), yuan("2.00")),
    ("variance_word_equal", [function("2010607", budget_amount_yuan=yuan("549.77"))],
     "gpb item 2010607 said equal", yuan("594.77"), yuan("549.77")),
    ("variance_word_equal", [function("2010607", budget_amount_yuan=yuan("549.77"), variance_direction="flat")],
     "gpb item 2010607 said flat", yuan("594.77"), yuan("549.77")),
    # completion: lhs is the exact rate to 4 places, rhs the printed one
    ("text_completion_rate", [function("2010601", budget_completion_pct=Decimal("94.47"))],
     "gpb item 2010601 completion", Decimal("99.4664"), Decimal("94.47")),          # 1,511.89 / 1,520.00
    ("text_completion_rate", [text("totals", "three_public_total", "completion", "88.33", "%")],
     "totals/three_public_total completion", Decimal("83.3333"), Decimal("88.33")),  # 2.50 / 3.00
    ("text_completion_rate",
     [text("gpb_execution", "general_public_budget_expenditure", "completion", "97.43", "%")],
     "gpb_execution/general_public_budget_expenditure completion", Decimal("97.3352"), Decimal("97.43")),
]


@pytest.mark.parametrize("rule_id, edits, subject, lhs, rhs", CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_seeded_error_is_a_violation(rule_id, edits, subject, lhs, rhs):
    row = only(run(rule_id, seeded(*edits)), subject)
    assert (row.status, row.severity, row.lhs, row.rhs) == ("violation", RULES[rule_id].severity, lhs, rhs)


# ---- statements_agree / text_totals_match_statements: a missing statement is named, a blank cell is a finding -------

def test_statements_agree_names_a_missing_statement():
    tables = seeded(lambda t: drop_statement(t, "gpb_expenditure"))
    row = only(run("statements_agree", tables), "一般公共预算财政拨款支出: 财政拨款总表 / 一般公共预算财政拨款支出决算表")
    assert (row.status, row.severity, row.lhs) == ("insufficient_data", "warning", None)
    assert "statement 一般公共预算财政拨款支出决算表 (gpb_expenditure) is not in the report" in row.detail


def test_statements_agree_blank_cell_is_insufficient_data_naming_the_cell():
    row = only(run("statements_agree", seeded(cell("expenditure", "合计", "total", None))), "本年支出合计: 总表 / 支出决算表")
    assert (row.status, row.severity) == ("insufficient_data", "warning")
    assert "支出决算表 prints no 合计 in this column" in row.detail


def test_text_totals_name_a_missing_statement():
    rows = run("text_totals_match_statements", seeded(lambda t: drop_statement(t, "income_expenditure_summary")))
    for subject in ("totals/income_expenditure_grand_total/amount vs income_expenditure_summary",
                    "income_by_source/total/amount vs income_expenditure_summary"):
        row = only(rows, subject)
        assert (row.status, row.severity) == ("insufficient_data", "warning")
        assert "statement 收入支出决算总表 (income_expenditure_summary) is not in the report" in row.detail
    assert sorted(r.subject for r in rows if r.status not in PASSING) == [
        "income_by_source/total/amount vs income_expenditure_summary",
        "totals/income_expenditure_grand_total/amount vs income_expenditure_summary"]


def test_text_number_against_a_blank_statement_cell_is_a_violation():
    """事业收入 188.69万元 in the text while the 收入决算表 prints its 事业收入 cell blank: the statement says nothing
    was received — the contradiction is the finding (blank counts as 0, not as missing data)."""
    row = only(run("text_totals_match_statements", seeded(text("income_by_source", "business", "amount", "188.69"))),
               "income_by_source/business/amount vs income")
    assert (row.status, row.severity, row.lhs, row.rhs) == ("violation", "warning", yuan("188.69"), Decimal(0))
    assert row.detail == "收入决算表 prints no number here"
    assert row.related_location == "income row 1 business"


def test_text_zero_against_a_blank_statement_cell_passes():
    row = only(run("text_totals_match_statements", report()), "three_public/outbound_travel/amount vs three_public")
    assert (row.status, row.lhs, row.rhs) == ("exact", Decimal(0), Decimal(0))


def test_text_class_the_statement_lacks_is_a_violation_naming_it():
    tables = seeded(lambda t: t["marts.fct_expenditure_by_function"].append(
        text_class("210", "卫生健康支出", "60.99", "2.50")))
    row = only(run("text_classes_match_gpb_statement", tables), "gpb class 210")
    assert (row.status, row.lhs, row.rhs) == ("violation", yuan("60.99"), Decimal(0))
    assert row.detail == "the statement has no row for class 卫生健康支出"


# ---- statement_classes_agree: a rounding artefact is info, a real difference a warning ------------------------------

@pytest.mark.parametrize("printed_class, severity", [
    ("326.71", "info"),     # 0.01 ≤ 4 items × 0.005: the summary prints the class as the rounded items' sum
    ("326.70", "info"),     # 0.02 = 4 × 0.005, the most four rounded items can differ
    ("326.69", "warning"),  # 0.03: more than rounding explains
    ("362.72", "warning"),
])
def test_class_in_two_statements_rounding_artefact_is_info(printed_class, severity):
    tables = seeded(cell("fiscal_summary", "208", "expenditure_general_public_budget", printed_class))
    row = only(run("statement_classes_agree", tables), "fiscal_summary/gpb_expenditure 208 社会保障和就业支出")
    assert (row.status, row.severity, row.lhs, row.rhs) == ("violation", severity, yuan(printed_class), yuan("326.72"))
    if severity == "info":
        assert row.detail == "a rounding artefact: gpb_expenditure prints the class as the sum of its 4 rounded items"
    else:
        assert row.detail is None


def test_class_the_other_statement_lacks_is_insufficient_data_naming_it():
    row = only(run("statement_classes_agree", seeded(lambda t: drop_row(t, "expenditure", "208"))),
               "income_expenditure_summary/expenditure 208 社会保障和就业支出")
    assert (row.status, row.severity) == ("insufficient_data", "warning")
    assert "expenditure prints no amount for class 208" in row.detail


# ---- summary_grand_totals: the income line printed with its parenthesis ------------------------------------------

def test_grand_total_counts_use_of_non_fiscal_balance_printed_with_its_note():
    """The 2024 template prints 使用非财政拨款结余（含专用结余）: it is a part of 总计 under that label too."""
    def printed_balance(total):
        return seeded(cell("income_expenditure_summary", "使用非财政拨款结余（含专用结余）", "income_amount", "10.00"),
                      cell("income_expenditure_summary", "总计", "income_amount", total))
    subject = "income_expenditure_summary 总计 income_amount"
    assert only(run("summary_grand_totals", printed_balance("2,498.72")), subject).status == "exact"
    row = only(run("summary_grand_totals", printed_balance("2,488.72")), subject)
    assert (row.status, row.lhs, row.rhs) == ("violation", yuan("2498.72"), yuan("2488.72"))  # 2,439.58 + 10.00 + 49.14


# ---- fund statements, 三公 lines ------------------------------------------------------------------------------------

def test_fund_expenditure_printed_in_both_statements_passes():
    tables = seeded(cell("fiscal_summary", "本年支出合计", "expenditure_government_fund", "12.00"),
                    cell("government_fund", "合计", "expenditure_total", "12.00"))
    row = only(run("fund_statement_matches_fiscal_summary", tables), "政府性基金 本年支出")
    assert (row.status, row.lhs, row.rhs) == ("exact", yuan("12.00"), yuan("12.00"))


def test_three_public_line_against_a_blank_component_names_it():
    tables = seeded(cell("gpb_basic", "30212", "amount", "0.50"))
    row = only(run("three_public_economic_lines_within_statement", tables),
               "gpb_basic 30212 / three_public outbound_travel_actual")
    assert row.detail == "the 三公 statement prints no 决算数 for this component"


# ---- the text's absence statements ------------------------------------------------------------------------------

def no_three_public(*actual: tuple[str, str]) -> dict[str, list[dict]]:
    """The text says 无“三公”经费财政拨款支出; the statement prints a budget of 0.95 for 公务接待 and `actual` cells."""
    values = {"total_budget": "0.95", "official_reception_budget": "0.95", **dict(actual)}
    return {
        "marts.dim_document": copy.deepcopy(NATIONAL),
        "marts.fct_statement": [{"statement": "three_public", "statement_seq": 7, "occurrence": 1}],
        "marts.fct_statement_cell": statement("three_public", THREE_PUBLIC,
                                              (None, *(values.get(c) for c in THREE_PUBLIC))),
        "marts.fct_figure": [figure("totals", "three_public_total", "absence", text_value="none")],
    }


def test_no_three_public_spending_with_a_printed_budget_passes():
    row = only(run("text_absence_matches_statement", no_three_public()), "text says no three_public")
    assert (row.status, row.lhs, row.rhs) == ("exact", Decimal(0), Decimal(0))


def test_no_three_public_spending_with_zero_actuals_passes():
    zeros = no_three_public(("total_actual", "0.00"), ("official_reception_actual", "0.00"))
    assert only(run("text_absence_matches_statement", zeros), "text says no three_public").status == "exact"


def test_no_three_public_spending_with_an_actual_printed_is_a_violation():
    tables = no_three_public(("total_actual", "0.80"), ("official_reception_actual", "0.80"))
    row = only(run("text_absence_matches_statement", tables), "text says no three_public")
    assert (row.status, row.severity, row.lhs, row.rhs) == ("violation", "warning", Decimal(2), Decimal(0))
    assert row.detail == "财政拨款“三公”经费支出决算表 prints 2 numbers"


# ---- direction words and completion rates against the 全年预算 -------------------------------------------------------

def full_year(word: str | None, full_year_budget: str | None, completion: str | None) -> dict[str, list[dict]]:
    """§五(三) of a department founded in the year: 年初预算 0万元, 全年预算 as given, 决算 307.82万元."""
    subject = ("gpb_execution", "general_public_budget_expenditure")
    figures = [figure(*subject, "amount", "307.82"), figure(*subject, "budget", "0")]
    if full_year_budget:
        figures.append(figure(*subject, "full_year_budget", full_year_budget))
    if completion:
        figures.append(figure(*subject, "completion", completion, "%"))
    if word:
        figures.append(figure(*subject, "variance_direction", text_value=word))
    return {"marts.dim_document": copy.deepcopy(NATIONAL), "marts.fct_figure": figures}


def test_variance_word_compares_with_the_full_year_budget():
    subject = "gpb_execution/general_public_budget_expenditure said less"
    assert only(run("variance_word_less_or_greater", full_year("less", "321.02", None)), subject).status == "exact"
    row = only(run("variance_word_less_or_greater", full_year("less", "300.00", None)), subject)
    assert (row.status, row.lhs, row.rhs) == ("violation", yuan("307.82"), yuan("300.00"))


def test_variance_word_against_a_zero_budget_without_full_year_budget():
    row = only(run("variance_word_less_or_greater", full_year("less", None, None)),
               "gpb_execution/general_public_budget_expenditure said less")
    assert (row.status, row.lhs, row.rhs) == ("violation", yuan("307.82"), Decimal(0))


def test_variance_word_equal_within_the_printed_rounding_passes():
    """等于 with 594.77 against 594.78: the two prints may round the same amount (± 0.005 each)."""
    row = only(run("variance_word_equal", seeded(function("2010607", budget_amount_yuan=yuan("594.78")))),
               "gpb item 2010607 said equal")
    assert row.status == "within_rounding"


def test_completion_rate_against_the_full_year_budget():
    """年初预算 0, 全年预算 321.02: 307.82 / 321.02 = 95.8881 % → 完成全年预算的95.89%."""
    subject = "gpb_execution/general_public_budget_expenditure completion"
    row = only(run("text_completion_rate", full_year(None, "321.02", "95.89")), subject)
    assert (row.status, row.lhs, row.rhs) == ("exact", Decimal("95.8881"), Decimal("95.89"))
    assert row.detail == "the text says 年初预算 is 0: the rate printed is the one against the 全年预算"
    row = only(run("text_completion_rate", full_year(None, "321.02", "98.50")), subject)
    assert (row.status, row.severity, row.lhs, row.rhs) == (
        "violation", "warning", Decimal("95.8881"), Decimal("98.50"))


def test_completion_rate_over_a_zero_budget_is_not_computable_info():
    row = only(run("text_completion_rate", full_year(None, None, "95.89")),
               "gpb_execution/general_public_budget_expenditure completion")
    assert (row.status, row.severity) == ("insufficient_data", "info")
    assert row.detail == ("denominator 0.00 can be zero: the ratio is not computable; "
                          "the budget printed is 0: a completion rate of 95.89% is not computable")


def test_item_completion_rate_over_a_zero_budget_is_not_computable_info():
    tables = seeded(function("2080505", budget_amount_yuan=Decimal("0.00")))
    row = only(run("text_completion_rate", tables), "gpb item 2080505 completion")
    assert (row.status, row.severity) == ("insufficient_data", "info")
    assert "the budget printed is 0" in row.detail


# ---- 机关运行经费: national layouts only ---------------------------------------------------------------------------------

def test_organ_operating_expenses_rule_reads_national_layouts_only():
    tables = seeded(text("totals", "organ_operating_expenses", "amount", "187.01"))
    tables["marts.dim_document"][0]["layout_profile"] = "sichuan_final_2023"
    assert run("organ_operating_equals_public_expenses", tables) == []


# ---- growth_rate and the share rules: benign findings as info ----------------------------------------------------

def growth(amount: str, change: str, growth_pct: str) -> dict[str, list[dict]]:
    money = printed(amount)
    return {"marts.fct_totals": [{
        "measure": "general_public_budget_expenditure", "basis": "reported", "amount_yuan": money["amount_yuan"],
        "printed_decimals": 2, "printed_unit": "万元", "change_amount_yuan": yuan(change), "change_printed_decimals": 2,
        "growth_pct": Decimal(growth_pct), "growth_printed_decimals": len(growth_pct.partition(".")[2]),
        "compared_year": 2023, "source_location": "text line 19"}]}


def test_growth_over_a_zero_prior_year_is_insufficient_data_info():
    """单位于2024年成立: 307.82万元, 增加307.82万元, 增长100.00% — the prior year was 0."""
    row = only(run("growth_rate", growth("307.82", "307.82", "100.00")), "general_public_budget_expenditure")
    assert (row.status, row.severity) == ("insufficient_data", "info")
    assert row.detail.endswith(
        "the prior year was 0 (the change equals this year's amount): a growth of 100% is not computable")


def test_growth_error_stays_a_warning():
    """−63.14 / (2,940.05 + 63.14) = −2.1024 %, printed −2.50 %."""
    rows = run("growth_rate", growth("2,940.05", "-63.14", "-2.10"))
    assert only(rows, "general_public_budget_expenditure").status == "exact"
    row = only(run("growth_rate", growth("2,940.05", "-63.14", "-2.50")), "general_public_budget_expenditure")
    assert (row.status, row.severity, row.lhs, row.rhs, row.detail) == (
        "violation", "warning", Decimal("-2.1024"), Decimal("-2.50"), None)


def shares(rule_id: str, printed_shares: tuple[str, ...]) -> dict[str, list[dict]]:
    """Three parts of 1,000.00万元 each of a 3,000.00万元 total (33.3333 % each), printed with the given shares."""
    parts = [{"amount_yuan": yuan("1000.00"), "printed_decimals": 2, "printed_unit": "万元", "share_pct": Decimal(s),
              "share_printed_decimals": 2, "seq": i, "source_location": f"text part {i}"}
             for i, s in enumerate(printed_shares, 1)]
    total = printed("3,000.00")
    total.pop("raw_text")
    if rule_id == "gpb_class_share":
        return {"marts.fct_expenditure_by_function": [{**p, "level": "class", "class_name": f"part {p['seq']}"}
                                                      for p in parts],
                "marts.fct_figure": [{"family": "gpb_by_class", "subject": "total", "measure": "amount", **total}]}
    mart, key, family = {"income_source_share": ("marts.fct_income_by_source", "source", "income_by_source"),
                         "expenditure_type_share": ("marts.fct_expenditure_by_type", "expenditure_type",
                                                    "expenditure_by_type")}[rule_id]
    return {mart: [{**p, key: f"part {p['seq']}", "basis": "reported"} for p in parts],
            "intermediate.int_loaded_figures": [{"family": family, "subject": "total", "measure": "amount", **total}]}


SHARE_RULES = ["income_source_share", "expenditure_type_share", "gpb_class_share"]


@pytest.mark.parametrize("rule_id", SHARE_RULES)
def test_share_adjusted_to_add_up_to_100_is_info(rule_id):
    """33.33 + 33.33 + 33.34 = 100: the third share is 0.0067 points off (less than one printed unit)."""
    rows = run(rule_id, shares(rule_id, ("33.33", "33.33", "33.34")))
    assert only(rows, "part 1").status == only(rows, "part 2").status == "exact"
    row = only(rows, "part 3")
    assert (row.status, row.severity, row.lhs, row.rhs) == ("violation", "info", Decimal("33.3333"), Decimal("33.34"))
    assert row.detail == "a rounding adjustment: the printed shares were made to add up to 100%"


@pytest.mark.parametrize("rule_id", SHARE_RULES)
@pytest.mark.parametrize("printed_shares", [
    ("33.34", "33.33", "33.34"),  # less than a unit off, but the shares add up to 100.01: no adjustment
    ("34.33", "32.33", "33.34"),  # add up to 100, but 34.33 is a point off: an error
], ids=["not_100", "a_point_off"])
def test_share_off_otherwise_stays_a_warning(rule_id, printed_shares):
    row = only(run(rule_id, shares(rule_id, printed_shares)), "part 1")
    assert (row.status, row.severity, row.lhs, row.detail) == ("violation", "warning", Decimal("33.3333"), None)


# ---- a layout profile skips a rule written for another layout -------------------------------------------------------

def glossary_without_the_item(layout_profile: str) -> dict[str, list[dict]]:
    return {
        "marts.dim_document": [{"document_id": DOC, "status": "loaded", "layout_profile": layout_profile}],
        "marts.fct_expenditure_by_function": [{"level": "xiang", "function_code": "2080712", "kuan_name": "就业补助",
                                               "xiang_name": "高技能人才培养补助", "seq": 19}],
        "marts.dim_glossary": [{"seq": 1, "seq_printed": "1", "term": "社会保障和就业支出（类）就业补助（款）其他就业补助（项）"}],
    }


def test_profile_skips_the_glossary_rule_for_the_national_layout():
    assert run("glossary_entry_for_item", glossary_without_the_item("national_final_2024")) == []
    row = only(run("glossary_entry_for_item", glossary_without_the_item("sichuan_final_2023")),
               "2080712 就业补助/高技能人才培养补助")
    assert (row.status, row.lhs, row.rhs) == ("violation", Decimal(0), Decimal(1))


# ---- review fixes: a missing first statement is named; a rate without a budget; 财政拨款收入 and its split ----

def test_statements_agree_names_a_missing_summary_statement():
    """The 收入支出决算总表 is the first statement of two pairs: its absence is named, never a silently absent check."""
    rows = run("statements_agree", seeded(lambda t: drop_statement(t, "income_expenditure_summary")))
    for subject in ("本年收入合计: 总表 / 收入决算表", "本年支出合计: 总表 / 支出决算表"):
        row = only(rows, subject)
        assert (row.status, row.severity, row.lhs) == ("insufficient_data", "warning", None)
        assert "statement income_expenditure_summary is not in the report" in row.detail


def test_completion_rate_printed_without_any_budget_is_left_to_the_derived_budget_rules():
    """The Sichuan wording prints 完成预算88.7% and no budget: nothing to recompute the rate against here."""
    def no_budgets(t):
        t["marts.fct_figure"] = [f for f in t["marts.fct_figure"] if f["measure"] not in ("budget", "full_year_budget")]
    tables = seeded(no_budgets)
    subjects = {r.subject for r in run("text_completion_rate", tables)}
    assert not any(s.startswith(("gpb_execution/", "totals/")) for s in subjects)


def test_income_row_with_fiscal_appropriation_and_its_split_counts_the_split_once():
    """A 收入决算表 that prints 财政拨款收入 and also its split by budget: 合计 = 财政拨款收入 + 其他, the split is not
    added a second time."""
    tables = report()
    cells = statement("income", ("total", "fiscal_appropriation", "general_public_budget", "other"),
                      ("合计", "106.00", "100.00", "100.00", "6.00"))
    tables["marts.fct_statement_cell"] = [c for c in tables["marts.fct_statement_cell"] if c["statement"] != "income"] + cells
    row = only(run("statement_row_parts_sum", tables), "income 合计 total")
    assert (row.status, row.lhs, row.rhs) == ("exact", yuan("106.00"), yuan("106.00"))

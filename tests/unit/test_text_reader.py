"""The text rendition reader: rows, cells, soft breaks, glued titles, and the reference report's shape."""
from pipelines.documents.model import Paragraph, Table
from pipelines.documents.text_reader import read_text
from tests.conftest import REFERENCE_TXT

SAMPLE = "\n".join([
    "附表：标题",            # 1 paragraph
    "",                      # 2
    "\t年度总体",            # 3 cell with a soft break
    "目标",                  # 4
    "\t内容",                # 5
    "",                      # 6
    "部门预算项目支出绩效自评表（2023年度）",  # 7 title glued on the next row
    "\t项目名称",            # 8
    "\t51050021T000000029377-考试工作经费",  # 9
    "",                      # 10
    "\t",                    # 11 empty (merged) cell
    "\t总额",                # 12
    "",
    "正文。",
])


def test_cells_rows_and_soft_breaks():
    doc = read_text("id", "f.txt", SAMPLE)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table", "Paragraph"]
    first = doc.blocks[1]
    assert isinstance(first, Table)
    assert first.rows[0].texts == ["年度总体\n目标", "内容"]
    assert [c.location for c in first.rows[0].cells] == ["line 3", "line 5"]


def test_title_glued_on_a_row_is_a_paragraph_not_a_continuation():
    doc = read_text("id", "f.txt", SAMPLE)
    title = doc.blocks[2]
    assert isinstance(title, Paragraph) and title.location == "line 7"
    table = doc.blocks[3]
    assert table.rows[0].texts == ["项目名称", "51050021T000000029377-考试工作经费"]
    assert table.rows[1].texts == ["", "总额"]  # the vertically merged cell stays an empty cell


def test_reference_report_shape():
    doc = read_text("id", REFERENCE_TXT.name, REFERENCE_TXT.read_text(encoding="utf-8"))
    rows = list(doc.rows())
    # 56 project tables + the department KPI table: every 项目名称 row is a 2-cell row
    assert sum(1 for r in rows if r.texts and r.texts[0] == "项目名称") == 56
    line_54 = next(p for p in doc.paragraphs() if p.location == "line 54")
    assert line_54.text.startswith("2023年度收入为15,157.48万元")
    # the last line is a single space without newline: not a paragraph of its own content
    assert doc.blocks[-1].location.startswith("line")

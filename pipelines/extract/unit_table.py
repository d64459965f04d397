"""部门决算单位构成 printed as a table (the national template): 序号 | 单位名称 | 备注, one row per unit.

The table is recognised by its header words (the profile's ``unit_table``); the department's own budget
(本级) is the unit whose name carries "本级" or is the department's name. Placeholder rows of the blank
template ("。。。") are not units.
"""
import re

from pipelines.parsing.labels import compact

from .context import ExtractionContext
from .narrative_records import UnitRecord

_SELF_RE = re.compile(r"[(（]本级[)）]$")
_NO_NAME_RE = re.compile(r"^[。.…、\s]*$")
DEFAULT_HEADER = {"number": "序号", "name": "单位名称"}


def _header_columns(row, header: dict) -> tuple[int, int] | None:
    texts = [compact(t) for t in row.texts]
    if header["name"] in texts and header["number"] in texts:
        return texts.index(header["number"]), texts.index(header["name"])
    return None


def extract_unit_table(context: ExtractionContext) -> list:
    header = {**DEFAULT_HEADER, **((context.profile.settings or {}).get("unit_table") or {})}
    records: list = []
    for table in context.document.tables():
        columns = _header_columns(table.rows[0], header) if table.rows else None
        if columns is None:
            continue
        number_at, name_at = columns
        for row in table.rows[1:]:
            cells = row.cells
            if len(cells) <= max(number_at, name_at):
                continue
            name = cells[name_at].text.strip()
            number = compact(cells[number_at].text)
            if not number.isdigit() or _NO_NAME_RE.match(name):
                continue
            bare = _SELF_RE.sub("", name)
            records.append(UnitRecord(
                seq=int(number), unit_name=bare, unit_category=None, unit_category_printed=None,
                category_source_location=None,
                is_department_itself=bool(_SELF_RE.search(name)) or bare == context.department_name,
                source_location=row.location, source_text=" | ".join(row.texts),
            ))
        break  # the first such table is the unit list
    return records

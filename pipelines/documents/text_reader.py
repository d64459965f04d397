"""Reader for the text rendition of a DOCX report.

Format: a table cell is a line starting with one TAB; the cells of a row are consecutive lines;
rows are separated by a blank line. A line without TAB directly after a cell line continues that
cell (a soft line break inside the cell). A line without TAB directly before a cell line (no blank
in between) is text above the table — a paragraph, e.g. a table title glued onto the first row.
Consecutive rows form one table until a paragraph interrupts them.
"""
from .model import Cell, Document, Paragraph, Row, Table


def _is_blank(line: str) -> bool:
    return line.strip(" \t\u3000\r") == ""


def read_text(document_id: str, source_file: str, text: str) -> Document:
    lines = text.split("\n")
    blocks: list = []
    table_rows: list[Row] = []
    row_cells: list[tuple[int, list[str]]] = []  # (line number, text lines of the cell)

    def close_row() -> None:
        if row_cells:
            cells = tuple(
                Cell(text="\n".join(parts), location=f"line {ln}", line=ln) for ln, parts in row_cells
            )
            first = row_cells[0][0]
            table_rows.append(Row(cells=cells, location=f"line {first}", line=first))
            row_cells.clear()

    def close_table() -> None:
        close_row()
        if table_rows:
            first = table_rows[0].line
            blocks.append(Table(rows=tuple(table_rows), location=f"line {first}", line=first))
            table_rows.clear()

    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if line.startswith("\t"):
            row_cells.append((number, [line[1:]]))
        elif _is_blank(line):
            close_row()
        elif row_cells:  # soft break inside the current cell
            row_cells[-1][1].append(line)
        else:
            close_table()
            blocks.append(Paragraph(text=line, location=f"line {number}", line=number))
    close_table()
    return Document(document_id=document_id, source_file=source_file, file_format="txt", blocks=blocks)

"""The document model shared by every reader (text, DOCX, PDF).

A document is an ordered list of blocks: paragraphs of text, or tables made of rows of cells.
Every block, row and cell carries a human-readable ``location`` so that any figure extracted from
it can be traced back ("line 86", "page 30 table 2 row 7 col 4").
"""
from dataclasses import dataclass, field
from typing import Iterator, Union


@dataclass(frozen=True)
class Paragraph:
    text: str
    location: str
    line: int | None = None  # first source line (text renditions) — for ordering and ranges


@dataclass(frozen=True)
class Cell:
    """One cell as printed. ``column``/``span`` place it on the table's grid (1-based first grid column and
    the number of grid columns it covers) where the format knows the grid (PDF rulings, Word gridSpan,
    spreadsheet merges); the text rendition does not, and leaves ``column`` None."""

    text: str
    location: str
    line: int | None = None
    column: int | None = None
    span: int = 1


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    location: str
    line: int | None = None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Table:
    rows: tuple[Row, ...]
    location: str
    line: int | None = None


Block = Union[Paragraph, Table]


@dataclass
class Document:
    document_id: str  # sha256 of the file bytes
    source_file: str
    file_format: str  # txt / docx / pdf
    blocks: list[Block] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def rows(self) -> Iterator[Row]:
        """Every table row in document order (tables that break across pages read as one stream)."""
        for table in self.tables():
            yield from table.rows

    def full_text(self) -> str:
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(block.text)
            else:
                parts.extend(c.text for r in block.rows for c in r.cells)
        return "\n".join(parts)

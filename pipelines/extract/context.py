"""What every extractor of one document shares, computed once: the document, its layout profile, its fiscal
year and department (from classification), and its located statements."""
from dataclasses import dataclass
from functools import cached_property

from pipelines.documents.model import Document
from pipelines.layouts import LayoutProfile


@dataclass(frozen=True)
class ExtractionContext:
    document: Document
    profile: LayoutProfile
    fiscal_year: int | None
    department_name: str | None
    detection: str = ""  # why this profile was chosen (recorded on the document)

    @cached_property
    def statements(self):
        from .statements.locate import locate_statements  # one locate pass per document, shared

        return locate_statements(self.document, self.profile)

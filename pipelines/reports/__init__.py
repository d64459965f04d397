"""The findings report: a built warehouse as HTML pages a reader opens in a browser (no Dagster, no server).

``write_findings_report(warehouse, out_dir)`` writes ``out_dir/index.html`` (every document, its status and
its findings by severity) and ``out_dir/documents/<document_id>.html`` (one page per loaded document)."""
from .report import page_name, write_findings_report

__all__ = ["page_name", "write_findings_report"]

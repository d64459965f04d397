"""The findings report people open in a browser, written after every publication."""
import dagster as dg

from pipelines import settings
from pipelines.reports import write_findings_report

from .publish import published_warehouse


@dg.asset(deps=[published_warehouse], group_name="publish", kinds={"html"})
def findings_report(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    """reports/index.html (JUESUAN_REPORTS_DIR): every document with its status and findings, and a page per
    document with each finding's numbers, locations and source texts — self-contained, no server needed."""
    index = write_findings_report(settings.warehouse_path(), settings.reports_dir())
    context.log.info(f"findings report: {index}")
    return dg.MaterializeResult(metadata={"index": dg.MetadataValue.path(str(index))})

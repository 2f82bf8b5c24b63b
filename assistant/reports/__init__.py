"""Board-ready reports: one model (`Report`), rendered as HTML, Markdown, CSV, XLSX or JSON."""

from assistant.reports.build import build_report, org_report
from assistant.reports.document import CATEGORIES, Report
from assistant.reports.render import FORMATS, MEDIA_TYPES, Rendered, ReportFormat, render

__all__ = [
    "CATEGORIES",
    "FORMATS",
    "MEDIA_TYPES",
    "Rendered",
    "Report",
    "ReportFormat",
    "build_report",
    "org_report",
    "render",
]

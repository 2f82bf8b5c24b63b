"""One entry point for every format: the bytes, their media type and a file extension."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from assistant.reports.document import Report
from assistant.reports.html import render_html
from assistant.reports.markdown import render_markdown
from assistant.reports.tables import render_csv
from assistant.reports.workbook import render_xlsx

ReportFormat = Literal["html", "md", "csv", "xlsx", "json"]
FORMATS: tuple[ReportFormat, ...] = get_args(ReportFormat)
MEDIA_TYPES: dict[ReportFormat, str] = {
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True, slots=True)
class Rendered:
    content: bytes
    media_type: str
    extension: str


def render(report: Report, fmt: ReportFormat) -> Rendered:
    """The report in `fmt` (html, md, csv, xlsx or json)."""
    if fmt == "html":
        content = render_html(report).encode()
    elif fmt == "md":
        content = render_markdown(report).encode()
    elif fmt == "csv":
        content = render_csv(report).encode()
    elif fmt == "xlsx":
        content = render_xlsx(report)
    elif fmt == "json":
        content = report.model_dump_json(indent=2).encode()
    else:
        msg = f"format: unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    return Rendered(content=content, media_type=MEDIA_TYPES[fmt], extension=fmt)

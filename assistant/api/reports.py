"""The board-ready report of an organization's current answers.

| route                              | who                        |
|------------------------------------|----------------------------|
| GET /v1/orgs/{org_id}/report       | admin, facilitator, viewer |

`?round=<id>` shows a closed round's frozen report with its sprint plan.

`?format=` html (default), md, csv, xlsx or json; anything else is a 422 naming them. The
body is the file itself, with a Content-Disposition naming it after the company and round
(`cedar-ridge-components-2026-q4-oiar-report.xlsx`) for a download.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from assistant.api.deps import OrgCallerDep, StoreDep
from assistant.api.privacy import LoggedRead
from assistant.api.responses import AUTHED
from assistant.api.schemas import ID_PATTERN
from assistant.reports import MEDIA_TYPES, ReportFormat, org_report, render
from assistant.reports.naming import report_filename

router = APIRouter(prefix="/v1", tags=["reports"])


@router.get(
    "/orgs/{org_id}/report",
    response_class=Response,
    responses={
        **AUTHED,
        200: {
            "description": "The report file in the format asked for",
            "content": {media.split(";")[0]: {} for media in MEDIA_TYPES.values()},
        },
    },
    dependencies=[LoggedRead],
)
def get_report(
    org_id: str,
    caller: OrgCallerDep,
    store: StoreDep,
    fmt: Annotated[
        ReportFormat,
        Query(alias="format", description="html (default), md, csv, xlsx or json"),
    ] = "html",
    round_id: Annotated[
        str | None,
        Query(
            alias="round",
            pattern=ID_PATTERN,
            description="A closed round's id: its frozen figures and sprint plan",
        ),
    ] = None,
) -> Response:
    """The ranked, board-ready OIaR report: summary, chart, drivers, assumptions, the trend
    across closed rounds, audit; `?round=` selects a closed round's frozen report."""
    report = org_report(store, caller, org_id, round_id=round_id)
    rendered = render(report, fmt)
    name = report_filename(report, rendered.extension)
    headers = {
        "Content-Disposition": name.content_disposition(
            "inline" if fmt == "html" else "attachment"
        ),
        # Figures change as answers arrive; a cached copy would show yesterday's ranking.
        "Cache-Control": "no-store",
    }
    return Response(rendered.content, media_type=rendered.media_type, headers=headers)

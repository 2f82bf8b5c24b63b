"""Respondents' data: export, erasure, organization offboarding and the access log.

| route                                                        | who                             |
|--------------------------------------------------------------|---------------------------------|
| GET    /v1/me/export[?format=csv]                            | a respondent key: its own data  |
| GET    /v1/orgs/{org_id}/respondents/{id}/export[?format=csv] | admin; the respondent itself    |
| DELETE /v1/orgs/{org_id}/respondents/{id}                    | admin: erase the person         |
| GET    /v1/orgs/{org_id}/erasures                            | admin                           |
| DELETE /v1/orgs/{org_id}?confirm={org_id}                    | admin: delete the organization  |
| GET    /v1/orgs/{org_id}/access-log                          | admin                           |

`logged_read` is the dependency that writes an access-log row for a read of answers,
transcripts, reports and exports; the routes that serve those carry it.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from assistant.api.deps import CallerDep, EngineDep, OrgCallerDep, StoreDep
from assistant.api.offload import run_store_work
from assistant.api.responses import AUTHED
from assistant.api.schemas import ID_PATTERN, Timestamp
from tools import privacy
from tools.access import Caller
from tools.errors import AnswerRejected
from tools.knowledge import KnowledgeService
from tools.privacy import AccessEntry, ErasureView, OffboardReport, RespondentExport

router = APIRouter(prefix="/v1", tags=["privacy"])
RespondentId = Annotated[str, Path(pattern=ID_PATTERN, examples=["rsp_5d1e0f3a9b2c"])]
ExportFormat = Annotated[
    Literal["json", "csv"], Query(alias="format", description="json (default) or csv")
]


async def logged_read(
    request: Request, caller: CallerDep, store: StoreDep, engine: EngineDep
) -> None:
    """Record this read in the access log: the route's template, what it names, the key's id.

    One small insert (0.15 ms on SQLite), inline when the engine's writes are quick (see
    `assistant.api.offload`)."""
    route = getattr(request.scope.get("route"), "path", request.url.path)
    params = request.path_params
    target = params.get("interview_id") or params.get("respondent_id") or params.get("org_id")
    if target is not None and re.fullmatch(ID_PATTERN, target) is None:
        target = None  # not an id (the route refuses it next): nothing it could name is read
    await run_store_work(
        store,
        engine.quick,
        privacy.record_access,
        store,
        caller,
        route=route,
        method=request.method,
        target=target,
    )


LoggedRead = Depends(logged_read)


def _knowledge(request: Request) -> KnowledgeService | None:
    services = getattr(request.app.state, "services", None)
    return services.knowledge if services is not None else None


def _export_response(
    request: Request, store: StoreDep, caller: Caller, org_id: str, rid: str, fmt: str
) -> RespondentExport | Response:
    built = privacy.export_respondent(store, caller, org_id, rid, knowledge=_knowledge(request))
    filename = f"{rid}-data.{fmt}"
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store",
    }
    if fmt == "csv":
        return Response(privacy.export_csv(built), media_type="text/csv", headers=headers)
    return Response(built.model_dump_json(indent=2), media_type="application/json", headers=headers)


_EXPORTED = {
    **AUTHED,
    200: {"content": {"application/json": {}, "text/csv": {}}, "description": "The export file"},
}


@router.get(
    "/orgs/{org_id}/respondents/{respondent_id}/export",
    responses=_EXPORTED,
    response_model=RespondentExport,
    dependencies=[LoggedRead],
)
def export_respondent(
    org_id: str,
    respondent_id: RespondentId,
    request: Request,
    caller: OrgCallerDep,
    store: StoreDep,
    fmt: ExportFormat = "json",
) -> RespondentExport | Response:
    """Everything stored about the respondent: profile, every answer with its raw text,
    transcripts, governance entries, invitations, keys (ids, never the key), Slack links and
    the evidence quotes indexed from their answers."""
    return _export_response(request, store, caller, org_id, respondent_id, fmt)


@router.get(
    "/me/export",
    responses=_EXPORTED,
    response_model=RespondentExport,
    dependencies=[LoggedRead],
)
def export_me(
    request: Request, caller: CallerDep, store: StoreDep, fmt: ExportFormat = "json"
) -> RespondentExport | Response:
    """Your own data, with your respondent key (the same export as an admin's)."""
    if caller.respondent_id is None:
        msg = "only a respondent key has its own data; an admin exports a respondent by id"
        raise AnswerRejected(msg)
    return _export_response(request, store, caller, caller.org_id, caller.respondent_id, fmt)


@router.delete("/orgs/{org_id}/respondents/{respondent_id}", responses=AUTHED)
def erase_respondent(
    org_id: str,
    respondent_id: RespondentId,
    request: Request,
    caller: OrgCallerDep,
    store: StoreDep,
) -> ErasureView:
    """Erase the person: name, title, Slack links and every word they typed go; the numeric
    answers stay, shown by department only, so the organization's score does not move. The
    tombstone says who erased whom and when. Safe to repeat (it retries the index)."""
    return privacy.erase_respondent(
        store, caller, org_id, respondent_id, knowledge=_knowledge(request)
    )


@router.get("/orgs/{org_id}/erasures", responses=AUTHED)
def list_erasures(org_id: str, caller: OrgCallerDep, store: StoreDep) -> list[ErasureView]:
    """Every erasure's tombstone, oldest first."""
    return privacy.list_erasures(store, caller, org_id)


@router.delete("/orgs/{org_id}", responses=AUTHED)
def offboard_org(
    org_id: str,
    request: Request,
    caller: OrgCallerDep,
    store: StoreDep,
    confirm: Annotated[str, Query(description="The organization's id again, to confirm.")] = "",
) -> OffboardReport:
    """Delete the organization and all its data, keys, Slack installations and indexed
    quotes, for good. `?confirm=` must repeat its id."""
    return privacy.offboard_org(
        store, caller, org_id, confirm=confirm, knowledge=_knowledge(request)
    )


@router.get("/orgs/{org_id}/access-log", responses=AUTHED)
def access_log(
    org_id: str,
    caller: OrgCallerDep,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=privacy.access_log.MAX_LIMIT)] = 100,
    since: Annotated[Timestamp | None, Query(description="ISO 8601; naive is UTC")] = None,
    role: Annotated[Literal["admin", "facilitator", "respondent", "viewer"] | None, Query()] = None,
    respondent_id: Annotated[str | None, Query(pattern=ID_PATTERN)] = None,
    route: Annotated[str | None, Query(max_length=200, description="Part of the route")] = None,
) -> list[AccessEntry]:
    """Who read answers, transcripts, reports and exports, newest first."""
    return privacy.list_access_log(
        store,
        caller,
        org_id,
        limit=limit,
        since=since,
        role=role,
        respondent_id=respondent_id,
        route=route,
    )

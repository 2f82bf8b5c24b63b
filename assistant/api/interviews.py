"""Interviews: start one, talk in it, read it, and the organization's answers.

| route                                   | who                                            |
|-----------------------------------------|------------------------------------------------|
| POST /v1/orgs/{org_id}/interviews       | admin, facilitator; a respondent for itself    |
| POST /v1/interviews/{id}/messages       | admin, facilitator; its own respondent         |
| GET  /v1/interviews/{id}                | admin, facilitator; its own respondent         |
| GET  /v1/orgs/{org_id}/answers          | admin, facilitator                             |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from assistant.api.deps import CallerDep, EngineDep, OrgCallerDep, StoreDep
from assistant.api.exports import answers_csv
from assistant.api.offload import run_store_work
from assistant.api.privacy import LoggedRead
from assistant.api.records import get_record
from assistant.api.responses import AUTHED
from assistant.api.schemas import (
    ID_PATTERN,
    AnswerFormat,
    InterviewIn,
    InterviewOut,
    MessageIn,
    TurnOut,
)
from tools import analysis
from tools.analysis import AnswerRow

router = APIRouter(prefix="/v1", tags=["interviews"])
InterviewId = Annotated[str, Path(pattern=ID_PATTERN, examples=["itv_5d1e0f3a9b2c"])]


# The two chat routes are the hot path: `async def` with the work in `run_store_work`, so a
# turn on SQLite pays no thread hop (FastAPI would hop for a sync route and again to serialize
# its response).
@router.post("/orgs/{org_id}/interviews", status_code=status.HTTP_201_CREATED, responses=AUTHED)
async def start_interview(
    org_id: str, body: InterviewIn, caller: OrgCallerDep, engine: EngineDep
) -> TurnOut:
    """Open an interview for a respondent: the welcome and the first question."""
    turn = await run_store_work(
        engine.store,
        engine.quick,
        engine.start,
        caller,
        respondent_id=body.respondent_id,
        channel="api",
    )
    return TurnOut.model_validate(turn, from_attributes=True)


@router.post("/interviews/{interview_id}/messages", responses=AUTHED)
async def post_message(
    interview_id: InterviewId, body: MessageIn, caller: CallerDep, engine: EngineDep
) -> TurnOut:
    """One message from the respondent: the reply, the next question and progress."""
    turn = await run_store_work(
        engine.store, engine.quick, engine.turn, caller, interview_id, body.text
    )
    return TurnOut.model_validate(turn, from_attributes=True)


@router.get("/interviews/{interview_id}", responses=AUTHED, dependencies=[LoggedRead])
def get_interview(interview_id: InterviewId, caller: CallerDep, store: StoreDep) -> InterviewOut:
    """Where the interview stands, its transcript and the respondent's current answers."""
    return get_record(store, caller, interview_id)


@router.get(
    "/orgs/{org_id}/answers",
    response_model=list[AnswerRow],
    responses={
        **AUTHED,
        200: {"content": {"text/csv": {}}, "description": "JSON list, or CSV with a header"},
    },
    dependencies=[LoggedRead],
)
def list_answers(
    org_id: str,
    caller: OrgCallerDep,
    store: StoreDep,
    fmt: Annotated[
        AnswerFormat, Query(alias="format", description="json (default) or csv")
    ] = "json",
    history: Annotated[bool, Query(description="every change (true) or current only")] = True,
) -> list[AnswerRow] | Response:
    """Every answer event with who, what, when and channel; `?format=csv` for a spreadsheet."""
    rows = analysis.list_answers(store, caller, org_id, history=history)
    if fmt == "csv":
        headers = {"Content-Disposition": f'attachment; filename="{org_id}-answers.csv"'}
        return Response(answers_csv(rows), media_type="text/csv", headers=headers)
    return rows

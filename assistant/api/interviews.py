"""Interviews: start one, talk in it, read it, and the organization's answers.

| route                                   | who                                            |
|-----------------------------------------|------------------------------------------------|
| POST /v1/orgs/{org_id}/interviews       | admin, facilitator; a respondent for itself    |
| POST /v1/interviews/{id}/messages       | admin, facilitator; its own respondent         |
| GET  /v1/interviews/{id}                | admin, facilitator; its own respondent         |
| GET  /v1/interviews/{id}/questions      | admin, facilitator; its own respondent         |
| PUT  /v1/interviews/{id}/answers/{q}    | admin, facilitator; its own respondent         |
| GET  /v1/orgs/{org_id}/answers          | admin, facilitator                             |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from assistant.api.deps import CallerDep, EngineDep, OrgCallerDep, StoreDep
from assistant.api.exports import answers_csv
from assistant.api.offload import run_store_work
from assistant.api.privacy import LoggedRead
from assistant.api.records import get_record, planned_questions
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
from tools.interview import PlannedQuestion

router = APIRouter(prefix="/v1", tags=["interviews"])
InterviewId = Annotated[str, Path(pattern=ID_PATTERN, examples=["itv_5d1e0f3a9b2c"])]
QuestionId = Annotated[str, Path(pattern=ID_PATTERN, examples=["lb_decision_wait"])]


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


@router.get("/interviews/{interview_id}/questions", responses=AUTHED, dependencies=[LoggedRead])
def list_questions(
    interview_id: InterviewId, caller: CallerDep, store: StoreDep
) -> list[PlannedQuestion]:
    """The interview's questions in the order asked, each with its current answer, if any:
    what the web chat's finished page lists as "what you said"."""
    return planned_questions(store, caller, interview_id)


@router.put("/interviews/{interview_id}/answers/{question_id}", responses=AUTHED)
async def change_answer(
    interview_id: InterviewId,
    question_id: QuestionId,
    body: MessageIn,
    caller: CallerDep,
    engine: EngineDep,
) -> TurnOut:
    """Answer one question by its id, or change its answer (a finished interview too); the
    text is read as that question's answer, never as a command. 422 when it cannot be read."""
    turn = await run_store_work(
        engine.store,
        engine.quick,
        engine.choose,
        caller,
        interview_id,
        question_id=question_id,
        choice="answer",
        value=body.text,
    )
    return TurnOut.model_validate(turn, from_attributes=True)


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

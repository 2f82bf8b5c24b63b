"""Scores and questions about them.

| route                          | who                                               |
|--------------------------------|---------------------------------------------------|
| GET  /v1/orgs/{org_id}/score   | admin, facilitator, viewer                        |
| POST /v1/orgs/{org_id}/ask     | any key of the organization                       |
| POST /v1/score                 | any valid API key (stateless; stores nothing)     |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body

from assistant.api.deps import CallerDep, EngineDep, OrgCallerDep, StoreDep
from assistant.api.privacy import LoggedRead
from assistant.api.responses import AUTHED
from assistant.api.schemas import AskIn, AskOut, ScoreRequest
from knowledge import load_sample_assessment
from scoring import ScoreResult, score
from tools import analysis
from tools.analysis.assessment import to_scoring_input

router = APIRouter(prefix="/v1", tags=["scoring"])


@router.get("/orgs/{org_id}/score", responses=AUTHED, dependencies=[LoggedRead])
def get_score(org_id: str, caller: OrgCallerDep, store: StoreDep) -> ScoreResult:
    """The ranked OIaR of the organization's current answers (the scoring core's JSON)."""
    return analysis.score_organization(store, caller, org_id)


@router.post("/orgs/{org_id}/ask", responses=AUTHED)
def ask(org_id: str, body: AskIn, caller: OrgCallerDep, engine: EngineDep) -> AskOut:
    """An operator's question ("what's our biggest drag?"): a reply with the figures."""
    return AskOut(reply=engine.ask(caller, body.text))


@router.post("/score", responses=AUTHED)
def score_assessment(
    assessment: Annotated[
        ScoreRequest,
        Body(
            description="An assessment, as `oiar score FILE` reads it.",
            examples=[load_sample_assessment()],
        ),
    ],
    _: CallerDep,
) -> ScoreResult:
    """Score an assessment statelessly; the same input always gives the same output."""
    return score(to_scoring_input(assessment))

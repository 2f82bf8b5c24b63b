"""Execution governance: seams, decision rights, the constraint, initiatives, AI velocity.

| route                                                   | who                              |
|---------------------------------------------------------|----------------------------------|
| GET    /v1/orgs/{org_id}/governance                     | admin, facilitator, viewer       |
| GET    /v1/orgs/{org_id}/governance/constraint          | admin, facilitator, viewer       |
| GET    /v1/orgs/{org_id}/governance/seams               | admin, facilitator, viewer       |
| GET    /v1/orgs/{org_id}/governance/decisions           | admin, facilitator, viewer       |
| GET    /v1/orgs/{org_id}/governance/ai-velocity         | admin, facilitator, viewer       |
| GET    /v1/orgs/{org_id}/governance/entries             | admin, facilitator               |
| POST   /v1/orgs/{org_id}/governance/entries             | admin, facilitator, respondent   |
| DELETE /v1/orgs/{org_id}/governance/entries/{entry_id}  | admin, facilitator               |
| PUT    /v1/orgs/{org_id}/governance/ai-plan             | admin, facilitator               |
| GET    /v1/orgs/{org_id}/initiatives                    | admin, facilitator, viewer       |
| POST   /v1/orgs/{org_id}/initiatives                    | admin, facilitator               |
| DELETE /v1/orgs/{org_id}/initiatives/{initiative}       | admin, facilitator               |
| GET    /v1/orgs/{org_id}/initiatives/ranked             | admin, facilitator, viewer       |
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, status
from pydantic import Field

from assistant.api.deps import OrgCallerDep, StoreDep
from assistant.api.responses import AUTHED
from assistant.api.schemas import Identifier, Name, Text, _Body
from scoring.governance import (
    AiPlan,
    AiVelocityView,
    ConstraintView,
    DecisionView,
    GovernanceReport,
    InvestmentSequence,
    SeamMap,
)
from tools import governance
from tools.governance import EntryView, initiatives
from tools.governance.initiatives import InitiativeView

router = APIRouter(prefix="/v1/orgs/{org_id}", tags=["governance"])
EntryKind = Literal["seam", "decision", "constraint"]


class EntryIn(_Body):
    kind: EntryKind
    data: dict[str, Any] | None = Field(
        default=None,
        examples=[
            {
                "from_function": "Operations",
                "to_function": "Transport",
                "failures_per_month": 6,
                "cost_per_failure": 4000,
                "owner_clear": False,
                "kpi_conflict": True,
                "approval_latency_days": 2,
            }
        ],
    )
    text: Annotated[Text, Field(min_length=1, max_length=500)] | None = Field(
        default=None, examples=["Ops -> Transport: 6 a month, $4k each, owner unclear"]
    )
    respondent_id: Identifier | None = None


class AiPlanIn(_Body):
    speedup: float = Field(ge=1, le=100, description="How many times faster AI moves decisions")
    maturity: int = Field(ge=1, le=5, description="Governance maturity of the seams, 1-5")


class ReliefIn(_Body):
    driver: Annotated[str, Field(min_length=1, max_length=60, examples=["handoff_failure"])]
    fraction: float = Field(gt=0, le=1)


class InitiativeIn(_Body):
    name: Name
    cost: float = Field(gt=0, le=1e15)
    relieves: list[ReliefIn] = Field(min_length=1, max_length=20)


def _report(store: StoreDep, caller: OrgCallerDep, org_id: str) -> GovernanceReport:
    return governance.report(store, caller, org_id)


@router.get("/governance", responses=AUTHED)
def get_governance(org_id: str, caller: OrgCallerDep, store: StoreDep) -> GovernanceReport:
    """All four governance outputs, the AI-velocity view and the score they rest on."""
    return _report(store, caller, org_id)


@router.get("/governance/constraint", responses=AUTHED)
def get_constraint(org_id: str, caller: OrgCallerDep, store: StoreDep) -> ConstraintView:
    """The constraint and the drags acting on it, largest first."""
    return _report(store, caller, org_id).constraint


@router.get("/governance/seams", responses=AUTHED)
def get_seams(org_id: str, caller: OrgCallerDep, store: StoreDep) -> SeamMap | None:
    """The function × function seam-risk map (null until someone enters a seam)."""
    return _report(store, caller, org_id).seams


@router.get("/governance/decisions", responses=AUTHED)
def get_decisions(org_id: str, caller: OrgCallerDep, store: StoreDep) -> DecisionView | None:
    """Decision rights and cadence, worst misfit first (null until one is entered)."""
    return _report(store, caller, org_id).decisions


@router.get("/governance/ai-velocity", responses=AUTHED)
def get_ai_velocity(org_id: str, caller: OrgCallerDep, store: StoreDep) -> AiVelocityView:
    """OIaR now versus after AI speeds decisions through the same seams."""
    return _report(store, caller, org_id).ai_velocity


@router.get("/governance/entries", responses=AUTHED)
def list_entries(
    org_id: str,
    caller: OrgCallerDep,
    store: StoreDep,
    kind: Annotated[EntryKind | None, Query()] = None,
) -> list[EntryView]:
    """Current seam, decision and constraint entries with who entered each."""
    return governance.list_entries(store, caller, org_id, kind)


@router.post("/governance/entries", status_code=status.HTTP_201_CREATED, responses=AUTHED)
def add_entry(org_id: str, body: EntryIn, caller: OrgCallerDep, store: StoreDep) -> EntryView:
    """Enter a seam, decision type or constraint, as fields (`data`) or plain words (`text`)."""
    return governance.add_entry(
        store,
        caller,
        org_id,
        body.kind,
        data=body.data,
        text=body.text,
        respondent_id=body.respondent_id,
    )


@router.delete(
    "/governance/entries/{entry_id}", status_code=status.HTTP_204_NO_CONTENT, responses=AUTHED
)
def remove_entry(
    org_id: str,
    entry_id: Annotated[int, Path(ge=1, le=2**62)],
    caller: OrgCallerDep,
    store: StoreDep,
) -> None:
    """Retire an entry: kept in the audit trail, no longer counted."""
    governance.remove_entry(store, caller, org_id, entry_id)


@router.put("/governance/ai-plan", responses=AUTHED)
def put_ai_plan(org_id: str, body: AiPlanIn, caller: OrgCallerDep, store: StoreDep) -> AiPlan:
    """Set the planned AI decision speed-up and governance maturity."""
    return governance.set_ai_plan(
        store, caller, org_id, speedup=body.speedup, maturity=body.maturity
    )


@router.get("/initiatives", responses=AUTHED)
def list_initiatives(org_id: str, caller: OrgCallerDep, store: StoreDep) -> list[InitiativeView]:
    return initiatives.list_initiatives(store, caller, org_id)


@router.post("/initiatives", status_code=status.HTTP_201_CREATED, responses=AUTHED)
def add_initiative(
    org_id: str, body: InitiativeIn, caller: OrgCallerDep, store: StoreDep
) -> InitiativeView:
    """Enter an initiative: name, cost and the drivers it relieves by what fraction."""
    return initiatives.add_initiative(
        store,
        caller,
        org_id,
        name=body.name,
        cost=body.cost,
        relieves=[r.model_dump() for r in body.relieves],
    )


@router.get("/initiatives/ranked", responses=AUTHED)
def rank_initiatives(org_id: str, caller: OrgCallerDep, store: StoreDep) -> InvestmentSequence:
    """Initiatives ranked by OIaR relieved per currency unit, with payback and pause flags."""
    return initiatives.rank(store, caller, org_id)


@router.delete(
    "/initiatives/{initiative}", status_code=status.HTTP_204_NO_CONTENT, responses=AUTHED
)
def remove_initiative(
    org_id: str,
    initiative: Annotated[str, Path(min_length=1, max_length=120)],
    caller: OrgCallerDep,
    store: StoreDep,
) -> None:
    """Delete an initiative by id or name."""
    initiatives.remove_initiative(store, caller, org_id, initiative)

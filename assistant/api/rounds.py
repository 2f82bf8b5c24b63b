"""Assessment rounds, the trend between them and each round's 90-day sprint plan.

| route                                                   | who                        |
|---------------------------------------------------------|----------------------------|
| POST  /v1/orgs/{org_id}/rounds                          | admin, facilitator         |
| GET   /v1/orgs/{org_id}/rounds                          | admin, facilitator, viewer |
| GET   /v1/orgs/{org_id}/rounds/{round_id}               | admin, facilitator, viewer |
| POST  /v1/orgs/{org_id}/rounds/{round_id}/close         | admin, facilitator         |
| GET   /v1/orgs/{org_id}/trend[?format=csv]              | admin, facilitator, viewer |
| PATCH /v1/orgs/{org_id}/plan/{item_id}                  | admin, facilitator         |
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import Field

from assistant.api.deps import OrgCallerDep, StoreDep
from assistant.api.responses import AUTHED
from assistant.api.schemas import ID_PATTERN, Text, Timestamp, _Body
from assistant.reports.trend_page import trend_frame
from tools import rounds
from tools.rounds import RoundDetail, RoundView, SprintItemView, Trend

router = APIRouter(prefix="/v1/orgs/{org_id}", tags=["rounds"])
RoundId = Annotated[str, Path(pattern=ID_PATTERN, examples=["rnd_5d1e0f3a9b2c"])]
ItemId = Annotated[int, Path(ge=1, le=2**62)]


class RoundIn(_Body):
    label: Annotated[Text, Field(min_length=1, max_length=60, examples=["2027-Q1"])]
    due_at: Timestamp | None = Field(
        default=None, description="ISO 8601; without an offset it is read as UTC"
    )


class ItemIn(_Body):
    owner: Annotated[Text, Field(min_length=1, max_length=200)] | None = None
    due_week: int | None = Field(default=None, ge=1, le=13)
    status: Literal["planned", "in_progress", "done", "dropped"] | None = None


@router.post("/rounds", status_code=status.HTTP_201_CREATED, responses=AUTHED)
def open_round(org_id: str, body: RoundIn, caller: OrgCallerDep, store: StoreDep) -> RoundView:
    """Open a round: interviews, campaigns and answers from now on belong to it (and what was
    answered since the last round closed joins it)."""
    return rounds.open_round(
        store, caller, org_id, label=body.label, due_at=body.due_at, opened_by="api"
    )


@router.get("/rounds", responses=AUTHED)
def list_rounds(org_id: str, caller: OrgCallerDep, store: StoreDep) -> list[RoundView]:
    """Every round, oldest first, with its frozen total once closed."""
    return rounds.list_rounds(store, caller, org_id)


@router.get("/rounds/{round_id}", responses=AUTHED)
def get_round(org_id: str, round_id: RoundId, caller: OrgCallerDep, store: StoreDep) -> RoundDetail:
    """One round: its frozen score (once closed) and its sprint plan."""
    return rounds.get_round(store, caller, org_id, round_id)


@router.post("/rounds/{round_id}/close", responses=AUTHED)
def close_round(
    org_id: str, round_id: RoundId, caller: OrgCallerDep, store: StoreDep
) -> RoundDetail:
    """Freeze the round's score (it never changes after) and generate its 90-day sprint plan."""
    return rounds.close_round(store, caller, org_id, round_id, closed_by="api")


@router.get(
    "/trend",
    responses={**AUTHED, 200: {"content": {"application/json": {}, "text/csv": {}}}},
    response_model=Trend,
)
def trend(
    org_id: str,
    caller: OrgCallerDep,
    store: StoreDep,
    fmt: Annotated[
        Literal["json", "csv"], Query(alias="format", description="json (default) or csv")
    ] = "json",
) -> Trend | Response:
    """Closed rounds oldest first, and between consecutive ones the change per domain, the
    probability it truly fell, the answers that moved it and how the sprint items fared.
    `?format=csv`: one row per round and domain (the workbook's trend sheet)."""
    built = rounds.trend(store, caller, org_id)
    if fmt == "csv":
        text = trend_frame(built).to_csv(index=False, lineterminator="\n")
        return Response(
            text,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{org_id}-oiar-trend.csv"'},
        )
    return built


@router.patch("/plan/{item_id}", responses=AUTHED)
def update_plan_item(
    org_id: str, item_id: ItemId, body: ItemIn, caller: OrgCallerDep, store: StoreDep
) -> SprintItemView:
    """Edit a sprint plan item: its owner, due week (1-13) or status."""
    return rounds.update_item(
        store,
        caller,
        org_id,
        item_id,
        owner=body.owner,
        due_week=body.due_week,
        status=body.status,
        updated_by="api",
    )

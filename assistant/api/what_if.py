"""What-if over HTTP: the organization's score with some inputs changed, and the delta.

| route                          | who                                               |
|--------------------------------|---------------------------------------------------|
| POST /v1/orgs/{org_id}/what-if | admin, facilitator, viewer                        |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import OrgCallerDep, StoreDep
from assistant.api.responses import AUTHED
from scoring.catalog import INPUTS
from scoring.what_if import WhatIfResult
from tools.analysis import what_if

router = APIRouter(prefix="/v1", tags=["scoring"])


class EstimateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    low: float
    likely: float
    high: float


OverrideIn = Annotated[
    float | EstimateIn | Annotated[str, Field(min_length=1, max_length=100)],
    Field(description="A number in the input's unit, {low, likely, high}, or plain words."),
]


class WhatIfIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overrides: dict[str, OverrideIn] = Field(
        default_factory=dict,
        max_length=len(INPUTS),
        description="Input key -> its new value; empty gives a zero delta.",
        examples=[{"decision_wait_days": 1, "handoff_failures_per_month": "2-4 a month"}],
    )


@router.post("/orgs/{org_id}/what-if", responses=AUTHED)
def post_what_if(
    org_id: str, body: WhatIfIn, caller: OrgCallerDep, store: StoreDep
) -> WhatIfResult:
    """Re-price the current answers with `overrides` on the same draws: the new ranking and
    the exact change per domain. Unknown keys and out-of-range values are 422 naming them."""
    overrides = {
        key: value.model_dump() if isinstance(value, EstimateIn) else value
        for key, value in body.overrides.items()
    }
    return what_if.run_what_if(store, caller, org_id, overrides)

"""Campaigns: invite respondents, follow who finished, preview the summary.

| route                                                   | who                  |
|---------------------------------------------------------|----------------------|
| POST /v1/orgs/{org_id}/campaigns                        | admin, facilitator   |
| GET  /v1/orgs/{org_id}/campaigns                        | admin, facilitator   |
| GET  /v1/orgs/{org_id}/campaigns/{campaign_id}          | admin, facilitator   |
| POST /v1/orgs/{org_id}/campaigns/{campaign_id}/members  | admin, facilitator   |
| GET  /v1/orgs/{org_id}/campaigns/{campaign_id}/summary  | admin, facilitator, viewer |

Reminders and the summary post run in the Slack app's background loop; over HTTP a facilitator
reads the same status and summary.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Path, status
from pydantic import Field

from assistant.api.deps import OrgCallerDep, StoreDep
from assistant.api.responses import AUTHED
from assistant.api.schemas import ID_PATTERN, Identifier, Label, Name, Text, Timestamp, _Body
from tools import campaigns
from tools.campaigns import CampaignStatus, CampaignView, MemberIn
from tools.campaigns import worker as campaigns_worker
from tools.campaigns.worker import CampaignSummary

router = APIRouter(prefix="/v1/orgs/{org_id}/campaigns", tags=["campaigns"])
CampaignId = Annotated[str, Path(pattern=ID_PATTERN, examples=["cmp_5d1e0f3a9b2c"])]


class MemberBody(_Body):
    respondent_id: Identifier
    department: Label | None = None
    tz: Annotated[Text, Field(max_length=64, examples=["Europe/Paris"])] | None = None


class CampaignIn(_Body):
    name: Name
    due_at: Timestamp = Field(description="ISO 8601; without an offset it is read as UTC")
    # Department-only unless asked otherwise: candour about leadership drag needs it.
    attribution: Literal["named", "department"] = "department"
    results_channel: Annotated[Text, Field(max_length=64)] | None = None
    reminder_interval_hours: int = Field(default=48, ge=1, le=campaigns.MAX_INTERVAL_HOURS)
    max_reminders: int = Field(default=3, ge=0, le=campaigns.MAX_REMINDERS)
    members: list[MemberBody] = Field(default_factory=list, max_length=500)


class MembersIn(_Body):
    members: list[MemberBody] = Field(min_length=1, max_length=500)


def _members(body: list[MemberBody]) -> list[MemberIn]:
    return [MemberIn.model_validate(m.model_dump()) for m in body]


@router.post("", status_code=status.HTTP_201_CREATED, responses=AUTHED)
def create_campaign(
    org_id: str, body: CampaignIn, caller: OrgCallerDep, store: StoreDep
) -> CampaignStatus:
    """Launch a campaign; each member gets reminders in their own working hours."""
    return campaigns.create_campaign(
        store,
        caller,
        org_id,
        name=body.name,
        due_at=body.due_at,
        attribution=body.attribution,
        results_channel=body.results_channel,
        reminder_interval_hours=body.reminder_interval_hours,
        max_reminders=body.max_reminders,
        members=_members(body.members),
        created_by="api",
    )


@router.get("", responses=AUTHED)
def list_campaigns(org_id: str, caller: OrgCallerDep, store: StoreDep) -> list[CampaignView]:
    """The organization's campaigns, newest first."""
    return campaigns.list_campaigns(store, caller, org_id)


@router.get("/{campaign_id}", responses=AUTHED)
def campaign_status(
    org_id: str, campaign_id: CampaignId, caller: OrgCallerDep, store: StoreDep
) -> CampaignStatus:
    """Who has finished ("2 of 3 finished") and the reminders each has had."""
    return campaigns.campaign_status(store, caller, org_id, campaign_id)


@router.post("/{campaign_id}/members", responses=AUTHED)
def add_members(
    org_id: str, campaign_id: CampaignId, body: MembersIn, caller: OrgCallerDep, store: StoreDep
) -> CampaignStatus:
    """Invite more respondents to an open campaign."""
    return campaigns.add_members(store, caller, org_id, campaign_id, _members(body.members))


@router.get("/{campaign_id}/summary", responses=AUTHED)
def campaign_summary(
    org_id: str, campaign_id: CampaignId, caller: OrgCallerDep, store: StoreDep
) -> CampaignSummary:
    """The ranked summary as the results channel gets it (attribution applied)."""
    return campaigns_worker.campaign_summary(
        store, caller, org_id, campaign_id, now=datetime.now().astimezone()
    )

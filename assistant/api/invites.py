"""Interview invitations and who has answered.

| route                                          | who                                    |
|------------------------------------------------|----------------------------------------|
| POST   /v1/orgs/{org_id}/invites               | admin, facilitator: a link (shown once) |
| GET    /v1/orgs/{org_id}/invites               | admin, facilitator                     |
| DELETE /v1/orgs/{org_id}/invites/{invite_id}   | admin, facilitator: withdraw it        |
| GET    /v1/orgs/{org_id}/progress              | admin, facilitator                     |

A link is `<base>/i/<token>`; base is OIAR_PUBLIC_URL when set, else this request's own.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, status
from pydantic import ConfigDict, Field

from assistant.api.deps import OrgCallerDep, SettingsDep, StoreDep
from assistant.api.responses import AUTHED
from assistant.api.schemas import ID_PATTERN, Identifier, _Body
from tools import web
from tools.web import InviteCreated, InviteView, ProgressView

router = APIRouter(prefix="/v1/orgs", tags=["invitations"])
InviteId = Annotated[str, Path(pattern=ID_PATTERN, examples=["inv_5d1e0f3a9b2c"])]


class InviteIn(_Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"respondent_id": "rsp_3f9a1c2b7d4e"}]},
    )

    respondent_id: Identifier
    round_id: Identifier | None = Field(
        default=None, description="The round to answer in; default (or null) the open round."
    )
    expires_in_days: int = Field(default=web.DEFAULT_DAYS, ge=web.MIN_DAYS, le=web.MAX_DAYS)


@router.post("/{org_id}/invites", status_code=status.HTTP_201_CREATED, responses=AUTHED)
def create_invite(
    org_id: str,
    body: InviteIn,
    request: Request,
    caller: OrgCallerDep,
    store: StoreDep,
    settings: SettingsDep,
) -> InviteCreated:
    """A single-use link that signs the respondent in to their interview; its token is shown
    only in this answer. Send it to them yourself (email, chat)."""
    return web.create_invite(
        store,
        caller,
        org_id,
        respondent_id=body.respondent_id,
        round_id=body.round_id or web.OPEN_ROUND,
        expires_in_days=body.expires_in_days,
        base_url=settings.public_url or str(request.base_url),
    )


@router.get("/{org_id}/invites", responses=AUTHED)
def list_invites(org_id: str, caller: OrgCallerDep, store: StoreDep) -> list[InviteView]:
    """Every invitation, newest first: pending, opened, expired or revoked (no tokens)."""
    return web.list_invites(store, caller, org_id)


@router.delete("/{org_id}/invites/{invite_id}", responses=AUTHED)
def revoke_invite(
    org_id: str, invite_id: InviteId, caller: OrgCallerDep, store: StoreDep
) -> InviteView:
    """Withdraw an invitation: the link stops working and a browser signed in with it is
    signed out at once."""
    return web.revoke_invite(store, caller, org_id, invite_id)


@router.get("/{org_id}/progress", responses=AUTHED)
def progress(org_id: str, caller: OrgCallerDep, store: StoreDep) -> ProgressView:
    """Who has been invited, started and finished in the current round, with answers so far."""
    return web.progress(store, caller, org_id)

"""Organizations, their respondents and API keys.

| route                                  | who                                          |
|----------------------------------------|----------------------------------------------|
| POST  /v1/orgs                         | the server operator (token, or loopback)     |
| GET   /v1/orgs/{org_id}                | any key of the organization                  |
| PATCH /v1/orgs/{org_id}                | admin                                        |
| POST  /v1/orgs/{org_id}/respondents    | admin, facilitator                           |
| GET   /v1/orgs/{org_id}/respondents    | admin, facilitator                           |
| POST  /v1/orgs/{org_id}/keys           | admin; facilitator for non-admin keys        |
| GET   /v1/orgs/{org_id}/keys           | admin, facilitator                           |
| DELETE /v1/orgs/{org_id}/keys/{key_id} | admin; facilitator for non-admin keys        |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from assistant.api.deps import OperatorDep, OrgCallerDep, StoreDep
from assistant.api.responses import AUTHED, OPERATOR
from assistant.api.schemas import ID_PATTERN, KeyIn, OrgChanges, OrgCreated, OrgIn, RespondentIn
from tools import admin
from tools.admin import KeyView, OrgView, RespondentView

router = APIRouter(prefix="/v1/orgs", tags=["organizations"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    dependencies=[OperatorDep],
    responses=OPERATOR,
    # The token is optional: without OIAR_ADMIN_TOKEN set, loopback clients need none.
    openapi_extra={"security": [{}]},
)
def create_org(profile: OrgIn, store: StoreDep) -> OrgCreated:
    """Create an organization; the response holds its admin API key, shown only this once."""
    org, key = admin.create_org(store, profile)
    return OrgCreated(org=org, key=key)


@router.get("/{org_id}", responses=AUTHED)
def get_org(org_id: str, caller: OrgCallerDep, store: StoreDep) -> OrgView:
    """The organization's profile."""
    return admin.get_org(store, caller, org_id)


@router.patch("/{org_id}", responses=AUTHED)
def update_org(org_id: str, changes: OrgChanges, caller: OrgCallerDep, store: StoreDep) -> OrgView:
    """Change profile fields (admin); the merged profile must still be valid."""
    return admin.update_org(store, caller, org_id, changes.model_dump(exclude_unset=True))


@router.post("/{org_id}/respondents", status_code=status.HTTP_201_CREATED, responses=AUTHED)
def add_respondent(
    org_id: str, body: RespondentIn, caller: OrgCallerDep, store: StoreDep
) -> RespondentView:
    """Add a person to interview; their role and department choose the questions."""
    return admin.add_respondent(store, caller, org_id, **body.model_dump())


@router.get("/{org_id}/respondents", responses=AUTHED)
def list_respondents(org_id: str, caller: OrgCallerDep, store: StoreDep) -> list[RespondentView]:
    """Everyone added to the organization, oldest first."""
    return admin.list_respondents(store, caller, org_id)


@router.post("/{org_id}/keys", status_code=status.HTTP_201_CREATED, responses=AUTHED)
def create_key(org_id: str, body: KeyIn, caller: OrgCallerDep, store: StoreDep) -> KeyView:
    """A role-scoped API key (plaintext shown once); respondent keys name their respondent."""
    return admin.create_key(
        store, caller, org_id, role=body.role, respondent_id=body.respondent_id, name=body.name
    )


@router.get("/{org_id}/keys", responses=AUTHED)
def list_keys(org_id: str, caller: OrgCallerDep, store: StoreDep) -> list[KeyView]:
    """Every key of the organization with its role and whether it is revoked (no plaintext)."""
    return admin.list_keys(store, caller, org_id)


@router.delete("/{org_id}/keys/{key_id}", responses=AUTHED)
def revoke_key(
    org_id: str,
    key_id: Annotated[str, Path(pattern=ID_PATTERN)],
    caller: OrgCallerDep,
    store: StoreDep,
) -> KeyView:
    """Revoke a key: it stops working at once. Only an admin may revoke an admin key."""
    return admin.revoke_key(store, caller, org_id, key_id)

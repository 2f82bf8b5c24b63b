"""Who is calling, and what their role lets them do.

A caller is always bound to one organization (and, for respondent keys, one respondent). Anything
of another organization is reported as not found, so its existence never leaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tools.errors import ForbiddenError, NotFoundError

Role = Literal["admin", "facilitator", "respondent", "viewer"]
ROLES: tuple[Role, ...] = ("admin", "facilitator", "respondent", "viewer")

# What each role may do; checked by every tool before it touches the store.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "manage_org": frozenset({"admin"}),
    "manage_people": frozenset({"admin", "facilitator"}),
    "read_answers": frozenset({"admin", "facilitator"}),
    "read_results": frozenset({"admin", "facilitator", "viewer", "respondent"}),
    "read_score_detail": frozenset({"admin", "facilitator", "viewer"}),
    "interview": frozenset({"admin", "facilitator", "respondent"}),
    # Seams, decision types and constraints: respondents about their own work.
    "enter_governance": frozenset({"admin", "facilitator", "respondent"}),
    "manage_governance": frozenset({"admin", "facilitator"}),
    "manage_initiatives": frozenset({"admin", "facilitator"}),
    # Open and close assessment rounds; edit their sprint plans.
    "manage_rounds": frozenset({"admin", "facilitator"}),
    # Make, list and withdraw interview invitation links; see who has answered.
    "invite": frozenset({"admin", "facilitator"}),
    # Respondents' data: export anyone's, erase a person, delete the organization, read the
    # access log. A respondent exports their own data through `require_own_interview`.
    "export_data": frozenset({"admin"}),
    "erase_people": frozenset({"admin"}),
    "offboard_org": frozenset({"admin"}),
    "read_access_log": frozenset({"admin"}),
}


@dataclass(frozen=True, slots=True)
class Caller:
    """Set server-side from the credential; never from message text or a model."""

    org_id: str
    role: Role
    respondent_id: str | None = None
    channel: str = "api"
    # The API key's id (never the key): what the access log records. None off the API.
    key_id: str | None = None


def require(caller: Caller, permission: str) -> None:
    if caller.role not in PERMISSIONS[permission]:
        msg = f"a {caller.role} key cannot {permission.replace('_', ' ')}"
        raise ForbiddenError(msg)


def require_org(caller: Caller, org_id: str) -> None:
    if caller.org_id != org_id:
        msg = f"organization {org_id!r} not found"
        raise NotFoundError(msg)


def require_own_interview(caller: Caller, respondent_id: str) -> None:
    """Respondents may only see and speak in their own interview."""
    if caller.role == "respondent" and caller.respondent_id != respondent_id:
        msg = "interview not found"
        raise NotFoundError(msg)

"""Who a Slack request is from: workspace -> organization, user -> respondent and role.

The organization always comes from the team Bolt authorized the request for (its `context`),
never from text. Roles come from Slack's own flags (users.info), cached for a few minutes:

| Slack user                        | oiar role    |
|-----------------------------------|--------------|
| workspace owner / primary owner   | admin        |
| workspace admin                   | facilitator  |
| everyone else (guests included)   | respondent   |

Every Slack user is also a respondent of the organization (created on first contact, named
from users.info), so anyone may answer the interview; the role decides what else they may do.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tools import Store
from tools.access import Caller, Role
from tools.slack import workspaces as ws
from tools.slack.workspaces import SlackPerson, WorkspaceView

logger = logging.getLogger("oiar.slack")

USER_CACHE_SECONDS = 300.0
CHANNEL = "slack"


@dataclass(frozen=True, slots=True)
class TeamRef:
    """The workspace a request was signed for, as Bolt's context names it."""

    team_id: str | None
    enterprise_id: str | None = None
    is_enterprise_install: bool = False

    @property
    def key(self) -> str:
        """One organization per workspace; an org-wide Grid install is one for the enterprise."""
        key = self.enterprise_id if self.is_enterprise_install else self.team_id
        if not key:
            msg = "the request names no Slack workspace"
            raise ValueError(msg)
        return key

    @classmethod
    def of(cls, context: AsyncBoltContext) -> TeamRef:
        return cls(
            team_id=context.team_id,
            enterprise_id=context.enterprise_id,
            is_enterprise_install=bool(context.is_enterprise_install),
        )


@dataclass(frozen=True, slots=True)
class Who:
    """A Slack user resolved to oiar: their organization, respondent and role-bound caller."""

    team: TeamRef
    workspace: WorkspaceView
    user_id: str
    respondent_id: str
    name: str
    caller: Caller

    @property
    def org_id(self) -> str:
        return self.workspace.org_id


def role_of(user: dict[str, Any]) -> Role:
    """The oiar role of a Slack user from users.info's flags."""
    if user.get("is_owner") or user.get("is_primary_owner"):
        return "admin"
    if user.get("is_admin"):
        return "facilitator"
    return "respondent"


def person_of(user: dict[str, Any], user_id: str) -> SlackPerson:
    profile = user.get("profile") or {}
    name = (
        profile.get("real_name")
        or user.get("real_name")
        or profile.get("display_name")
        or user.get("name")
        or user_id
    )
    return SlackPerson(
        user_id=user_id, name=str(name).strip() or user_id, title=profile.get("title")
    )


class Identities:
    """Resolves teams and users; users.info answers are cached per (team, user)."""

    def __init__(self, store: Store, *, default_org_id: str | None = None) -> None:
        self.store = store
        self.default_org_id = default_org_id
        self._users: dict[tuple[str, str], tuple[float, SlackPerson, Role]] = {}

    async def workspace(self, team: TeamRef, client: AsyncWebClient) -> WorkspaceView:
        """The workspace's organization: the configured one, the linked one, or a new one."""
        if self.default_org_id is not None:
            found = await asyncio.to_thread(ws.find_workspace, self.store, team.key)
            if found is not None and found.org_id == self.default_org_id:
                return found
            return await asyncio.to_thread(
                lambda: ws.link_workspace(
                    self.store,
                    team_key=team.key,
                    org_id=self.default_org_id or "",
                    enterprise_id=team.enterprise_id,
                )
            )
        found = await asyncio.to_thread(ws.find_workspace, self.store, team.key)
        if found is not None:
            return found
        name = await _team_name(client)
        return await asyncio.to_thread(
            lambda: ws.workspace_org(
                self.store, team_key=team.key, enterprise_id=team.enterprise_id, name=name
            )
        )

    async def person(
        self, team: TeamRef, user_id: str, client: AsyncWebClient
    ) -> tuple[SlackPerson, Role]:
        key = (team.key, user_id)
        cached = self._users.get(key)
        if cached is not None and time.monotonic() - cached[0] < USER_CACHE_SECONDS:
            return cached[1], cached[2]
        try:
            response = await client.users_info(user=user_id)
            user: dict[str, Any] = response.get("user") or {}
        except SlackApiError as exc:
            # Without users.info (scope missing, user gone) they are a plain respondent.
            logger.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            user = {}
        person, role = person_of(user, user_id), role_of(user)
        self._users[key] = (time.monotonic(), person, role)
        return person, role

    async def who(self, team: TeamRef, user_id: str, client: AsyncWebClient) -> Who:
        """The organization, respondent (created on first contact) and caller of a Slack user."""
        workspace = await self.workspace(team, client)
        person, role = await self.person(team, user_id, client)
        respondent_id = await asyncio.to_thread(
            lambda: ws.slack_respondent(self.store, org_id=workspace.org_id, person=person)
        )
        caller = Caller(
            org_id=workspace.org_id, role=role, respondent_id=respondent_id, channel=CHANNEL
        )
        return Who(
            team=team,
            workspace=workspace,
            user_id=user_id,
            respondent_id=respondent_id,
            name=person.name,
            caller=caller,
        )

    def forget(self, team: TeamRef, user_id: str) -> None:
        """Drop a cached users.info (a role changed in Slack)."""
        self._users.pop((team.key, user_id), None)


async def _team_name(client: AsyncWebClient) -> str | None:
    try:
        response = await client.auth_test()
    except SlackApiError:
        return None
    team = response.get("team")
    return str(team) if team else None

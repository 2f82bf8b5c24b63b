"""What every Slack listener module is given (`ctx`): configuration, the store and engine,
background tasks, identity resolution, the `/oiar` subcommand table and per-team clients."""

from __future__ import annotations

import asyncio
import weakref
from dataclasses import dataclass, field
from typing import Literal

from slack_sdk.web.async_client import AsyncWebClient

from assistant.config import Settings
from assistant.engine import Engine
from assistant.slack.background import Background
from assistant.slack.commands import CommandTable
from assistant.slack.identity import Identities, TeamRef
from assistant.slack.installations import StoreInstallationStore
from tools import Store
from tools.slack import workspaces as ws

SLACK_API_URL = "https://slack.com/api/"


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """Slack settings resolved once: single-workspace (a bot token) or OAuth (client id)."""

    mode: Literal["single", "oauth"]
    signing_secret: str
    api_url: str = SLACK_API_URL
    bot_token: str | None = None
    app_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    state_secret: str | None = None
    org_id: str | None = None
    tick_s: float = 60.0
    # Where respondents reach the server: what invitation links start with.
    public_url: str | None = None

    @classmethod
    def from_settings(cls, settings: Settings, *, socket_mode: bool = False) -> SlackConfig | None:
        """None when Slack is not configured (no signing secret, or neither token nor OAuth).

        Socket Mode needs no signing secret (nothing arrives over HTTP) and no OAuth.
        """
        secret = _secret(settings.slack_signing_secret) or ""
        bot_token = _secret(settings.slack_bot_token)
        client_secret = _secret(settings.slack_client_secret)
        oauth = bool(settings.slack_client_id and client_secret) and not socket_mode
        if not (secret or socket_mode) or not (bot_token or oauth):
            return None
        api_url = settings.slack_api_url or SLACK_API_URL
        return cls(
            mode="oauth" if oauth else "single",
            signing_secret=secret,
            api_url=api_url if api_url.endswith("/") else f"{api_url}/",
            bot_token=None if oauth else bot_token,
            app_token=_secret(settings.slack_app_token),
            client_id=settings.slack_client_id if oauth else None,
            client_secret=client_secret if oauth else None,
            state_secret=_secret(settings.slack_state_secret) or client_secret,
            # One configured organization makes sense for one workspace only.
            org_id=None if oauth else settings.slack_org_id,
            tick_s=settings.campaign_tick_s,
            public_url=settings.public_url,
        )


def _secret(value: object) -> str | None:
    getter = getattr(value, "get_secret_value", None)
    secret = getter() if getter is not None else None
    return secret or None


@dataclass
class SlackContext:
    """Collaborators of every listener module, passed to `register(app, ctx)`."""

    config: SlackConfig
    store: Store
    engine: Engine
    commands: CommandTable
    identities: Identities
    tasks: Background = field(default_factory=Background)
    installations: StoreInstallationStore | None = None
    _locks: weakref.WeakValueDictionary[tuple[str, str], asyncio.Lock] = field(
        default_factory=weakref.WeakValueDictionary
    )

    def client(self, token: str | None = None) -> AsyncWebClient:
        """A Web API client on the configured base URL (Slack's, GovSlack's, or a test's)."""
        return AsyncWebClient(token=token, base_url=self.config.api_url)

    async def client_for_team(self, team: TeamRef) -> AsyncWebClient | None:
        """A client with the workspace's bot token (None: the app is not installed there)."""
        if self.config.mode == "single":
            return self.client(self.config.bot_token)
        if self.installations is None:
            return None
        bot = await self.installations.async_find_bot(
            enterprise_id=team.enterprise_id,
            team_id=team.team_id,
            is_enterprise_install=team.is_enterprise_install,
        )
        return self.client(bot.bot_token) if bot is not None and bot.bot_token else None

    async def client_for_org(self, org_id: str) -> tuple[TeamRef, AsyncWebClient] | None:
        """The first linked workspace of an organization and a client for it (reminder loops)."""
        for workspace in await asyncio.to_thread(ws.workspaces_of_org, self.store, org_id):
            team = _team_of(workspace)
            client = await self.client_for_team(team)
            if client is not None:
                return team, client
        return None

    def user_lock(self, team: TeamRef, user_id: str) -> asyncio.Lock:
        """One lock per person: their messages and clicks are handled in the order sent."""
        key = (team.key, user_id)
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock


def _team_of(workspace: ws.WorkspaceView) -> TeamRef:
    # An org-wide Grid install is keyed by its enterprise id.
    if workspace.team_key == workspace.enterprise_id:
        return TeamRef(team_id=None, enterprise_id=workspace.team_key, is_enterprise_install=True)
    return TeamRef(team_id=workspace.team_key, enterprise_id=workspace.enterprise_id)

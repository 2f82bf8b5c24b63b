"""Build the Slack app: one Bolt `AsyncApp`, its listener modules, and the context they share.

The same `SlackRuntime` serves Slack's HTTP requests inside the FastAPI process
(`POST /slack/events`, plus `/slack/install` and `/slack/oauth_redirect` with OAuth) and
Socket Mode (`oiar slack --socket`). Bolt verifies every HTTP request's signature and timestamp
(401 when wrong or older than five minutes) before any listener runs.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from dataclasses import dataclass
from types import ModuleType

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.web.async_client import AsyncWebClient

from assistant.engine import Engine
from assistant.slack.commands import CommandTable
from assistant.slack.context import SlackConfig, SlackContext
from assistant.slack.identity import Identities
from assistant.slack.installations import SignedStateStore, StoreInstallationStore
from tools import Store

logger = logging.getLogger("oiar.slack")

EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
BOT_SCOPES = (
    "app_mentions:read",
    "chat:write",
    "commands",
    "files:write",  # /oiar report uploads its chart
    "im:history",
    "im:read",
    "im:write",
    "usergroups:read",  # /oiar campaign invites a user group's members
    "users:read",
)
# Registered in this order; `commands` first, since the others add `/oiar` subcommands.
LISTENER_MODULES = (
    "assistant.slack.slash",
    "assistant.slack.interview",
    "assistant.slack.operators",
    "assistant.slack.home",
)
# Registered when present (written alongside): `/oiar campaign …` with its reminders, and
# `/oiar report`.
OPTIONAL_MODULES = (
    "assistant.slack.campaigns",
    "assistant.slack.report",
    "assistant.slack.governance",
    "assistant.slack.what_if",
    "assistant.slack.rounds",
    "assistant.slack.invites",
)


@dataclass
class SlackRuntime:
    """The Bolt app, the context its listeners share, and the Starlette request handler."""

    app: AsyncApp
    ctx: SlackContext
    handler: AsyncSlackRequestHandler

    async def close(self) -> None:
        """Let background work finish (bounded), then stop."""
        await self.ctx.tasks.close()


def listener_modules() -> list[ModuleType]:
    names = list(LISTENER_MODULES)
    names += [n for n in OPTIONAL_MODULES if importlib.util.find_spec(n) is not None]
    return [importlib.import_module(n) for n in names]


def build_slack_app(config: SlackConfig, *, store: Store, engine: Engine) -> SlackRuntime:
    """The AsyncApp for single-workspace (bot token) or OAuth (installation store) mode."""
    installations: StoreInstallationStore | None = None
    bolt_logger = logging.getLogger("oiar.slack.bolt")
    if config.mode == "oauth":
        assert config.client_id and config.client_secret and config.state_secret
        installations = StoreInstallationStore(store, client_id=config.client_id)
        app = AsyncApp(
            name="oiar",
            logger=bolt_logger,
            signing_secret=config.signing_secret,
            client=AsyncWebClient(base_url=config.api_url),
            installation_store=installations,
            oauth_settings=AsyncOAuthSettings(
                client_id=config.client_id,
                client_secret=config.client_secret,
                scopes=list(BOT_SCOPES),
                installation_store=installations,
                state_store=SignedStateStore(config.state_secret),
                install_path=INSTALL_PATH,
                redirect_uri_path=REDIRECT_PATH,
            ),
            # Listeners ack at once and hand slow work to ctx.tasks; running them before the
            # response keeps every task tracked (Bolt's own futures would not be).
            process_before_response=True,
        )
        # app_uninstalled and tokens_revoked delete the workspace's bot and installations
        # from the store: nothing is sent with a token Slack has taken back.
        app.enable_token_revocation_listeners()
    else:
        app = AsyncApp(
            name="oiar",
            logger=bolt_logger,
            signing_secret=config.signing_secret,
            client=AsyncWebClient(token=config.bot_token, base_url=config.api_url),
            process_before_response=True,
        )
    ctx = SlackContext(
        config=config,
        store=store,
        engine=engine,
        commands=CommandTable(),
        identities=Identities(store, default_org_id=config.org_id),
        installations=installations,
    )
    for module in listener_modules():
        module.register(app, ctx)
    return SlackRuntime(app=app, ctx=ctx, handler=AsyncSlackRequestHandler(app))

"""Slack's HTTP routes in the API process: `POST /slack/events` (events, interactivity and
slash commands) and, with OAuth, `GET /slack/install` and `GET /slack/oauth_redirect`.

Without Slack credentials nothing is mounted and one log line says so.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from assistant.config import Settings
from assistant.slack.app import EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH, build_slack_app
from assistant.slack.context import SlackConfig

logger = logging.getLogger("oiar.slack")

NOT_CONFIGURED = (
    "Slack is not configured (set OIAR_SLACK_SIGNING_SECRET and OIAR_SLACK_BOT_TOKEN, or "
    "OIAR_SLACK_CLIENT_ID and OIAR_SLACK_CLIENT_SECRET): serving without the /slack routes"
)


def mount_slack(app: FastAPI, settings: Settings) -> SlackConfig | None:
    """Add the Slack routes and start the Bolt app with the API's store and engine."""
    config = SlackConfig.from_settings(settings)
    if config is None:
        logger.info(NOT_CONFIGURED)
        return None
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(api: FastAPI) -> AsyncIterator[None]:
        async with inner(api):
            runtime = build_slack_app(config, store=api.state.store, engine=api.state.engine)
            api.state.slack = runtime
            mode = "OAuth, multi-workspace" if config.mode == "oauth" else "single workspace"
            logger.info("Slack enabled (%s) at %s", mode, EVENTS_PATH)
            try:
                yield
            finally:
                await runtime.close()

    app.router.lifespan_context = lifespan

    async def slack(request: Request) -> Response:
        return await request.app.state.slack.handler.handle(request)  # type: ignore[no-any-return]

    app.add_api_route(EVENTS_PATH, slack, methods=["POST"], include_in_schema=False)
    if config.mode == "oauth":
        for path in (INSTALL_PATH, REDIRECT_PATH):
            app.add_api_route(path, slack, methods=["GET"], include_in_schema=False)
    return config

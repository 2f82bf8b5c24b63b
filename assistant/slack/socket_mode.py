"""Socket Mode: the same Bolt app and listeners over Slack's WebSocket instead of HTTP.

Only `serve_socket_mode` talks to Slack's servers (apps.connections.open, then a WebSocket);
everything it runs is built by `build_slack_app`, exactly as for HTTP.
"""

from __future__ import annotations

import asyncio

from assistant.config import Settings
from assistant.engine import Engine, make_driver
from assistant.slack.app import SlackRuntime, build_slack_app
from assistant.slack.context import SlackConfig
from tools import Store


def socket_runtime(settings: Settings, store: Store) -> tuple[SlackRuntime, str]:
    """The runtime and app token for Socket Mode; ValueError names what is missing."""
    app_token = settings.slack_app_token.get_secret_value() if settings.slack_app_token else ""
    if not app_token:
        msg = "OIAR_SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…)"
        raise ValueError(msg)
    config = SlackConfig.from_settings(settings, socket_mode=True)
    if config is None:
        msg = "OIAR_SLACK_BOT_TOKEN is not set: Socket Mode needs the bot token too"
        raise ValueError(msg)
    engine = Engine(store, make_driver(store, settings))
    return build_slack_app(config, store=store, engine=engine), app_token


async def serve_socket_mode(runtime: SlackRuntime, app_token: str) -> None:
    """Connect to Slack and serve until interrupted (needs Slack's servers: not unit-tested)."""
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

    handler = AsyncSocketModeHandler(runtime.app, app_token)
    try:
        await handler.start_async()  # type: ignore[no-untyped-call]
    finally:
        await runtime.close()


def run_socket_mode(settings: Settings, store: Store) -> None:
    runtime, app_token = socket_runtime(settings, store)
    asyncio.run(serve_socket_mode(runtime, app_token))

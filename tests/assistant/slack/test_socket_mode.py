"""`oiar slack --socket` wires the very app `oiar serve` mounts; only the connection to
Slack's servers (serve_socket_mode) is left out."""

from __future__ import annotations

import pytest
from fake_slack import FakeSlack
from typer.testing import CliRunner

from assistant.cli import app as cli
from assistant.engine import Engine
from assistant.slack import socket_mode
from assistant.slack.app import SlackRuntime, build_slack_app
from assistant.slack.context import SlackConfig
from tools.store import Store


def _listeners(runtime: SlackRuntime) -> list[str]:
    return sorted(listener.ack_function.__qualname__ for listener in runtime.app._async_listeners)


def test_slack_socket_serves_same_listeners_as_http(
    monkeypatch: pytest.MonkeyPatch, fake_slack: FakeSlack, sqlite_url: str
) -> None:
    served: list[tuple[SlackRuntime, str]] = []

    async def fake_serve(runtime: SlackRuntime, app_token: str) -> None:
        served.append((runtime, app_token))
        await runtime.close()

    monkeypatch.setattr(socket_mode, "serve_socket_mode", fake_serve)
    monkeypatch.setenv("OIAR_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("OIAR_SLACK_BOT_TOKEN", "xoxb-alpha")
    monkeypatch.setenv("OIAR_SLACK_APP_TOKEN", "xapp-1")
    monkeypatch.setenv("OIAR_SLACK_API_URL", fake_slack.url)
    from assistant.config import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["slack", "--socket"])
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 0, result.output
    [(runtime, token)] = served
    assert token == "xapp-1"
    store = Store.open(sqlite_url)
    try:
        config = SlackConfig(mode="single", signing_secret="s", bot_token="xoxb-alpha")
        http = build_slack_app(config, store=store, engine=Engine(store))
    finally:
        store.dispose()
    assert _listeners(runtime) == _listeners(http)
    assert runtime.ctx.commands.names() == http.ctx.commands.names()
    assert runtime.ctx.config.api_url == fake_slack.url


def test_slack_socket_without_app_token_says_which_setting(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str
) -> None:
    monkeypatch.setenv("OIAR_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("OIAR_SLACK_BOT_TOKEN", "xoxb-alpha")
    from assistant.config import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["slack", "--socket"])
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 2
    assert "OIAR_SLACK_APP_TOKEN is not set" in result.output


def test_slack_without_socket_points_to_serve() -> None:
    result = CliRunner().invoke(cli, ["slack"])

    assert result.exit_code == 2
    assert "inside `oiar serve` at /slack/events" in result.output

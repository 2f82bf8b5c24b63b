"""Request checks: signatures and timestamps (401), retries taken once, unconfigured Slack."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator

import pytest
from factories import make_workspace_of
from fake_slack import FakeSlack
from slack_support import (
    ALPHA_TOKEN,
    EVENTS,
    SECRET,
    SlackApp,
    event_body,
    signed_headers,
    slack_settings,
)

from assistant.api.app import create_app
from assistant.slack.routes import NOT_CONFIGURED
from tools import analysis
from tools.store import Store

from api_support import asgi_client, make_settings  # isort: skip

pytestmark = pytest.mark.anyio


@pytest.fixture
async def any_backend_slack(fake_slack: FakeSlack, store: Store) -> AsyncIterator[SlackApp]:
    """The Slack app on every backend the `store` fixture gives (SQLite, PostgreSQL)."""
    org = make_workspace_of(store, name="Alpha Co").org
    settings = slack_settings(fake_slack, slack_bot_token=ALPHA_TOKEN, slack_org_id=org.id)
    api = create_app(settings, store=store)
    async with asgi_client(api) as client:
        yield SlackApp(api=api, client=client, fake=fake_slack, team_id="TALPHA")


def _dm(text: str) -> dict[str, object]:
    return {
        "type": "message",
        "channel": "DUDANA",
        "channel_type": "im",
        "user": "UDANA",
        "text": text,
        "ts": "1700000001.000100",
    }


async def test_bad_signature_is_401(slack: SlackApp) -> None:
    body = json.dumps(event_body("TALPHA", _dm("hi")))
    headers = {"Content-Type": "application/json", **signed_headers(body, secret="wrong")}

    response = await slack.client.post(EVENTS, content=body, headers=headers)

    assert response.status_code == 401
    await slack.idle()
    assert slack.fake.of("chat.postMessage") == []


async def test_stale_timestamp_is_401(slack: SlackApp) -> None:
    body = json.dumps(event_body("TALPHA", _dm("hi")))
    stale = int(time.time()) - 6 * 60
    headers = {"Content-Type": "application/json", **signed_headers(body, timestamp=stale)}

    response = await slack.client.post(EVENTS, content=body, headers=headers)

    assert response.status_code == 401
    await slack.idle()
    assert slack.fake.of("chat.postMessage") == []


async def test_missing_signature_is_401(slack: SlackApp) -> None:
    body = json.dumps(event_body("TALPHA", _dm("hi")))

    response = await slack.client.post(EVENTS, content=body)

    assert response.status_code == 401


async def test_retried_event_is_recorded_once(any_backend_slack: SlackApp) -> None:
    slack = any_backend_slack
    dana = slack.user("UDANA")
    await dana.say("hi")
    await slack.fake.until("chat.postMessage")
    await slack.idle()

    first = await dana.event(_dm("about 15 a month"), event_id="EvRETRY1")
    retry = await dana.event(
        _dm("about 15 a month"),
        event_id="EvRETRY1",
        **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"},
    )
    await slack.idle()

    assert (first.status_code, retry.status_code) == (200, 200)
    assert len(slack.fake.of("chat.postMessage")) == 2
    caller = slack.admin_caller()
    rows = analysis.list_answers(slack.runtime.ctx.store, caller, slack.org_id)
    assert [(r.raw_text, r.kind) for r in rows] == [("about 15 a month", "answer")]


async def test_app_without_slack_settings_has_no_slack_routes(
    slack_store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="oiar.slack"):
        api = create_app(make_settings(), store=slack_store)

    assert [r.message for r in caplog.records if r.name == "oiar.slack"] == [NOT_CONFIGURED]
    async with asgi_client(api) as client:
        response = await client.post(EVENTS, content="{}")
    assert response.status_code == 404


async def test_app_with_signing_secret_but_no_token_has_no_slack_routes(
    slack_store: Store,
) -> None:
    api = create_app(make_settings(slack_signing_secret=SECRET), store=slack_store)

    async with asgi_client(api) as client:
        response = await client.post(EVENTS, content="{}")
    assert response.status_code == 404

"""Signed Slack requests to the real app: events, block actions, view submissions, commands."""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
from fake_slack import FakeSlack
from fastapi import FastAPI
from slack_sdk.signature import SignatureVerifier

from assistant.config import Settings
from assistant.slack.app import SlackRuntime
from tools.access import Caller

SECRET = "test-signing-secret"
ALPHA_TOKEN = "xoxb-alpha"
EVENTS = "/slack/events"
_ids = itertools.count(1)


def signed_headers(
    body: str, *, secret: str = SECRET, timestamp: int | None = None
) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


def event_body(
    team_id: str, event: dict[str, Any], *, event_id: str | None = None
) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": team_id,
        "api_app_id": "A0001",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [
            {"team_id": team_id, "user_id": "UBOT", "is_bot": True, "is_enterprise_install": False}
        ],
    }


@dataclass
class SlackUser:
    """One person in one workspace, sending what Slack would send on their behalf."""

    client: httpx.AsyncClient
    fake: FakeSlack
    team_id: str
    user_id: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def dm(self) -> str:
        return f"D{self.user_id}"

    async def post(self, body: str, content_type: str, **headers: str) -> httpx.Response:
        all_headers = {"Content-Type": content_type, **signed_headers(body), **headers}
        return await self.client.post(EVENTS, content=body, headers=all_headers)

    async def event(
        self, event: dict[str, Any], *, event_id: str | None = None, **headers: str
    ) -> httpx.Response:
        body = json.dumps(event_body(self.team_id, event, event_id=event_id))
        return await self.post(body, "application/json", **headers)

    async def say(self, text: str, **kw: Any) -> httpx.Response:
        """A message in the app's DM."""
        ts = f"{time.time():.6f}"
        event = {
            "type": "message",
            "channel": self.dm,
            "channel_type": "im",
            "user": self.user_id,
            "text": text,
            "ts": ts,
            "event_ts": ts,
        }
        return await self.event(event, **kw)

    async def mention(
        self, text: str, *, channel: str = "C0GENERAL", thread_ts: str | None = None
    ) -> httpx.Response:
        ts = f"{time.time():.6f}"
        event: dict[str, Any] = {
            "type": "app_mention",
            "channel": channel,
            "user": self.user_id,
            "text": f"<@UBOT> {text}",
            "ts": ts,
            "event_ts": ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        return await self.event(event)

    async def open_home(self) -> httpx.Response:
        return await self.event(
            {
                "type": "app_home_opened",
                "user": self.user_id,
                "channel": self.dm,
                "tab": "home",
                "event_ts": "1.0",
            }
        )

    def _interactive(self, payload: dict[str, Any]) -> str:
        base = {
            "team": {"id": self.team_id, "domain": "x"},
            "user": {"id": self.user_id, "team_id": self.team_id},
            "api_app_id": "A0001",
            "token": "legacy",
            "trigger_id": f"trig.{next(_ids)}",
            "is_enterprise_install": False,
        }
        return urlencode({"payload": json.dumps({**base, **payload})})

    async def click(
        self,
        message: dict[str, Any],
        block_id: str,
        action_id: str,
        *,
        value: str | None = None,
        selected: str | None = None,
    ) -> httpx.Response:
        """Press a button (or pick a radio option) of a message the fake recorded."""
        action: dict[str, Any] = {
            "action_id": action_id,
            "block_id": block_id,
            "type": "button",
            "action_ts": "1.1",
        }
        if value is not None:
            action["value"] = value
        if selected is not None:
            action["type"] = "radio_buttons"
            action["selected_option"] = {"value": selected}
        payload = {
            "type": "block_actions",
            "container": {
                "type": "message",
                "message_ts": message["ts"],
                "channel_id": message["channel"],
                "is_ephemeral": False,
            },
            "channel": {"id": message["channel"]},
            "message": {"ts": message["ts"], "blocks": message.get("blocks")},
            "actions": [action],
        }
        return await self.post(self._interactive(payload), "application/x-www-form-urlencoded")

    async def submit(self, view: dict[str, Any], value: str) -> httpx.Response:
        """Submit a modal the fake recorded (views.open) with `value` in its answer field."""
        state = {"values": {"answer": {"answer": {"type": "plain_text_input", "value": value}}}}
        payload = {"type": "view_submission", "view": {**view, "id": "V0001", "state": state}}
        return await self.post(self._interactive(payload), "application/x-www-form-urlencoded")

    async def command(self, text: str, *, response: str = "cmd") -> httpx.Response:
        body = urlencode(
            {
                "token": "legacy",
                "team_id": self.team_id,
                "team_domain": "x",
                "channel_id": "C0GENERAL",
                "channel_name": "general",
                "user_id": self.user_id,
                "user_name": self.user_id.lower(),
                "command": "/oiar",
                "text": text,
                "api_app_id": "A0001",
                "is_enterprise_install": "false",
                "response_url": self.fake.response_url(response),
                "trigger_id": f"trig.{next(_ids)}",
            }
        )
        return await self.post(body, "application/x-www-form-urlencoded")


def message_of(call: Any) -> dict[str, Any]:
    """A posted message as a later click sees it: channel, ts and blocks."""
    return {
        "channel": call.args["channel"],
        "ts": call.response["ts"],
        "blocks": call.args.get("blocks"),
    }


def block_ids(blocks: list[dict[str, Any]], prefix: str) -> list[str]:
    return [b["block_id"] for b in blocks if str(b.get("block_id", "")).startswith(prefix)]


def texts(blocks: list[dict[str, Any]]) -> str:
    """Every visible text of some blocks, joined: what a person reads."""
    out: list[str] = []
    for block in blocks:
        if "text" in block and isinstance(block["text"], dict):
            out.append(block["text"]["text"])
        for element in block.get("elements", []):
            if isinstance(element.get("text"), dict):
                out.append(element["text"]["text"])
            elif isinstance(element.get("text"), str):
                out.append(element["text"])
        if "accessory" in block:
            out.append(block["accessory"]["text"]["text"])
    return "\n".join(out)


@dataclass
class SlackApp:
    """The running app with its client, the Slack runtime, and the fake Web API."""

    api: FastAPI
    client: httpx.AsyncClient
    fake: FakeSlack
    team_id: str

    @property
    def runtime(self) -> SlackRuntime:
        runtime: SlackRuntime = self.api.state.slack
        return runtime

    def user(self, user_id: str, team_id: str | None = None) -> SlackUser:
        return SlackUser(self.client, self.fake, team_id or self.team_id, user_id)

    @property
    def org_id(self) -> str:
        org_id = self.runtime.ctx.config.org_id
        assert org_id is not None
        return org_id

    def admin_caller(self) -> Caller:
        return Caller(org_id=self.org_id, role="admin")

    async def idle(self) -> None:
        """Wait until every background task the app started has finished."""
        await self.runtime.ctx.tasks.idle()

    async def reply_to(self, user: str, text: str) -> str:
        """`/oiar TEXT` typed by `user`: the ephemeral reply's text."""
        self.fake.clear()
        response = await self.user(user).command(text)
        assert response.status_code == 200
        reply = (await self.fake.until("response_url"))[0]
        assert reply.args["response_type"] == "ephemeral"
        return str(reply.args["text"])


def slack_settings(fake: FakeSlack, **values: Any) -> Settings:
    return Settings(_env_file=None, slack_signing_secret=SECRET, slack_api_url=fake.url, **values)

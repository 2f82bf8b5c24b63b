"""The per-key rate limit: a key that spends its burst gets 429 with Retry-After and nothing is
stored for the refused request; other keys, and reads of stored things, go on as before."""

from __future__ import annotations

import httpx
import pytest
from api_support import World, asgi_client, bearer, make_settings, transport_client

from assistant.api.app import create_app
from assistant.api.rate_limit import RateLimit, is_limited
from tools import interview as iv
from tools.store import Store

pytestmark = pytest.mark.anyio

BURST = 3


def _limited_app(store: Store) -> object:
    return create_app(make_settings(rate_limit_per_minute=6, rate_limit_burst=BURST), store=store)


async def _say(client: httpx.AsyncClient, world: World, text: str) -> httpx.Response:
    return await client.post(
        f"/v1/interviews/{world.a.interview}/messages",
        json={"text": text},
        headers=bearer(world.a.keys["respondent"]),
    )


async def test_spent_key_gets_429_with_retry_after_and_nothing_is_stored(
    store: Store, world: World
) -> None:
    async with asgi_client(_limited_app(store)) as client:
        first = iv.get_record(store, world.a.callers["respondent"], world.a.interview)
        for _ in range(BURST):
            assert (await _say(client, world, "skip")).status_code == 200
        before = iv.get_record(store, world.a.callers["respondent"], world.a.interview)
        refused = await _say(client, world, "skip")

        assert refused.status_code == 429
        assert int(refused.headers["Retry-After"]) >= 1
        assert refused.json()["error"]["code"] == "rate_limited"
        after = iv.get_record(store, world.a.callers["respondent"], world.a.interview)
        assert len(after.transcript) == len(before.transcript) > len(first.transcript)


async def test_other_keys_and_stored_reads_are_not_slowed(store: Store, world: World) -> None:
    async with asgi_client(_limited_app(store)) as client:
        for _ in range(BURST + 1):
            await _say(client, world, "skip")
        assert (await _say(client, world, "skip")).status_code == 429

        facilitator = bearer(world.a.keys["facilitator"])
        other = await client.post(
            f"/v1/orgs/{world.a.id}/respondents", json={"name": "Ana Ito"}, headers=facilitator
        )
        assert other.status_code == 201, other.text
        own_read = await client.get(
            f"/v1/interviews/{world.a.interview}", headers=bearer(world.a.keys["respondent"])
        )
        assert own_read.status_code == 200


async def test_a_browser_session_is_its_own_bucket(store: Store, world: World) -> None:
    app = _limited_app(store)
    async with asgi_client(app) as first, transport_client(app) as second:
        tokens = []
        for client in (first, second):
            signed = await client.post("/web/session", json={"key": world.a.keys["facilitator"]})
            tokens.append({"X-CSRF-Token": signed.json()["csrf_token"]})
        url = f"/v1/orgs/{world.a.id}/respondents"
        for i in range(BURST):
            made = await first.post(url, json={"name": f"A{i}"}, headers=tokens[0])
            assert made.status_code == 201, made.text
        spent = await first.post(url, json={"name": "A9"}, headers=tokens[0])
        fresh = await second.post(url, json={"name": "B0"}, headers=tokens[1])

        assert spent.status_code == 429
        assert fresh.status_code == 201, fresh.text


async def test_scoring_reads_count_against_the_key(store: Store, world: World) -> None:
    async with asgi_client(_limited_app(store)) as client:
        viewer = bearer(world.a.keys["viewer"])
        codes = [
            (await client.get(f"/v1/orgs/{world.a.id}/score", headers=viewer)).status_code
            for _ in range(BURST + 1)
        ]
    assert codes[:BURST] == [200] * BURST and codes[BURST] == 429


async def test_tokens_come_back_at_the_configured_rate() -> None:
    now = [0.0]
    limiter = RateLimit(lambda *_: None, per_minute=60, burst=2, clock=lambda: now[0])  # type: ignore[arg-type, return-value]
    assert limiter._take("k") == 0 and limiter._take("k") == 0
    assert limiter._take("k") == pytest.approx(1.0)
    now[0] = 1.0
    assert limiter._take("k") == 0
    assert limiter._take("k") > 0


@pytest.mark.parametrize(
    ("method", "path", "limited"),
    [
        ("POST", "/v1/interviews/itv_1/messages", True),
        ("PATCH", "/v1/orgs/org_1", True),
        ("DELETE", "/v1/orgs/org_1/keys/key_1", True),
        ("GET", "/v1/orgs/org_1/score", True),
        ("GET", "/v1/orgs/org_1/report", True),
        ("GET", "/v1/orgs/org_1/governance/seams", True),
        ("GET", "/v1/orgs/org_1/trend", True),
        ("GET", "/v1/orgs/org_1/campaigns/cmp_1/summary", True),
        ("GET", "/v1/orgs/org_1/answers", False),
        ("GET", "/v1/interviews/itv_1", False),
        ("GET", "/healthz", False),
        ("POST", "/slack/events", False),
    ],
)
def test_which_routes_are_limited(method: str, path: str, limited: bool) -> None:
    assert is_limited(method, path) is limited

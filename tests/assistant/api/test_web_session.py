"""Signing a browser in with an API key: the session cookie, CSRF on writes, and how a
session ends (sign-out, key revoked, erasure, offboarding)."""

from __future__ import annotations

import httpx
import pytest
from api_support import World, bearer
from sqlalchemy import text

from tools.store import Store

pytestmark = pytest.mark.anyio
CSRF = "X-CSRF-Token"


async def _sign_in(client: httpx.AsyncClient, key: str) -> dict[str, object]:
    got = await client.post("/web/session", json={"key": key})
    assert got.status_code == 200, got.text
    return dict(got.json())


async def test_sign_in_sets_an_httponly_cookie_and_describes_the_caller(
    client: httpx.AsyncClient, world: World
) -> None:
    got = await client.post("/web/session", json={"key": world.a.keys["facilitator"]})

    assert got.status_code == 200, got.text
    cookie = got.headers["set-cookie"]
    assert cookie.startswith("oiar_session=")
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Path=/" in cookie
    assert "Secure" not in cookie  # plain http, OIAR_COOKIE_SECURE unset
    body = got.json()
    assert body["role"] == "facilitator" and body["org_id"] == world.a.id
    assert body["org_name"] == "Alpha Co" and body["respondent"] is None
    assert body["csrf_token"] and body["expires_at"].endswith("Z")
    again = await client.get("/web/session")
    assert again.status_code == 200 and again.json()["csrf_token"] == body["csrf_token"]


async def test_cookie_is_secure_behind_an_https_proxy(
    client: httpx.AsyncClient, world: World
) -> None:
    got = await client.post(
        "/web/session",
        json={"key": world.a.keys["viewer"]},
        headers={"X-Forwarded-Proto": "https"},
    )

    assert "Secure" in got.headers["set-cookie"]


async def test_sign_in_with_a_bad_key_is_401_and_sets_nothing(client: httpx.AsyncClient) -> None:
    got = await client.post("/web/session", json={"key": "oiar_not-a-key"})

    assert got.status_code == 401
    assert got.json()["error"]["code"] == "unauthorized"
    assert "set-cookie" not in got.headers
    assert (await client.get("/web/session")).status_code == 401


async def test_a_session_cookie_works_on_the_v1_routes(
    client: httpx.AsyncClient, world: World
) -> None:
    session = await _sign_in(client, world.a.keys["facilitator"])

    listed = await client.get(f"/v1/orgs/{world.a.id}/respondents")
    added = await client.post(
        f"/v1/orgs/{world.a.id}/respondents",
        json={"name": "Kim Lo", "role": "CTO"},
        headers={CSRF: str(session["csrf_token"])},
    )
    other = await client.get(f"/v1/orgs/{world.b.id}/respondents")

    assert listed.status_code == 200 and len(listed.json()) == 2
    assert added.status_code == 201, added.text
    assert other.status_code == 404


@pytest.mark.parametrize("header", [None, "wrong"])
async def test_a_cookie_write_without_the_csrf_token_is_403_and_stores_nothing(
    client: httpx.AsyncClient, world: World, header: str | None
) -> None:
    await _sign_in(client, world.a.keys["admin"])
    headers = {CSRF: header} if header else {}

    got = await client.post(
        f"/v1/orgs/{world.a.id}/respondents", json={"name": "Kim Lo"}, headers=headers
    )

    assert got.status_code == 403
    assert got.json()["error"]["code"] == "csrf_failed"
    listed = await client.get(f"/v1/orgs/{world.a.id}/respondents")
    assert [p["name"] for p in listed.json()] == ["Dana Ruiz", "Lee Park"]


async def test_bearer_wins_over_the_cookie(client: httpx.AsyncClient, world: World) -> None:
    await _sign_in(client, world.a.keys["admin"])

    # An org-B key with org A's cookie: the key decides (A is not B's) and no CSRF is asked.
    as_b = await client.get(f"/v1/orgs/{world.a.id}", headers=bearer(world.b.keys["admin"]))
    write = await client.patch(
        f"/v1/orgs/{world.b.id}", json={"headcount": 401}, headers=bearer(world.b.keys["admin"])
    )
    bad_bearer = await client.get(f"/v1/orgs/{world.a.id}", headers=bearer("oiar_nope"))

    assert as_b.status_code == 404
    assert write.status_code == 200, write.text
    assert bad_bearer.status_code == 401  # a bad key is not rescued by the cookie


async def test_a_viewer_session_cannot_write(client: httpx.AsyncClient, world: World) -> None:
    session = await _sign_in(client, world.a.keys["viewer"])

    got = await client.post(
        f"/v1/orgs/{world.a.id}/respondents",
        json={"name": "Kim Lo"},
        headers={CSRF: str(session["csrf_token"])},
    )
    score = await client.get(f"/v1/orgs/{world.a.id}/score")

    assert got.status_code == 403 and got.json()["error"]["code"] == "forbidden"
    assert score.status_code == 200


async def test_sign_out_ends_the_session(client: httpx.AsyncClient, world: World) -> None:
    session = await _sign_in(client, world.a.keys["facilitator"])
    cookie = client.cookies["oiar_session"]

    refused = await client.delete("/web/session")
    ended = await client.delete("/web/session", headers={CSRF: str(session["csrf_token"])})

    assert refused.status_code == 403
    assert ended.status_code == 204
    assert "oiar_session" not in client.cookies
    # The old value, replayed, is dead server-side.
    client.cookies.set("oiar_session", cookie)
    replay = await client.get("/web/session")
    assert replay.status_code == 401


async def test_revoking_a_key_ends_its_console_sessions(
    client: httpx.AsyncClient, world: World
) -> None:
    await _sign_in(client, world.a.keys["facilitator"])
    key_id = world.a.callers["facilitator"].key_id

    revoked = await client.delete(
        f"/v1/orgs/{world.a.id}/keys/{key_id}", headers=bearer(world.a.keys["admin"])
    )

    assert revoked.status_code == 200
    assert (await client.get("/web/session")).status_code == 401
    refused = await client.get(f"/v1/orgs/{world.a.id}/respondents")
    assert refused.status_code == 401
    assert "session has ended" in refused.json()["error"]["message"]


async def test_the_cookie_value_is_stored_only_hashed(
    client: httpx.AsyncClient, world: World, store: Store
) -> None:
    await _sign_in(client, world.a.keys["facilitator"])
    cookie = client.cookies["oiar_session"]

    with store.read() as session:
        rows = session.execute(text("SELECT * FROM web_sessions")).all()

    assert len(rows) == 1
    assert all(cookie not in str(value) for value in rows[0])


async def test_erasure_ends_the_respondents_sessions(
    client: httpx.AsyncClient, world: World
) -> None:
    await _sign_in(client, world.a.keys["respondent"])
    assert (await client.get("/v1/me/export")).status_code == 200

    erased = await client.delete(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}",
        headers=bearer(world.a.keys["admin"]),
    )

    assert erased.status_code == 200, erased.text
    assert erased.json()["removed"]["web_sessions_ended"] == 1
    assert (await client.get("/v1/me/export")).status_code == 401


async def test_offboarding_deletes_the_sessions(
    client: httpx.AsyncClient, world: World, store: Store
) -> None:
    await _sign_in(client, world.a.keys["viewer"])

    gone = await client.delete(
        f"/v1/orgs/{world.a.id}?confirm={world.a.id}", headers=bearer(world.a.keys["admin"])
    )

    assert gone.status_code == 200, gone.text
    assert gone.json()["deleted"]["web_sessions"] == 1
    assert (await client.get("/web/session")).status_code == 401
    with store.read() as session:
        left = session.execute(
            text("SELECT count(*) FROM web_sessions WHERE org_id = :o"), {"o": world.a.id}
        ).scalar()
    assert left == 0

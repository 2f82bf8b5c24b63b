"""Organizations: who may create them (operator token or loopback), profile, people, keys."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from api_support import ClientFactory, World, asgi_client, bearer, make_settings

from assistant.api.app import create_app
from tools.store import Store

pytestmark = pytest.mark.anyio

PROFILE: dict[str, Any] = {
    "name": "Acme Manufacturing",
    "revenue": 100_000_000,
    "operating_margin": 0.12,
    "headcount": 400,
    "industry": "manufacturing",
}
TOKEN = "operator-token-0123456789"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"])
async def test_create_org_from_loopback_without_token_is_created(
    shared_client_from: ClientFactory, host: str
) -> None:
    async with shared_client_from(host) as client:
        response = await client.post("/v1/orgs", json=PROFILE)
        assert response.status_code == 201, response.text
        created = response.json()
        assert created["org"]["name"] == PROFILE["name"]
        assert created["key"]["role"] == "admin" and created["key"]["key"].startswith("oiar_")
        # The key it returns works at once, and only for its own organization.
        org = await client.get(
            f"/v1/orgs/{created['org']['id']}", headers=bearer(created["key"]["key"])
        )
        assert org.status_code == 200 and org.json()["id"] == created["org"]["id"]


@pytest.mark.parametrize("host", ["10.0.0.7", "192.168.1.2", "2001:db8::1", "testclient", ""])
async def test_create_org_from_elsewhere_without_token_is_forbidden(
    shared_client_from: ClientFactory, host: str
) -> None:
    async with shared_client_from(host) as client:
        response = await client.post("/v1/orgs", json=PROFILE)
    assert response.status_code == 403
    assert "loopback" in response.json()["error"]["message"]


async def test_create_org_with_token_from_anywhere_is_created(store: Store) -> None:
    app = create_app(make_settings(admin_token=TOKEN), store=store)
    async with asgi_client(app, host="203.0.113.9") as client:
        response = await client.post("/v1/orgs", json=PROFILE, headers=bearer(TOKEN))
    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "headers",
    [{}, bearer("wrong-token"), bearer(TOKEN + "x"), {"Authorization": f"Basic {TOKEN}"}],
    ids=["missing", "wrong", "longer", "basic"],
)
async def test_create_org_with_token_set_and_bad_credentials_is_401(
    store: Store, headers: dict[str, str]
) -> None:
    app = create_app(make_settings(admin_token=TOKEN), store=store)
    # Loopback is no excuse once a token is set.
    async with asgi_client(app, host="127.0.0.1") as client:
        response = await client.post("/v1/orgs", json=PROFILE, headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_create_org_with_an_org_admin_key_is_401(store: Store, world: World) -> None:
    app = create_app(make_settings(admin_token=TOKEN), store=store)
    async with asgi_client(app) as client:
        response = await client.post(
            "/v1/orgs", json=PROFILE, headers=bearer(world.a.keys["admin"])
        )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("token", "expected"),
    [(None, "loopback"), (TOKEN, "requires the operator token")],
    ids=["unset", "set"],
)
async def test_startup_logs_how_orgs_are_created(
    store: Store, caplog: pytest.LogCaptureFixture, token: str | None, expected: str
) -> None:
    app = create_app(make_settings(admin_token=token), store=store)
    with caplog.at_level(logging.INFO, logger="oiar.api"):
        async with asgi_client(app):
            pass
    lines = [r.getMessage() for r in caplog.records if r.name == "oiar.api"]
    assert len(lines) == 1 and expected in lines[0]


async def test_patch_org_changes_only_the_given_fields(
    client: httpx.AsyncClient, world: World
) -> None:
    response = await client.patch(
        f"/v1/orgs/{world.a.id}",
        json={"revenue": 120_000_000, "loaded_labor_cost_per_hour": 85},
        headers=bearer(world.a.keys["admin"]),
    )
    assert response.status_code == 200, response.text
    org = response.json()
    assert org["revenue"] == 120_000_000 and org["loaded_labor_cost_per_hour"] == 85
    assert org["headcount"] == 400 and org["name"] == "Alpha Co"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": None}, "name"),
        ({"headcount": None}, "headcount"),
        ({"operating_margin": 1.5}, "operating_margin"),
        ({"revenue": 0}, "revenue"),
        ({"currency": "usd"}, "currency"),
        ({"bogus": 1}, "bogus"),
    ],
)
async def test_patch_org_invalid_is_422_naming_the_field(
    shared_client: httpx.AsyncClient, shared_world: World, changes: dict[str, Any], field: str
) -> None:
    response = await shared_client.patch(
        f"/v1/orgs/{shared_world.a.id}", json=changes, headers=bearer(shared_world.a.keys["admin"])
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field


async def test_add_respondent_twice_is_409(client: httpx.AsyncClient, world: World) -> None:
    url, headers = f"/v1/orgs/{world.a.id}/respondents", bearer(world.a.keys["facilitator"])
    first = await client.post(
        url, json={"name": "Ada Obi", "department": "Finance"}, headers=headers
    )
    assert first.status_code == 201
    assert first.json()["department"] == "Finance"
    again = await client.post(url, json={"name": "Ada Obi"}, headers=headers)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"
    listed = await client.get(url, headers=headers)
    assert [r["name"] for r in listed.json()] == ["Dana Ruiz", "Lee Park", "Ada Obi"]


async def test_add_respondent_unknown_tag_is_422(client: httpx.AsyncClient, world: World) -> None:
    response = await client.post(
        f"/v1/orgs/{world.a.id}/respondents",
        json={"name": "Kim", "tags": ["wizard"]},
        headers=bearer(world.a.keys["admin"]),
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "tags"


async def test_respondent_key_reaches_only_its_respondent(
    client: httpx.AsyncClient, world: World
) -> None:
    created = await client.post(
        f"/v1/orgs/{world.a.id}/keys",
        json={"role": "respondent", "respondent_id": world.a.peer, "name": "Lee's key"},
        headers=bearer(world.a.keys["facilitator"]),
    )
    assert created.status_code == 201, created.text
    key = created.json()
    assert key["respondent_id"] == world.a.peer and key["key"].startswith("oiar_")
    own = await client.get(f"/v1/interviews/{world.a.peer_interview}", headers=bearer(key["key"]))
    assert own.status_code == 200
    other = await client.get(f"/v1/interviews/{world.a.interview}", headers=bearer(key["key"]))
    assert other.status_code == 404


@pytest.mark.parametrize(
    "body", [{"role": "respondent"}, {"role": "viewer", "respondent_id": "rsp_x"}]
)
async def test_create_key_respondent_id_mismatch_is_422(
    shared_client: httpx.AsyncClient, shared_world: World, body: dict[str, Any]
) -> None:
    response = await shared_client.post(
        f"/v1/orgs/{shared_world.a.id}/keys",
        json=body,
        headers=bearer(shared_world.a.keys["admin"]),
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "respondent_id"

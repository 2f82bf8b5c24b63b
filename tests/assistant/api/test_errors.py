"""The error shape, the last-resort handler, health, and the published OpenAPI document."""

from __future__ import annotations

import logging

import httpx
import pytest
from api_support import World, bearer
from fastapi import FastAPI
from sqlalchemy.exc import OperationalError

from tools import admin

pytestmark = pytest.mark.anyio


async def test_healthz_needs_no_key(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_openapi_lists_every_route_with_bearer_auth(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    assert set(spec["paths"]) == {
        "/healthz",
        "/v1/orgs",
        "/v1/orgs/{org_id}",
        "/v1/orgs/{org_id}/respondents",
        "/v1/orgs/{org_id}/keys",
        "/v1/orgs/{org_id}/keys/{key_id}",
        "/v1/orgs/{org_id}/interviews",
        "/v1/interviews/{interview_id}/messages",
        "/v1/interviews/{interview_id}",
        "/v1/orgs/{org_id}/answers",
        "/v1/orgs/{org_id}/score",
        "/v1/orgs/{org_id}/ask",
        "/v1/orgs/{org_id}/what-if",
        "/v1/score",
        "/v1/orgs/{org_id}/campaigns",
        "/v1/orgs/{org_id}/campaigns/{campaign_id}",
        "/v1/orgs/{org_id}/campaigns/{campaign_id}/members",
        "/v1/orgs/{org_id}/campaigns/{campaign_id}/summary",
        "/v1/orgs/{org_id}/report",
        "/v1/orgs/{org_id}/governance",
        "/v1/orgs/{org_id}/governance/constraint",
        "/v1/orgs/{org_id}/governance/seams",
        "/v1/orgs/{org_id}/governance/decisions",
        "/v1/orgs/{org_id}/governance/ai-velocity",
        "/v1/orgs/{org_id}/governance/entries",
        "/v1/orgs/{org_id}/governance/entries/{entry_id}",
        "/v1/orgs/{org_id}/governance/ai-plan",
        "/v1/orgs/{org_id}/initiatives",
        "/v1/orgs/{org_id}/initiatives/ranked",
        "/v1/orgs/{org_id}/initiatives/{initiative}",
        "/v1/orgs/{org_id}/rounds",
        "/v1/orgs/{org_id}/rounds/{round_id}",
        "/v1/orgs/{org_id}/rounds/{round_id}/close",
        "/v1/orgs/{org_id}/trend",
        "/v1/orgs/{org_id}/plan/{item_id}",
        "/v1/me/export",
        "/v1/orgs/{org_id}/respondents/{respondent_id}/export",
        "/v1/orgs/{org_id}/respondents/{respondent_id}",
        "/v1/orgs/{org_id}/erasures",
        "/v1/orgs/{org_id}/access-log",
        "/v1/orgs/{org_id}/invites",
        "/v1/orgs/{org_id}/invites/{invite_id}",
        "/v1/orgs/{org_id}/progress",
        "/web/session",
    }
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


async def test_answer_rejected_carries_example(client: httpx.AsyncClient, world: World) -> None:
    response = await client.post(
        f"/v1/interviews/{world.a.interview}/messages",
        json={"text": "   "},
        headers=bearer(world.a.keys["respondent"]),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "rejected" and error["example"]


async def test_database_unavailable_is_503(
    client: httpx.AsyncClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def down(*_: object, **__: object) -> None:
        statement = "SELECT 1"
        raise OperationalError(statement, {}, Exception("connection refused"))

    monkeypatch.setattr(admin, "authenticate", down)
    response = await client.get(f"/v1/orgs/{world.a.id}", headers=bearer(world.a.keys["admin"]))
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"
    assert response.headers["Retry-After"] == "1"


async def test_unexpected_error_is_500_json_without_traceback(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    # A bug, not bad input: the other tests show input never gets here.
    @app.get("/boom")
    def boom() -> None:
        msg = "secret internals"
        raise RuntimeError(msg)

    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            with caplog.at_level(logging.ERROR, logger="oiar.api"):
                response = await client.get("/boom")
    assert response.status_code == 500
    assert response.json() == {
        "error": {
            "code": "internal_error",
            "message": "internal error; the server log has the details",
        }
    }
    assert "secret internals" not in response.text
    assert any("unhandled error" in r.getMessage() for r in caplog.records)


async def test_wrong_method_names_every_method_the_path_takes(
    client: httpx.AsyncClient, world: World
) -> None:
    response = await client.put(f"/v1/orgs/{world.a.id}", headers=bearer(world.a.keys["admin"]))
    assert response.status_code == 405
    assert response.headers["Allow"] == "DELETE, GET, PATCH"
    assert response.json()["error"]["code"] == "method_not_allowed"


async def test_timestamps_carry_their_zone(client: httpx.AsyncClient, world: World) -> None:
    keys = await client.get(f"/v1/orgs/{world.a.id}/keys", headers=bearer(world.a.keys["admin"]))
    stamps = [key["created_at"] for key in keys.json()]
    assert stamps and all(stamp.endswith("Z") for stamp in stamps)

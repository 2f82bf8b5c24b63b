"""Campaigns over HTTP: create, status, members, summary; roles, tenants and bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from api_support import World, bearer

from tools import interview as iv

pytestmark = pytest.mark.anyio


def _body(world: World, **overrides: Any) -> dict[str, Any]:
    due = datetime.now(UTC) + timedelta(days=10)
    return {
        "name": "Q1 execution review",
        "due_at": due.isoformat(),
        "attribution": "department",
        "results_channel": "C0EXEC",
        "members": [
            {"respondent_id": world.a.respondent, "department": "Operations", "tz": "Europe/Paris"},
            {"respondent_id": world.a.peer, "department": "Finance"},
        ],
        **overrides,
    }


async def test_facilitator_creates_campaign_and_reads_status(
    client: httpx.AsyncClient, world: World
) -> None:
    headers = bearer(world.a.keys["facilitator"])
    created = await client.post(
        f"/v1/orgs/{world.a.id}/campaigns", json=_body(world), headers=headers
    )
    assert created.status_code == 201, created.text
    campaign_id = created.json()["campaign"]["id"]
    assert created.json()["progress"] == "0 of 2 finished"

    got = await client.get(f"/v1/orgs/{world.a.id}/campaigns/{campaign_id}", headers=headers)
    listed = await client.get(f"/v1/orgs/{world.a.id}/campaigns", headers=headers)
    summary = await client.get(
        f"/v1/orgs/{world.a.id}/campaigns/{campaign_id}/summary", headers=headers
    )

    assert got.status_code == 200
    assert [m["department"] for m in got.json()["members"]] == ["Operations", "Finance"]
    assert [c["id"] for c in listed.json()] == [campaign_id]
    assert summary.status_code == 200, summary.text
    assert len(summary.json()["domains"]) == 9


async def test_department_only_campaign_hides_names_in_answers(
    client: httpx.AsyncClient, world: World
) -> None:
    headers = bearer(world.a.keys["admin"])
    await client.post(f"/v1/orgs/{world.a.id}/campaigns", json=_body(world), headers=headers)
    iv.record_answer(
        world.store,
        world.a.callers["respondent"],
        world.a.interview,
        text="about 3 days",
        question_id="lb_decision_wait",
    )

    answers = await client.get(f"/v1/orgs/{world.a.id}/answers", headers=headers)
    csv = await client.get(f"/v1/orgs/{world.a.id}/answers?format=csv", headers=headers)
    record = await client.get(f"/v1/interviews/{world.a.interview}", headers=headers)
    own = await client.get(
        f"/v1/interviews/{world.a.interview}", headers=bearer(world.a.keys["respondent"])
    )

    assert "Dana" not in answers.text
    assert "Dana" not in csv.text
    assert {row["respondent"] for row in answers.json()} == {"a leader in Operations"}
    assert record.status_code == 403
    assert own.status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"due_at": "2001-01-01T00:00:00Z"}, "due_at"),
        ({"attribution": "anonymous"}, "attribution"),
        ({"name": ""}, "name"),
        ({"max_reminders": 99}, "max_reminders"),
    ],
)
async def test_create_campaign_bad_input_is_422_naming_field(
    shared_client: httpx.AsyncClient, shared_world: World, overrides: dict[str, Any], field: str
) -> None:
    response = await shared_client.post(
        f"/v1/orgs/{shared_world.a.id}/campaigns",
        json=_body(shared_world, **overrides),
        headers=bearer(shared_world.a.keys["admin"]),
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"].endswith(field)


async def test_bad_time_zone_is_422_with_example(client: httpx.AsyncClient, world: World) -> None:
    body = _body(world, members=[{"respondent_id": world.a.respondent, "tz": "Mars/Olympus"}])
    response = await client.post(
        f"/v1/orgs/{world.a.id}/campaigns", json=body, headers=bearer(world.a.keys["admin"])
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] == "members[0].tz"
    assert response.json()["error"]["example"] == "Europe/Paris"


async def test_respondent_and_viewer_cannot_create(client: httpx.AsyncClient, world: World) -> None:
    for role in ("respondent", "viewer"):
        response = await client.post(
            f"/v1/orgs/{world.a.id}/campaigns",
            json=_body(world),
            headers=bearer(world.a.keys[role]),
        )
        assert response.status_code == 403, role


async def test_other_org_campaign_is_404(client: httpx.AsyncClient, world: World) -> None:
    created = await client.post(
        f"/v1/orgs/{world.a.id}/campaigns", json=_body(world), headers=bearer(world.a.keys["admin"])
    )
    campaign_id = created.json()["campaign"]["id"]
    response = await client.get(
        f"/v1/orgs/{world.b.id}/campaigns/{campaign_id}", headers=bearer(world.b.keys["admin"])
    )
    assert response.status_code == 404

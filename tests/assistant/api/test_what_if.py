"""What-if over HTTP and in chat: exact deltas, specific errors, role checks."""

from __future__ import annotations

import httpx
import pytest
from api_support import World, bearer

pytestmark = pytest.mark.anyio


def _url(world: World) -> str:
    return f"/v1/orgs/{world.a.id}/what-if"


async def test_what_if_no_overrides_zero_delta_matches_score(
    client: httpx.AsyncClient, world: World
) -> None:
    headers = bearer(world.a.keys["viewer"])
    score = (await client.get(f"/v1/orgs/{world.a.id}/score", headers=headers)).json()

    response = await client.post(_url(world), json={"overrides": {}}, headers=headers)

    assert response.status_code == 200
    body = response.json()
    assert body["total_delta"] == 0 and all(d["delta"] == 0 for d in body["domains"])
    assert body["baseline_total"] == score["total"]["mean"]
    assert body["scenario"]["domains"] == score["domains"]


async def test_what_if_one_input_moves_its_domain_deterministically(
    client: httpx.AsyncClient, world: World
) -> None:
    headers = bearer(world.a.keys["facilitator"])
    body = {"overrides": {"reconciliation_hours_per_week": 1, "time_to_fill_days": "20 days"}}

    first = await client.post(_url(world), json=body, headers=headers)
    second = await client.post(_url(world), json=body, headers=headers)

    assert first.status_code == 200
    assert first.content == second.content
    moved = {d["key"] for d in first.json()["domains"] if d["delta"] != 0}
    assert moved == {"leadership_bandwidth", "hiring_friction"}
    assert all(0 <= d["rank_probability"] <= 1 for d in first.json()["domains"])


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"decision_wait_day": 1}, "overrides.decision_wait_day", "decision_wait_days"),
        ({"decision_wait_days": 400}, "overrides.decision_wait_days", "outside"),
        ({"approval_expedite_share": {"low": 0.1, "likely": 0.2, "high": 1.5}}, None, "outside"),
        ({"decision_wait_days": {"low": 5, "likely": 1, "high": 9}}, None, "low <= likely"),
        ({"decision_wait_days": "lots"}, "overrides.decision_wait_days", "could not read"),
    ],
)
async def test_what_if_bad_override_422_naming_it(
    shared_client: httpx.AsyncClient,
    shared_world: World,
    overrides: dict[str, object],
    field: str | None,
    words: str,
) -> None:
    response = await shared_client.post(
        _url(shared_world),
        json={"overrides": overrides},
        headers=bearer(shared_world.a.keys["admin"]),
    )

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_input"
    assert words in error["message"]
    if field is not None:
        assert error["field"] == field


async def test_what_if_respondent_forbidden_other_org_not_found(
    client: httpx.AsyncClient, world: World
) -> None:
    body = {"overrides": {"decision_wait_days": 1}}
    denied = await client.post(_url(world), json=body, headers=bearer(world.a.keys["respondent"]))
    hidden = await client.post(_url(world), json=body, headers=bearer(world.b.keys["admin"]))

    assert denied.status_code == 403
    assert hidden.status_code == 404


async def test_ask_what_if_in_plain_words_replies_with_ranking(
    client: httpx.AsyncClient, world: World
) -> None:
    response = await client.post(
        f"/v1/orgs/{world.a.id}/ask",
        json={"text": "what if approvals took 1 day?"},
        headers=bearer(world.a.keys["respondent"]),
    )

    assert response.status_code == 200
    reply = response.json()["reply"]
    assert "days an escalated decision waits were 1 day" in reply
    assert "1. " in reply and "Leadership Bandwidth" in reply


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("what if the cost was $5k a day?", "Which of these did you mean?"),
        ("what if approvals were faster?", "could not find a value"),
        ("what if approvals took 400 days?", "can't"),
    ],
)
async def test_ask_what_if_unclear_asks_back(
    shared_client: httpx.AsyncClient, shared_world: World, text: str, words: str
) -> None:
    response = await shared_client.post(
        f"/v1/orgs/{shared_world.a.id}/ask",
        json={"text": text},
        headers=bearer(shared_world.a.keys["viewer"]),
    )

    assert response.status_code == 200
    assert words in response.json()["reply"]

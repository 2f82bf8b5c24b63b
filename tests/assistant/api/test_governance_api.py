"""Governance over HTTP: entries in plain words, the AI plan, initiatives ranked, bad input."""

from __future__ import annotations

import httpx
import pytest
from api_support import World, bearer

pytestmark = pytest.mark.anyio


async def test_governance_flow_ranks_and_flags(client: httpx.AsyncClient, world: World) -> None:
    org = world.a.id
    respondent = bearer(world.a.keys["respondent"])
    facilitator = bearer(world.a.keys["facilitator"])
    seam = await client.post(
        f"/v1/orgs/{org}/governance/entries",
        json={
            "kind": "seam",
            "text": "Ops -> Transport: 6 a month, $4k each, owner unclear, KPI conflict",
        },
        headers=respondent,
    )
    assert seam.status_code == 201
    assert seam.json()["respondent"] == "Dana Ruiz"
    decision = await client.post(
        f"/v1/orgs/{org}/governance/entries",
        json={"kind": "decision", "text": "Capex approval | CFO | 1 a month | 25 days | 10 days"},
        headers=respondent,
    )
    assert decision.status_code == 201
    constraint = await client.post(
        f"/v1/orgs/{org}/governance/entries",
        json={
            "kind": "constraint",
            "data": {"stage": "production", "resource": "400-ton press", "governs": "throughput"},
        },
        headers=respondent,
    )
    assert constraint.status_code == 201
    plan = await client.put(
        f"/v1/orgs/{org}/governance/ai-plan",
        json={"speedup": 3, "maturity": 2},
        headers=facilitator,
    )
    assert plan.status_code == 200
    for name, cost, driver in (
        ("Seam owners", 60_000, "handoff_failure"),
        ("Routing pilot", 400_000, "adoption_friction"),
    ):
        added = await client.post(
            f"/v1/orgs/{org}/initiatives",
            json={"name": name, "cost": cost, "relieves": [{"driver": driver, "fraction": 0.4}]},
            headers=facilitator,
        )
        assert added.status_code == 201
    ranked = (await client.get(f"/v1/orgs/{org}/initiatives/ranked", headers=facilitator)).json()
    assert [i["name"] for i in ranked["initiatives"]] == ["Seam owners", "Routing pilot"]
    assert ranked["initiatives"][1]["flag"] == "pause: does not relieve the constraint"
    seams = (await client.get(f"/v1/orgs/{org}/governance/seams", headers=facilitator)).json()
    assert seams["cells"][0]["annual_cost"] == 12 * 6 * 4_000
    decisions = (
        await client.get(f"/v1/orgs/{org}/governance/decisions", headers=facilitator)
    ).json()
    assert decisions["rows"][0]["misfit_days"] == 15
    view = (await client.get(f"/v1/orgs/{org}/governance/constraint", headers=facilitator)).json()
    assert view["stage"] == "production" and view["resource"] == "400-ton press"
    ai = (await client.get(f"/v1/orgs/{org}/governance/ai-velocity", headers=facilitator)).json()
    assert ai["after_total"] > ai["now_total"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("governance/entries", {"kind": "seam", "text": "Ops to nowhere"}, None),
        ("governance/entries", {"kind": "seam"}, None),
        (
            "governance/entries",
            {"kind": "constraint", "data": {"stage": "production", "resource": "a\u0000b"}},
            None,
        ),
        (
            "governance/entries",
            {"kind": "seam", "data": {"from_function": "Ops", "to_function": "Transport"}},
            None,
        ),
        ("governance/entries", {"kind": "dream", "text": "x"}, "kind"),
        ("governance/ai-plan", {"speedup": 0.5, "maturity": 2}, "speedup"),
        ("initiatives", {"name": "X", "cost": 10, "relieves": []}, "relieves"),
        (
            "initiatives",
            {"name": "X", "cost": 10, "relieves": [{"driver": "nope", "fraction": 0.5}]},
            None,
        ),
    ],
)
async def test_governance_bad_input_is_422(
    shared_client: httpx.AsyncClient,
    shared_world: World,
    path: str,
    body: dict[str, object],
    field: str | None,
) -> None:
    method = shared_client.put if path.endswith("ai-plan") else shared_client.post
    response = await method(
        f"/v1/orgs/{shared_world.a.id}/{path}",
        json=body,
        headers=bearer(shared_world.a.keys["admin"]),
    )
    assert response.status_code == 422, response.text
    if field is not None:
        assert response.json()["error"]["field"] == field


async def test_remove_unknown_entry_is_404(client: httpx.AsyncClient, world: World) -> None:
    response = await client.delete(
        f"/v1/orgs/{world.a.id}/governance/entries/999", headers=bearer(world.a.keys["admin"])
    )
    assert response.status_code == 404

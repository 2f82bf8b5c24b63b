"""Tenant isolation and roles: every route x every role x own / peer / other organization.

A key of organization A gets 404 for anything of B; a respondent key only reaches its own
interview (a peer's is 404); a viewer reads scores and asks questions but writes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from api_support import Org, World, bearer

from knowledge import load_sample_assessment
from scoring.model import MIN_DRAWS
from tools import admin
from tools.access import ROLES

pytestmark = pytest.mark.anyio

A, F, R, V = "admin", "facilitator", "respondent", "viewer"


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str
    status: dict[str, int]  # by role, on the caller's own organization / own interview
    body: Any = None
    scope: str = "org"  # org: under /v1/orgs/{org}; interview: /v1/interviews/{id}; none

    def targets(self) -> tuple[str, ...]:
        return {"org": ("own", "other"), "interview": ("own", "peer", "other")}.get(
            self.scope, ("own",)
        )


def _all(code: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, code)


def _score_body() -> dict[str, Any]:
    return {**load_sample_assessment(), "draws": MIN_DRAWS}


ROUTES = (
    Route("get_org", "GET", "/v1/orgs/{org}", _all(200)),
    # The headcount the world was built with: a case checks who may patch, and an admin's
    # patch leaves the shared organization as every other case expects it.
    Route(
        "patch_org", "PATCH", "/v1/orgs/{org}", {A: 200, F: 403, R: 403, V: 403}, {"headcount": 400}
    ),
    Route(
        "add_respondent",
        "POST",
        "/v1/orgs/{org}/respondents",
        {A: 201, F: 201, R: 403, V: 403},
        {"name": "Sam Okafor {unique}", "role": "CHRO"},
    ),
    Route(
        "list_respondents", "GET", "/v1/orgs/{org}/respondents", {A: 200, F: 200, R: 403, V: 403}
    ),
    Route(
        "create_key",
        "POST",
        "/v1/orgs/{org}/keys",
        {A: 201, F: 201, R: 403, V: 403},
        {"role": "viewer"},
    ),
    Route("list_keys", "GET", "/v1/orgs/{org}/keys", {A: 200, F: 200, R: 403, V: 403}),
    Route(
        "revoke_key",
        "DELETE",
        "/v1/orgs/{org}/keys/{spare_key}",
        {A: 200, F: 200, R: 403, V: 403},
    ),
    Route(
        "start_interview",
        "POST",
        "/v1/orgs/{org}/interviews",
        {A: 201, F: 201, R: 201, V: 403},
        {"respondent_id": "{respondent}"},
    ),
    Route(
        "post_message",
        "POST",
        "/v1/interviews/{interview}/messages",
        {A: 200, F: 200, R: 200, V: 403},
        {"text": "status"},
        scope="interview",
    ),
    Route(
        "get_interview",
        "GET",
        "/v1/interviews/{interview}",
        {A: 200, F: 200, R: 200, V: 403},
        scope="interview",
    ),
    Route(
        "list_questions",
        "GET",
        "/v1/interviews/{interview}/questions",
        {A: 200, F: 200, R: 200, V: 403},
        scope="interview",
    ),
    # Unreadable on purpose: past the access check it is a 422 and the shared world is unchanged.
    Route(
        "change_answer",
        "PUT",
        "/v1/interviews/{interview}/answers/lb_decision_wait",
        {A: 422, F: 422, R: 422, V: 403},
        {"text": "a purple number"},
        scope="interview",
    ),
    Route("list_answers", "GET", "/v1/orgs/{org}/answers", {A: 200, F: 200, R: 403, V: 403}),
    Route(
        "answers_csv", "GET", "/v1/orgs/{org}/answers?format=csv", {A: 200, F: 200, R: 403, V: 403}
    ),
    Route("get_score", "GET", "/v1/orgs/{org}/score", {A: 200, F: 200, R: 403, V: 200}),
    Route("ask", "POST", "/v1/orgs/{org}/ask", _all(200), {"text": "what's our biggest drag?"}),
    Route("score_assessment", "POST", "/v1/score", _all(200), _score_body(), scope="none"),
    Route("governance", "GET", "/v1/orgs/{org}/governance", {A: 200, F: 200, R: 403, V: 200}),
    Route(
        "add_seam",
        "POST",
        "/v1/orgs/{org}/governance/entries",
        {A: 201, F: 201, R: 201, V: 403},
        {"kind": "seam", "text": "Ops -> Transport: 6 a month, $4k each"},
    ),
    Route(
        "add_initiative",
        "POST",
        "/v1/orgs/{org}/initiatives",
        {A: 201, F: 201, R: 403, V: 403},
        {
            "name": "Seam owners {unique}",
            "cost": 60000,
            "relieves": [{"driver": "handoff_failure", "fraction": 0.4}],
        },
    ),
    Route(
        "rank_initiatives",
        "GET",
        "/v1/orgs/{org}/initiatives/ranked",
        {A: 200, F: 200, R: 403, V: 200},
    ),
)
AUTHED_ROUTES = ROUTES


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


def _fresh_key(world: World, org: Org) -> str:
    return admin.create_key(world.store, org.callers[A], org.id, role=V, name="spare").id


def _ids(world: World, target: str, route: Route) -> dict[str, str]:
    org = world.b if target == "other" else world.a
    peer = target == "peer"
    ids = {
        "unique": secrets.token_hex(4),
        "org": org.id,
        "interview": org.peer_interview if peer else org.interview,
        "respondent": org.peer if peer else org.respondent,
    }
    if "{spare_key}" in route.path:
        # A key of the case's own: every revoke is of a live key nobody else uses.
        ids["spare_key"] = _fresh_key(world, org)
    return ids


def _expected(route: Route, role: str, target: str) -> int:
    if target == "other":
        return 404
    if target == "peer" and role == R:
        return 404
    return route.status[role]


CASES = [
    pytest.param(route, role, target, id=f"{route.name}-{role}-{target}")
    for route in ROUTES
    for role in ROLES
    for target in route.targets()
]


@pytest.mark.parametrize(("route", "role", "target"), CASES)
async def test_route_role_and_tenant(
    shared_client: httpx.AsyncClient, shared_world: World, route: Route, role: str, target: str
) -> None:
    world = shared_world
    ids = _ids(world, target, route)
    response = await shared_client.request(
        route.method,
        route.path.format(**ids),
        json=_fill(route.body, ids),
        headers=bearer(world.a.keys[role]),
    )
    expected = _expected(route, role, target)
    assert response.status_code == expected, response.text
    if expected >= 400:
        error = response.json()["error"]
        assert error["code"] == {403: "forbidden", 404: "not_found", 422: "rejected"}[expected]
        assert error["message"]
        assert world.b.id not in error["message"] or target == "other"


# The same route with a body that points across the tenant line: still 404, never a leak.
async def test_start_interview_for_other_orgs_respondent_is_not_found(
    shared_client: httpx.AsyncClient, shared_world: World
) -> None:
    for role in (A, F, R):
        response = await shared_client.post(
            f"/v1/orgs/{shared_world.a.id}/interviews",
            json={"respondent_id": shared_world.b.respondent},
            headers=bearer(shared_world.a.keys[role]),
        )
        assert response.status_code == 404, (role, response.text)


async def test_respondent_key_for_other_orgs_respondent_is_not_found(
    shared_client: httpx.AsyncClient, shared_world: World
) -> None:
    response = await shared_client.post(
        f"/v1/orgs/{shared_world.a.id}/keys",
        json={"role": "respondent", "respondent_id": shared_world.b.respondent},
        headers=bearer(shared_world.a.keys[A]),
    )
    assert response.status_code == 404


async def test_facilitator_cannot_mint_admin_key(
    shared_client: httpx.AsyncClient, shared_world: World
) -> None:
    response = await shared_client.post(
        f"/v1/orgs/{shared_world.a.id}/keys",
        json={"role": "admin"},
        headers=bearer(shared_world.a.keys[F]),
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


async def test_other_org_sees_nothing_of_a_in_answers_or_score(
    shared_client: httpx.AsyncClient, shared_world: World
) -> None:
    a, b = shared_world.a, shared_world.b
    # An answer of A's to leak: Lee answers the first question of a new interview.
    started = await shared_client.post(
        f"/v1/orgs/{a.id}/interviews", json={"respondent_id": a.peer}, headers=bearer(a.keys[A])
    )
    assert started.status_code == 201, started.text
    turn = started.json()
    answered = await shared_client.post(
        f"/v1/interviews/{turn['interview_id']}/messages",
        json={"text": turn["question"]["example"]},
        headers=bearer(a.keys[A]),
    )
    assert "Recorded:" in answered.json()["reply"], answered.text
    own = await shared_client.get(f"/v1/orgs/{a.id}/answers", headers=bearer(a.keys[A]))
    assert a.peer in {row["respondent_id"] for row in own.json()}

    answers = await shared_client.get(f"/v1/orgs/{b.id}/answers", headers=bearer(b.keys[A]))
    assert answers.status_code == 200
    assert all(row["respondent_id"] not in {a.respondent, a.peer} for row in answers.json())
    score = await shared_client.get(f"/v1/orgs/{b.id}/score", headers=bearer(b.keys[A]))
    assert score.status_code == 200
    assert all(domain["respondents"] == 0 for domain in score.json()["domains"])


BAD_CREDENTIALS = {
    "missing": {},
    "basic scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
    "empty bearer": {"Authorization": "Bearer "},
    "unknown key": bearer("oiar_" + "x" * 43),
    "not a key": bearer("hello"),
    "huge token": bearer("a" * 8_000),
    "latin-1 token": {"Authorization": "Bearer caf\xe9".encode("latin-1")},
}


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("credentials", BAD_CREDENTIALS.values(), ids=BAD_CREDENTIALS.keys())
async def test_route_without_valid_key_is_401(
    shared_client: httpx.AsyncClient,
    shared_world: World,
    route: Route,
    credentials: dict[str, Any],
) -> None:
    ids = _ids(shared_world, "own", route)
    response = await shared_client.request(
        route.method, route.path.format(**ids), json=_fill(route.body, ids), headers=credentials
    )
    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"


async def test_revoked_key_is_401(shared_client: httpx.AsyncClient, shared_world: World) -> None:
    from tools.store import people

    world = shared_world
    # A viewer key of this test's own: revoking the world's would lock out every later case.
    minted = admin.create_key(world.store, world.a.callers[A], world.a.id, role=V)
    assert minted.key is not None
    url, headers = f"/v1/orgs/{world.a.id}/score", bearer(minted.key)
    assert (await shared_client.get(url, headers=headers)).status_code == 200
    with world.store.write() as session:
        key = people.find_key(session, minted.key)
        assert key is not None
        people.revoke_key(session, key)
    response = await shared_client.get(url, headers=headers)
    assert response.status_code == 401


@pytest.mark.parametrize("text", ["status", "pause", "about 15 a month", "skip"])
async def test_viewer_message_is_403_and_writes_nothing(
    shared_client: httpx.AsyncClient, shared_world: World, text: str
) -> None:
    url = f"/v1/interviews/{shared_world.a.interview}"
    before = (await shared_client.get(url, headers=bearer(shared_world.a.keys[A]))).json()
    response = await shared_client.post(
        f"{url}/messages", json={"text": text}, headers=bearer(shared_world.a.keys[V])
    )
    assert response.status_code == 403
    after = (await shared_client.get(url, headers=bearer(shared_world.a.keys[A]))).json()
    assert after == before

"""Bad input of every kind gets a 4xx with a message (and the field), never a 500.

The ASGI transport re-raises any unhandled error, so a request reaching the last-resort handler
fails these tests outright.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from api_support import World, bearer

from assistant.api.limits import MAX_JSON_DEPTH, too_deep
from knowledge import load_instrument, load_sample_assessment
from scoring.model import MIN_DRAWS

pytestmark = pytest.mark.anyio

JSON = {"content-type": "application/json"}
PROFILE = {"name": "Acme", "revenue": 1e8, "operating_margin": 0.1, "headcount": 100}


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    body: Any = None  # JSON-able, or bytes sent as they are
    role: str | None = "admin"  # None: the operator route, from loopback without a key
    headers: dict[str, str] = field(default_factory=dict)


BODY_ROUTES = {
    "create_org": Case("POST", "/v1/orgs", role=None),
    "patch_org": Case("PATCH", "/v1/orgs/{org}"),
    "add_respondent": Case("POST", "/v1/orgs/{org}/respondents"),
    "create_key": Case("POST", "/v1/orgs/{org}/keys"),
    "start_interview": Case("POST", "/v1/orgs/{org}/interviews"),
    "post_message": Case("POST", "/v1/interviews/{interview}/messages"),
    "ask": Case("POST", "/v1/orgs/{org}/ask"),
    "score": Case("POST", "/v1/score"),
    "open_round": Case("POST", "/v1/orgs/{org}/rounds"),
    "edit_plan_item": Case("PATCH", "/v1/orgs/{org}/plan/1"),
}
MALFORMED: dict[str, tuple[bytes, dict[str, str]]] = {
    "truncated json": (b'{"text": "abc', JSON),
    "not json": (b"hello there", JSON),
    "empty": (b"", JSON),
    "array": (b"[1, 2, 3]", JSON),
    "string": (b'"just text"', JSON),
    "number": (b"42", JSON),
    "null": (b"null", JSON),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, JSON),
    "invalid utf-8": (b'{"text": "\xff\xfe"}', JSON),
    "huge integer": (b'{"text": ' + b"9" * 5_000 + b"}", JSON),
    "text/plain": (b'{"text": "hi"}', {"content-type": "text/plain"}),
    "form": (b"text=hi", {"content-type": "application/x-www-form-urlencoded"}),
}


async def _send(client: httpx.AsyncClient, world: World, case: Case) -> httpx.Response:
    ids = {"org": world.a.id, "interview": world.a.interview}
    headers = {**(bearer(world.a.keys[case.role]) if case.role else {}), **case.headers}
    kwargs: dict[str, Any] = (
        {"content": case.body} if isinstance(case.body, bytes) else {"json": case.body}
    )
    return await client.request(case.method, case.path.format(**ids), headers=headers, **kwargs)


def _assert_4xx(response: httpx.Response, status: int | None = None) -> dict[str, Any]:
    assert 400 <= response.status_code < 500, response.text
    if status is not None:
        assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] and error["message"]
    return error


@pytest.mark.parametrize("route", BODY_ROUTES, ids=str)
@pytest.mark.parametrize("kind", MALFORMED, ids=str)
async def test_malformed_body_is_4xx(
    shared_client: httpx.AsyncClient, shared_world: World, route: str, kind: str
) -> None:
    content, headers = MALFORMED[kind]
    base = BODY_ROUTES[route]
    case = Case(base.method, base.path, content, base.role, headers)
    _assert_4xx(await _send(shared_client, shared_world, case))


@pytest.mark.parametrize("route", BODY_ROUTES, ids=str)
async def test_oversized_body_is_413(
    shared_client: httpx.AsyncClient, shared_world: World, route: str
) -> None:
    base = BODY_ROUTES[route]
    body = json.dumps({"text": "x" * 1_500_000}).encode()
    case = Case(base.method, base.path, body, base.role, JSON)
    error = _assert_4xx(await _send(shared_client, shared_world, case), 413)
    assert error["code"] == "too_large"


def _score(**changes: Any) -> dict[str, Any]:
    return {**load_sample_assessment(), "draws": MIN_DRAWS, **changes}


def _org(**changes: Any) -> dict[str, Any]:
    return {**PROFILE, **changes}


NUL = "bad\x00text"
SURROGATE = "bad\ud800text"  # not UTF-8: neither database can store it


def _raw(body: Any) -> bytes:
    """JSON with non-ASCII escaped, so even an unpaired surrogate can be sent."""
    return json.dumps(body).encode()


# (route, JSON body or raw bytes, the field the error must name; None: any 4xx is right)
INVALID: dict[str, tuple[str, Any, str | None]] = {
    "message text number": ("post_message", {"text": 123}, "text"),
    "message text missing": ("post_message", {}, "text"),
    "message text empty": ("post_message", {"text": ""}, "text"),
    "message text blank": ("post_message", {"text": "   \n\t "}, None),
    "message text too long": ("post_message", {"text": "x" * 4_001}, "text"),
    "message text huge": ("post_message", {"text": "x" * 900_000}, "text"),
    "message text nul": ("post_message", {"text": NUL}, "text"),
    "message text surrogate": ("post_message", _raw({"text": SURROGATE}), "text"),
    "message unknown field": ("post_message", {"text": "hi", "as_admin": True}, "as_admin"),
    "message text object": ("post_message", {"text": {"$ne": ""}}, "text"),
    "ask text too long": ("ask", {"text": "why " * 1_001}, "text"),
    "ask text nul": ("ask", {"text": NUL}, "text"),
    "ask text surrogate": ("ask", _raw({"text": SURROGATE}), "text"),
    "ask text list": ("ask", {"text": ["a"]}, "text"),
    "respondent name empty": ("add_respondent", {"name": ""}, "name"),
    "respondent name long": ("add_respondent", {"name": "n" * 201}, "name"),
    "respondent name nul": ("add_respondent", {"name": NUL}, "name"),
    "respondent name surrogate": ("add_respondent", _raw({"name": SURROGATE}), "name"),
    "respondent dept surrogate": (
        "add_respondent",
        _raw({"name": "Kim", "department": SURROGATE}),
        "department",
    ),
    "respondent role number": ("add_respondent", {"name": "Kim", "role": 7}, "role"),
    "respondent tags string": ("add_respondent", {"name": "Kim", "tags": "ops"}, "tags"),
    "respondent many tags": ("add_respondent", {"name": "Kim", "tags": ["ops"] * 21}, "tags"),
    "respondent domains bad": ("add_respondent", {"name": "Kim", "domains": ["x"]}, "domains"),
    "respondent slack long": (
        "add_respondent",
        {"name": "Kim", "slack_user_id": "U" * 65},
        "slack_user_id",
    ),
    "key role unknown": ("create_key", {"role": "king"}, "role"),
    "key role missing": ("create_key", {}, "role"),
    "key respondent path": (
        "create_key",
        {"role": "respondent", "respondent_id": "../../etc/passwd"},
        "respondent_id",
    ),
    "key respondent unknown": (
        "create_key",
        {"role": "respondent", "respondent_id": "rsp_0"},
        None,
    ),
    "key name nul": ("create_key", {"role": "viewer", "name": NUL}, "name"),
    "key name surrogate": ("create_key", _raw({"role": "viewer", "name": SURROGATE}), "name"),
    "interview respondent missing": ("start_interview", {}, "respondent_id"),
    "interview respondent number": ("start_interview", {"respondent_id": 5}, "respondent_id"),
    "interview respondent long": (
        "start_interview",
        {"respondent_id": "r" * 65},
        "respondent_id",
    ),
    "interview respondent unknown": ("start_interview", {"respondent_id": "rsp_nobody"}, None),
    "org revenue text": ("create_org", _org(revenue="lots"), "revenue"),
    "org revenue negative": ("create_org", _org(revenue=-5), "revenue"),
    "org revenue absurd": ("create_org", _org(revenue=1e300), "revenue"),
    "org revenue tiny": ("create_org", _org(revenue=1e-300), "revenue"),
    "org revenue overflow": ("create_org", b'{"name": "A", "revenue": 1e400}', "revenue"),
    "org revenue nan": ("create_org", b'{"name": "A", "revenue": NaN}', "revenue"),
    "org labor infinity": (
        "create_org",
        json.dumps(_org(loaded_labor_cost_per_hour=float("inf"))).encode(),
        "loaded_labor_cost_per_hour",
    ),
    "org labor absurd": (
        "create_org",
        _org(loaded_labor_cost_per_hour=1e308),
        "loaded_labor_cost_per_hour",
    ),
    "org headcount huge": ("create_org", _org(headcount=10**30), "headcount"),
    "org headcount fraction": ("create_org", _org(headcount=1.5), "headcount"),
    "org margin over 1": ("create_org", _org(operating_margin=2), "operating_margin"),
    "org currency word": ("create_org", _org(currency="dollars"), "currency"),
    "org name nul": ("create_org", _org(name=NUL), "name"),
    "org name surrogate": ("create_org", _raw(_org(name=SURROGATE)), "name"),
    "org industry surrogate": ("create_org", _raw(_org(industry=SURROGATE)), "industry"),
    "org industry long": ("create_org", _org(industry="i" * 61), "industry"),
    "org unknown field": ("create_org", _org(owner="me"), "owner"),
    "org missing fields": ("create_org", {"name": "A"}, "revenue"),
    "patch revenue absurd": ("patch_org", {"revenue": 1e300}, "revenue"),
    "patch labor absurd": (
        "patch_org",
        {"loaded_labor_cost_per_hour": 1e308},
        "loaded_labor_cost_per_hour",
    ),
    "patch name nul": ("patch_org", {"name": NUL}, "name"),
    "patch name surrogate": ("patch_org", _raw({"name": SURROGATE}), "name"),
    "patch headcount text": ("patch_org", {"headcount": "many"}, "headcount"),
    "score draws huge": ("score", _score(draws=10**9), "draws"),
    "score draws text": ("score", _score(draws="many"), "draws"),
    "score unknown field": ("score", _score(bogus=1), "bogus"),
    "score org revenue absurd": (
        "score",
        _score(organization=_org(revenue=1.7e308)),
        "organization.revenue",
    ),
    "score org revenue huge": (
        "score",
        _score(organization=_org(revenue=1e306)),
        "organization.revenue",
    ),
    "score org labor absurd": (
        "score",
        _score(organization=_org(loaded_labor_cost_per_hour=1e308)),
        "organization.loaded_labor_cost_per_hour",
    ),
    "score question unknown": (
        "score",
        _score(answers=[{"question_id": "nope", "value": 1}]),
        "answers[0].question_id",
    ),
    "score range unordered": (
        "score",
        _score(
            answers=[
                {
                    "question_id": "lb_escalated_decisions",
                    "value": {"low": 9, "likely": 1, "high": 2},
                }
            ]
        ),
        "answers[0].value",
    ),
    "score range text": (
        "score",
        _score(answers=[{"question_id": "lb_escalated_decisions", "value": {"low": "a"}}]),
        "answers[0].value",
    ),
    "score words unreadable": (
        "score",
        _score(answers=[{"question_id": "lb_escalated_decisions", "value": "purple"}]),
        "answers[0].value",
    ),
    "score respondent surrogate": (
        "score",
        _raw(
            _score(
                answers=[
                    {
                        "question_id": "lb_escalated_decisions",
                        "value": 3,
                        "respondent": {"name": SURROGATE},
                    }
                ]
            )
        ),
        "answers[0].respondent.name",
    ),
    "score pool unknown": ("score", _score(pools={"nope": 1}), "pools.nope"),
    "score organization missing": ("score", {"answers": []}, "organization"),
}


@pytest.mark.parametrize("name", INVALID, ids=str)
async def test_invalid_field_is_4xx_naming_it(
    shared_client: httpx.AsyncClient, shared_world: World, name: str
) -> None:
    route, body, expected_field = INVALID[name]
    base = BODY_ROUTES[route]
    headers = JSON if isinstance(body, bytes) else {}
    case = Case(base.method, base.path, body, base.role, headers)
    error = _assert_4xx(await _send(shared_client, shared_world, case))
    if expected_field is not None:
        assert error.get("field") == expected_field, error
        assert expected_field.split(".")[-1].split("[")[0] in error["message"]


EXTREMES: list[Any] = [0, -1, 1e-300, 1e15, 1.7e308, True, "", "1e999", "-5", "99999999999%"]


@pytest.mark.parametrize("value", EXTREMES, ids=repr)
async def test_score_extreme_values_for_every_question_never_500(
    shared_client: httpx.AsyncClient, shared_world: World, value: Any
) -> None:
    for question in load_instrument().questions:
        body = _score(answers=[{"question_id": question.id, "value": value}])
        response = await shared_client.post(
            "/v1/score", json=body, headers=bearer(shared_world.a.keys["viewer"])
        )
        assert response.status_code in {200, 422}, (question.id, response.text)


BAD_PATHS: dict[str, tuple[str, str, int | None]] = {
    "unknown interview": ("GET", "/v1/interviews/itv_doesnotexist", 404),
    "unknown interview message": ("POST", "/v1/interviews/itv_doesnotexist/messages", 404),
    "long interview id": ("GET", "/v1/interviews/" + "i" * 65, 422),
    "nul interview id": ("GET", "/v1/interviews/itv%00x", 422),
    "unicode interview id": ("GET", "/v1/interviews/caf%C3%A9", 422),
    "invalid utf-8 interview id": ("GET", "/v1/interviews/itv%ED%A0%80", 422),
    "latin-1 interview id": ("GET", "/v1/interviews/itv%FF", 422),
    "quoted interview id": ("GET", "/v1/interviews/itv'%20OR%201=1", 422),
    "encoded slash": ("GET", "/v1/interviews/..%2F..%2Fetc", None),
    "unknown org": ("GET", "/v1/orgs/org_doesnotexist/score", 404),
    "blank org": ("GET", "/v1/orgs/%20/score", 422),
    "answers format xml": ("GET", "/v1/orgs/{org}/answers?format=xml", 422),
    "answers history maybe": ("GET", "/v1/orgs/{org}/answers?history=maybe", 422),
    "unknown route": ("GET", "/v1/nothing-here", 404),
    "wrong method": ("PUT", "/v1/orgs/{org}", 405),
}


@pytest.mark.parametrize("name", BAD_PATHS, ids=str)
async def test_bad_path_or_query_is_4xx(
    shared_client: httpx.AsyncClient, shared_world: World, name: str
) -> None:
    method, path, status = BAD_PATHS[name]
    body = {"text": "hello"} if method == "POST" else None
    response = await shared_client.request(
        method,
        path.format(org=shared_world.a.id),
        json=body,
        headers=bearer(shared_world.a.keys["admin"]),
    )
    _assert_4xx(response, status)


@pytest.mark.parametrize(
    "text", ["🙂 about 15 a month", "‏15 בחודש", "15\u200b a month", "<script>1</script>"]
)
async def test_unusual_but_valid_text_is_handled(
    shared_client: httpx.AsyncClient, shared_world: World, text: str
) -> None:
    response = await shared_client.post(
        f"/v1/interviews/{shared_world.a.peer_interview}/messages",
        json={"text": text},
        headers=bearer(shared_world.a.keys["facilitator"]),
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("route", ["post_message", "score", "ask"])
async def test_json_nested_past_the_limit_is_named_as_such(
    shared_client: httpx.AsyncClient, shared_world: World, route: str
) -> None:
    base = BODY_ROUTES[route]
    deep = b'{"text": "hi", "x": ' + b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1)
    case = Case(base.method, base.path, deep + b"}", base.role, JSON)
    error = _assert_4xx(await _send(shared_client, shared_world, case), 422)
    assert error["code"] == "invalid_json" and "nested deeper" in error["message"]


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    quoted = json.dumps({"text": "[" * 100 + '\\"{' * 100}).encode()
    assert not too_deep(quoted)
    assert too_deep(b"[" * 33 + b"]" * 33) and not too_deep(b"[" * 32 + b"]" * 32)

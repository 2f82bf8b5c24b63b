"""Respondents' data over HTTP: export (own key or admin), erasure, offboarding, access log."""

from __future__ import annotations

import anyio
import httpx
import pytest
from api_support import World, asgi_client, bearer, make_settings

from tools import interview as iv
from tools.store import Store

pytestmark = pytest.mark.anyio

STORY = "2-3 days, longer when the regional controller sits on it for weeks"


def _answer(world: World) -> None:
    caller = world.a.callers["respondent"]
    iv.record_answer(
        world.store, caller, world.a.interview, text=STORY, question_id="lb_decision_wait"
    )


async def test_respondent_exports_own_data_as_json_and_csv(
    client: httpx.AsyncClient, world: World
) -> None:
    _answer(world)
    own = bearer(world.a.keys["respondent"])

    got = await client.get("/v1/me/export", headers=own)
    csv = await client.get("/v1/me/export?format=csv", headers=own)
    by_id = await client.get(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}/export", headers=own
    )

    assert got.status_code == 200, got.text
    body = got.json()
    assert body["profile"]["name"] == "Dana Ruiz"
    assert [a["raw_text"] for a in body["answers"]] == [STORY]
    assert "attachment" in got.headers["content-disposition"]
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("section,id,at")
    assert STORY in csv.text
    assert by_id.json()["profile"] == body["profile"]


@pytest.mark.parametrize(
    ("role", "whose", "status"),
    [
        ("respondent", "peer", 404),  # someone else's: as if it did not exist
        ("facilitator", "respondent", 403),
        ("viewer", "respondent", 403),
        ("admin", "peer", 200),
    ],
)
async def test_export_who_may_ask(
    client: httpx.AsyncClient, world: World, role: str, whose: str, status: int
) -> None:
    target = getattr(world.a, whose)
    got = await client.get(
        f"/v1/orgs/{world.a.id}/respondents/{target}/export", headers=bearer(world.a.keys[role])
    )
    assert got.status_code == status, got.text


async def test_export_bad_input_is_a_clear_4xx(client: httpx.AsyncClient, world: World) -> None:
    admin = bearer(world.a.keys["admin"])
    bad_format = await client.get(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}/export?format=xml", headers=admin
    )
    other_org = await client.get(
        f"/v1/orgs/{world.b.id}/respondents/{world.b.respondent}/export", headers=admin
    )
    not_a_respondent = await client.get("/v1/me/export", headers=admin)
    assert bad_format.status_code == 422 and "format" in bad_format.text
    assert other_org.status_code == 404
    assert not_a_respondent.status_code == 422
    assert "respondent key" in not_a_respondent.json()["error"]["message"]


async def test_erase_over_http_keeps_the_score_and_forgets_the_person(
    client: httpx.AsyncClient, world: World
) -> None:
    _answer(world)
    admin = bearer(world.a.keys["admin"])
    before = (await client.get(f"/v1/orgs/{world.a.id}/score", headers=admin)).json()

    erased = await client.delete(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}", headers=admin
    )
    refused = await client.delete(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.peer}",
        headers=bearer(world.a.keys["facilitator"]),
    )

    assert erased.status_code == 200, erased.text
    assert erased.json()["respondent_id"] == world.a.respondent
    assert refused.status_code == 403
    after = (await client.get(f"/v1/orgs/{world.a.id}/score", headers=admin)).json()
    assert after["total"] == before["total"] and after["input_sha256"] == before["input_sha256"]
    report = await client.get(f"/v1/orgs/{world.a.id}/report?format=md", headers=admin)
    answers = await client.get(f"/v1/orgs/{world.a.id}/answers", headers=admin)
    export = await client.get(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}/export", headers=admin
    )
    for text in (report.text, answers.text, export.text, after.__repr__()):
        assert "Dana" not in text and STORY not in text
    # Her key stopped working; the tombstone is listed.
    gone = await client.get("/v1/me/export", headers=bearer(world.a.keys["respondent"]))
    assert gone.status_code == 401
    tombstones = await client.get(f"/v1/orgs/{world.a.id}/erasures", headers=admin)
    assert [t["respondent_id"] for t in tombstones.json()] == [world.a.respondent]


async def test_report_says_which_attribution_is_in_force(
    client: httpx.AsyncClient, world: World
) -> None:
    admin = bearer(world.a.keys["admin"])
    named = await client.get(f"/v1/orgs/{world.a.id}/report?format=md", headers=admin)
    await client.delete(f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}", headers=admin)
    mixed = await client.get(f"/v1/orgs/{world.a.id}/report?format=md", headers=admin)
    assert "Attribution: named" in named.text
    assert "Attribution: mixed" in mixed.text


async def test_access_log_records_reads_not_chat_turns_and_never_keys(
    client: httpx.AsyncClient, world: World
) -> None:
    admin_key, own = world.a.keys["admin"], world.a.keys["respondent"]
    admin = bearer(admin_key)
    await client.post(
        f"/v1/interviews/{world.a.interview}/messages", json={"text": "help"}, headers=bearer(own)
    )
    await client.get(f"/v1/orgs/{world.a.id}/answers", headers=admin)
    await client.get(f"/v1/interviews/{world.a.interview}", headers=bearer(own))
    await client.get(f"/v1/orgs/{world.a.id}/report?format=json", headers=admin)
    await client.get("/v1/me/export", headers=bearer(own))

    got = await client.get(f"/v1/orgs/{world.a.id}/access-log", headers=admin)

    assert got.status_code == 200, got.text
    rows = got.json()
    assert [(r["role"], r["route"]) for r in rows] == [
        ("respondent", "/v1/me/export"),
        ("admin", "/v1/orgs/{org_id}/report"),
        ("respondent", "/v1/interviews/{interview_id}"),
        ("admin", "/v1/orgs/{org_id}/answers"),
    ]
    assert rows[2]["respondent_id"] == world.a.respondent
    assert rows[2]["target"] == world.a.interview
    assert all(r["key_id"] and r["key_id"].startswith("key_") for r in rows)
    assert admin_key not in got.text and own not in got.text
    filtered = await client.get(
        f"/v1/orgs/{world.a.id}/access-log?role=respondent&limit=1", headers=admin
    )
    assert [r["route"] for r in filtered.json()] == ["/v1/me/export"]


@pytest.mark.parametrize(
    ("query", "status"), [("limit=0", 422), ("limit=5000", 422), ("role=king", 422), ("", 403)]
)
async def test_access_log_bad_input_or_role(
    client: httpx.AsyncClient, world: World, query: str, status: int
) -> None:
    role = "facilitator" if status == 403 else "admin"
    got = await client.get(
        f"/v1/orgs/{world.a.id}/access-log?{query}", headers=bearer(world.a.keys[role])
    )
    assert got.status_code == status
    assert got.json()["error"]["message"]


async def test_offboard_needs_confirmation_then_deletes_the_org(
    client: httpx.AsyncClient, world: World
) -> None:
    admin = bearer(world.a.keys["admin"])
    unconfirmed = await client.delete(f"/v1/orgs/{world.a.id}", headers=admin)
    by_facilitator = await client.delete(
        f"/v1/orgs/{world.a.id}?confirm={world.a.id}", headers=bearer(world.a.keys["facilitator"])
    )
    assert unconfirmed.status_code == 422
    assert world.a.id in unconfirmed.json()["error"]["message"]
    assert by_facilitator.status_code == 403

    done = await client.delete(f"/v1/orgs/{world.a.id}?confirm={world.a.id}", headers=admin)

    assert done.status_code == 200, done.text
    assert done.json()["deleted"]["organizations"] == 1
    again = await client.get(f"/v1/orgs/{world.a.id}", headers=admin)
    assert again.status_code == 401  # its keys are gone too
    other = await client.get(f"/v1/orgs/{world.b.id}", headers=bearer(world.b.keys["admin"]))
    assert other.status_code == 200


async def test_server_runs_the_retention_job(store: Store) -> None:
    from assistant.api.app import create_app
    from tools.store import privacy as repo

    app = create_app(make_settings(retention_check_s=0.05), store=store)
    async with asgi_client(app):
        for _ in range(200):
            with store.read() as session:
                job = repo.get_job(session, "retention")
            if job is not None and job.last_run_at is not None:
                break
            await anyio.sleep(0.05)
    assert job is not None and job.last_run_at is not None


async def test_campaign_is_department_only_unless_named_is_asked_for(
    client: httpx.AsyncClient, world: World
) -> None:
    from datetime import UTC, datetime, timedelta

    admin = bearer(world.a.keys["admin"])
    body = {
        "name": "Candid review",
        "due_at": (datetime.now(UTC) + timedelta(days=10)).isoformat(),
        "members": [{"respondent_id": world.a.respondent, "department": "Operations"}],
    }
    made = await client.post(f"/v1/orgs/{world.a.id}/campaigns", json=body, headers=admin)
    _answer(world)

    assert made.status_code == 201, made.text
    assert made.json()["campaign"]["attribution"] == "department"
    answers = await client.get(f"/v1/orgs/{world.a.id}/answers", headers=admin)
    report = await client.get(f"/v1/orgs/{world.a.id}/report?format=md", headers=admin)
    assert "Dana" not in answers.text and "Dana" not in report.text
    assert "Attribution: mixed: 1 of 2 respondents are department-only" in report.text

"""Invitation links as a respondent and a facilitator meet them: one open signs a browser in,
another browser is told the link was used, dead links get a page saying what to do, and the
facilitator sees who has answered."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from api_support import World, asgi_client, bearer, make_settings
from sqlalchemy import select, text, update

from assistant.api.app import create_app
from assistant.api.server import BackgroundServer
from tools import rounds
from tools.store import Store
from tools.store.schema import Base, Invite, utcnow

pytestmark = pytest.mark.anyio
CSRF = "X-CSRF-Token"


async def _invite(
    client: httpx.AsyncClient, world: World, role: str = "facilitator", **body: object
) -> dict[str, object]:
    got = await client.post(
        f"/v1/orgs/{world.a.id}/invites",
        json={"respondent_id": world.a.respondent, **body},
        headers=bearer(world.a.keys[role]),
    )
    assert got.status_code == 201, got.text
    return dict(got.json())


def _path(invite: dict[str, object]) -> str:
    return f"/i/{invite['token']}"


def test_a_link_opens_once_and_only_that_browser_resumes(store: Store, world: World) -> None:
    round_view = rounds.open_round(store, world.a.callers["admin"], world.a.id, label="2027-Q1")
    app = create_app(make_settings(), store=store)
    with BackgroundServer(app) as server:
        with httpx.Client(base_url=server.url, timeout=10) as facilitator:
            made = facilitator.post(
                f"/v1/orgs/{world.a.id}/invites",
                json={"respondent_id": world.a.respondent, "expires_in_days": 3},
                headers=bearer(world.a.keys["facilitator"]),
            )
        assert made.status_code == 201, made.text
        invite = made.json()
        assert invite["url"] == f"{server.url}/i/{invite['token']}"
        assert invite["status"] == "pending" and invite["round_id"] == round_view.id
        with httpx.Client(base_url=server.url, timeout=10) as phone:
            opened = phone.get(_path(invite))
            assert opened.status_code == 303 and opened.headers["location"] == "/chat"
            assert "HttpOnly" in opened.headers["set-cookie"]
            me = phone.get("/web/session").json()
            assert me["role"] == "respondent" and me["org_name"] == "Alpha Co"
            assert me["respondent"]["name"] == "Dana Ruiz" and me["respondent"]["role"] == "COO"
            assert me["round"] == {
                "id": round_view.id,
                "name": "2027-Q1",
                "status": "open",
                "due_at": None,
            }
            # Her interview started before the round opened, which adopted it.
            assert me["interview_id"] == world.a.interview
            started = phone.post(
                f"/v1/orgs/{world.a.id}/interviews",
                json={"respondent_id": world.a.respondent},
                headers={CSRF: me["csrf_token"]},
            )
            assert started.status_code == 201, started.text
            assert (
                phone.get("/web/session").json()["interview_id"] == started.json()["interview_id"]
            )

            with httpx.Client(base_url=server.url, timeout=10) as laptop:
                second = laptop.get(_path(invite))
                assert second.status_code == 410
                assert 'data-state="used"' in second.text
                assert "another device" in second.text
                assert "oiar_session" not in laptop.cookies
                assert laptop.get("/web/session").status_code == 401

            resumed = phone.get(_path(invite))
            assert resumed.status_code == 303 and resumed.headers["location"] == "/chat"
            assert phone.get("/web/session").json()["respondent"]["id"] == world.a.respondent
            # The respondent's own export works through the invite session.
            export = phone.get("/v1/me/export")
            assert export.status_code == 200 and export.json()["profile"]["name"] == "Dana Ruiz"


async def test_a_link_uses_the_public_url_when_set(store: Store, world: World) -> None:
    app = create_app(make_settings(public_url="https://oiar.example.com/"), store=store)
    async with asgi_client(app) as client:
        invite = await _invite(client, world)

    assert invite["url"] == f"https://oiar.example.com/i/{invite['token']}"


async def test_opening_a_link_is_in_the_access_log_with_the_invite_id(
    client: httpx.AsyncClient, world: World
) -> None:
    invite = await _invite(client, world)
    assert (await client.get(_path(invite))).status_code == 303
    assert (await client.get("/v1/me/export")).status_code == 200

    log = await client.get(
        f"/v1/orgs/{world.a.id}/access-log", headers=bearer(world.a.keys["admin"])
    )

    by_route = {row["route"]: row for row in log.json()}
    assert by_route["/i/{token}"]["key_id"] == invite["id"]
    assert by_route["/v1/me/export"]["key_id"] == invite["id"]
    assert by_route["/v1/me/export"]["channel"] == "web"
    assert all(str(invite["token"]) not in str(row) for row in log.json())


async def test_an_expired_link_says_when_it_expired(
    client: httpx.AsyncClient, world: World, store: Store
) -> None:
    invite = await _invite(client, world)
    when = utcnow() - timedelta(days=2)
    with store.write() as session:
        session.execute(update(Invite).where(Invite.id == invite["id"]).values(expires_at=when))

    got = await client.get(_path(invite))

    assert got.status_code == 410 and got.headers["content-type"].startswith("text/html")
    assert 'data-state="expired"' in got.text and "<h1>This link has expired</h1>" in got.text
    assert f"{when.day} {when:%B %Y}" in got.text
    assert "/web/base.css" in got.text and "Traceback" not in got.text
    assert "oiar_session" not in client.cookies


async def test_a_revoked_link_is_withdrawn_and_its_session_ends(
    client: httpx.AsyncClient, world: World
) -> None:
    invite = await _invite(client, world)
    assert (await client.get(_path(invite))).status_code == 303
    assert (await client.get("/web/session")).status_code == 200

    revoked = await client.delete(
        f"/v1/orgs/{world.a.id}/invites/{invite['id']}",
        headers=bearer(world.a.keys["facilitator"]),
    )
    again = await client.get(_path(invite))

    assert revoked.status_code == 200 and revoked.json()["status"] == "revoked"
    assert (await client.get("/web/session")).status_code == 401
    assert again.status_code == 410 and 'data-state="revoked"' in again.text
    assert "withdrawn" in again.text


async def test_a_link_of_a_closed_round_is_refused(
    client: httpx.AsyncClient, world: World, store: Store
) -> None:
    admin = world.a.callers["admin"]
    opened = rounds.open_round(store, admin, world.a.id, label="2027-Q1")
    invite = await _invite(client, world)
    rounds.close_round(store, admin, world.a.id, opened.id)

    got = await client.get(_path(invite))

    assert got.status_code == 410 and 'data-state="closed"' in got.text
    assert "round is closed" in got.text


@pytest.mark.parametrize("token", ["not-a-real-token-at-all-0123456789", "x", "%00", "a" * 300])
async def test_an_unknown_link_is_a_404_page(client: httpx.AsyncClient, token: str) -> None:
    got = await client.get(f"/i/{token}")

    assert got.status_code == 404 and got.headers["content-type"].startswith("text/html")
    assert 'data-state="unknown"' in got.text and "<h1>" in got.text and "<p>" in got.text
    assert got.headers["referrer-policy"] == "no-referrer"


async def test_the_page_names_the_facilitator_who_made_the_link(
    client: httpx.AsyncClient, world: World
) -> None:
    key = await client.post(
        f"/v1/orgs/{world.a.id}/keys",
        json={"role": "facilitator", "name": "Sam Ortiz"},
        headers=bearer(world.a.keys["admin"]),
    )
    made = await client.post(
        f"/v1/orgs/{world.a.id}/invites",
        json={"respondent_id": world.a.respondent},
        headers=bearer(key.json()["key"]),
    )
    assert (await client.get(_path(made.json()))).status_code == 303
    client.cookies.clear()

    used = await client.get(_path(made.json()))

    assert "ask Sam Ortiz for a new link" in used.text


@pytest.mark.parametrize(
    ("role", "body", "status"),
    [
        ("viewer", {}, 403),
        ("respondent", {}, 403),
        ("admin", {"expires_in_days": 0}, 422),
        ("admin", {"expires_in_days": 91}, 422),
        ("admin", {"respondent_id": "rsp_nobody"}, 404),
        ("admin", {"round_id": "rnd_nothere"}, 404),
        ("admin", {"surprise": 1}, 422),
    ],
)
async def test_who_may_make_a_link_and_with_what(
    client: httpx.AsyncClient, world: World, role: str, body: dict[str, object], status: int
) -> None:
    got = await client.post(
        f"/v1/orgs/{world.a.id}/invites",
        json={"respondent_id": world.a.respondent, **body},
        headers=bearer(world.a.keys[role]),
    )

    assert got.status_code == status, got.text
    assert "error" in got.json()


async def test_another_organizations_invites_are_not_found(
    client: httpx.AsyncClient, world: World
) -> None:
    invite = await _invite(client, world)
    theirs = bearer(world.b.keys["admin"])

    listed = await client.get(f"/v1/orgs/{world.a.id}/invites", headers=theirs)
    revoke = await client.delete(f"/v1/orgs/{world.b.id}/invites/{invite['id']}", headers=theirs)

    assert listed.status_code == 404 and revoke.status_code == 404


async def test_the_list_shows_status_and_never_the_token(
    client: httpx.AsyncClient, world: World
) -> None:
    first = await _invite(client, world)
    second = await _invite(client, world, respondent_id=world.a.peer)
    await client.get(_path(first))

    listed = await client.get(
        f"/v1/orgs/{world.a.id}/invites", headers=bearer(world.a.keys["facilitator"])
    )

    rows = listed.json()
    assert [r["id"] for r in rows] == [second["id"], first["id"]]  # newest first
    assert [r["status"] for r in rows] == ["pending", "opened"]
    assert rows[1]["opened_at"] and rows[1]["respondent_name"] == "Dana Ruiz"
    assert all("token" not in r and "url" not in r for r in rows)


async def test_tokens_are_stored_only_hashed(
    client: httpx.AsyncClient, world: World, store: Store
) -> None:
    invite = await _invite(client, world)
    await client.get(_path(invite))
    secrets = [str(invite["token"]), client.cookies["oiar_session"]]

    with store.read() as session:
        dump = [
            str(row)
            for table in Base.metadata.sorted_tables
            for row in session.execute(select(table))
        ]

    assert dump
    assert not [s for s in secrets for row in dump if s in row]


async def test_progress_shows_who_has_answered(client: httpx.AsyncClient, world: World) -> None:
    await _invite(client, world, respondent_id=world.a.peer)
    invite = await _invite(client, world)
    await client.get(_path(invite))
    me = (await client.get("/web/session")).json()
    started = await client.post(
        f"/v1/orgs/{world.a.id}/interviews",
        json={"respondent_id": world.a.respondent},
        headers={CSRF: me["csrf_token"]},
    )
    await client.post(
        f"/v1/interviews/{started.json()['interview_id']}/messages",
        json={"text": started.json()["question"]["example"]},
        headers={CSRF: me["csrf_token"]},
    )

    got = await client.get(
        f"/v1/orgs/{world.a.id}/progress", headers=bearer(world.a.keys["facilitator"])
    )
    refused = await client.get(
        f"/v1/orgs/{world.a.id}/progress", headers=bearer(world.a.keys["viewer"])
    )

    assert got.status_code == 200, got.text
    body = got.json()
    assert body["round"] is None
    rows = {r["name"]: r for r in body["respondents"]}
    dana, lee = rows["Dana Ruiz"], rows["Lee Park"]
    assert dana["invite_status"] == "opened" and lee["invite_status"] == "pending"
    assert dana["answered"] == 1 and dana["total"] > 1
    assert dana["interview_status"] == "in_progress" and dana["last_activity_at"]
    assert body["in_progress"] >= 1 and body["not_started"] + body["in_progress"] == 2
    assert refused.status_code == 403


async def test_erasure_revokes_the_respondents_invites(
    client: httpx.AsyncClient, world: World
) -> None:
    invite = await _invite(client, world)
    await client.get(_path(invite))

    erased = await client.delete(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}",
        headers=bearer(world.a.keys["admin"]),
    )

    assert erased.json()["removed"]["invites_revoked"] == 1
    assert (await client.get("/web/session")).status_code == 401
    assert 'data-state="revoked"' in (await client.get(_path(invite))).text


async def test_offboarding_deletes_invites_and_sessions(
    client: httpx.AsyncClient, world: World, store: Store
) -> None:
    invite = await _invite(client, world)
    await client.get(_path(invite))

    gone = await client.delete(
        f"/v1/orgs/{world.a.id}?confirm={world.a.id}", headers=bearer(world.a.keys["admin"])
    )

    assert gone.status_code == 200, gone.text
    assert gone.json()["deleted"]["invites"] == 1 and gone.json()["deleted"]["web_sessions"] == 1
    with store.read() as session:
        left = session.execute(text("SELECT count(*) FROM invites")).scalar()
    assert left == 0
    assert (await client.get(_path(invite))).status_code == 404


async def test_a_link_previewer_does_not_use_up_the_link(
    client: httpx.AsyncClient, world: World
) -> None:
    invite = await _invite(client, world)
    unfurler = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"

    preview = await client.get(_path(invite), headers={"User-Agent": unfurler})
    opened = await client.get(_path(invite))

    assert preview.status_code == 200 and 'data-state="preview"' in preview.text
    assert opened.status_code == 303


def test_two_browsers_opening_one_link_at_once_get_one_session(store: Store, world: World) -> None:
    app = create_app(make_settings(), store=store)
    with BackgroundServer(app) as server:
        with httpx.Client(base_url=server.url, timeout=10) as facilitator:
            invite = facilitator.post(
                f"/v1/orgs/{world.a.id}/invites",
                json={"respondent_id": world.a.respondent},
                headers=bearer(world.a.keys["facilitator"]),
            ).json()
        start = threading.Barrier(4)

        def open_it(_: int) -> int:
            with httpx.Client(base_url=server.url, timeout=10) as browser:
                start.wait()
                return browser.get(_path(invite)).status_code

        with ThreadPoolExecutor(4) as pool:
            codes = sorted(pool.map(open_it, range(4)))

    assert codes == [303, 410, 410, 410]
    with store.read() as session:
        sessions = session.execute(text("SELECT count(*) FROM web_sessions")).scalar()
    assert sessions == 1


async def test_the_export_lists_invitations_without_their_token(
    client: httpx.AsyncClient, world: World
) -> None:
    invite = await _invite(client, world)

    export = await client.get(
        f"/v1/orgs/{world.a.id}/respondents/{world.a.respondent}/export",
        headers=bearer(world.a.keys["admin"]),
    )

    assert [i["id"] for i in export.json()["invitations"]] == [invite["id"]]
    assert str(invite["token"]) not in export.text


async def test_sign_in_refuses_a_form_post(client: httpx.AsyncClient, world: World) -> None:
    # A cross-site form can send text/plain or form data, never JSON: no cookie for it.
    got = await client.post(
        "/web/session",
        content=f'{{"key": "{world.a.keys["admin"]}"}}',
        headers={"Content-Type": "text/plain"},
    )

    assert got.status_code == 422 and "set-cookie" not in got.headers

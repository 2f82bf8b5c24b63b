"""The sign-in page and the console in a real browser, against the real app and its session.

A facilitator signs in with a key, adds a respondent, makes their invite link, sees their
progress move once they answer, runs a what-if and a question, downloads the report, closes a
round and signs out; a viewer sees the API's ranking with no write controls and a forced write
is refused; at 390 px nothing scrolls sideways but the tables inside their cards.
Screenshots: `console-…` (tests/artifacts/, or docs/screenshots/ under `make screenshots`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "reports"))

from browser_support import (  # noqa: E402
    DESKTOP,
    MOBILE,
    axe_violations,
    chromium,
    needs_browser,
    new_page,
    snap,
)
from report_support import Sample  # noqa: E402

from assistant.api.server import BackgroundServer  # noqa: E402
from tools import admin  # noqa: E402

pytestmark = [needs_browser, pytest.mark.usefixtures("adaptive_order")]
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

# Every view and what shows it has loaded.
VIEWS = {
    "overview": "#ranking tbody tr[data-rank='1']",
    "people": "#departments article",
    "rounds": "#rounds tbody tr",
    "ask": "#ask-form",
    "what-if": "#wi-input option",
    "report": "#report-frame[src]",
}


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _sign_in(page: Any, server: BackgroundServer, key: str) -> None:
    page.goto(f"{server.url}/")
    page.fill("#key", key)
    page.click("#signin-go")
    page.wait_for_url(f"{server.url}/console")
    page.locator(VIEWS["overview"]).wait_for()


def _open(page: Any, view: str) -> None:
    page.click(f"nav.sections a[data-view='{view}']")
    page.locator(f"[data-view-panel='{view}']:not([hidden])").wait_for()
    page.locator(VIEWS[view]).first.wait_for(state="attached")


def _row(page: Any, respondent_id: str) -> Any:
    return page.locator(f"tr[data-respondent='{respondent_id}']")


def _answer_one(server: BackgroundServer, key: str, org: str, respondent_id: str) -> None:
    """The respondent answers their first question over the API, with its own example."""
    with httpx.Client(base_url=server.url, headers=_bearer(key), timeout=30) as client:
        started = client.post(f"/v1/orgs/{org}/interviews", json={"respondent_id": respondent_id})
        assert started.status_code == 201, started.text
        turn = started.json()
        question = turn["question"]
        text = question["choices"][0] if question["choices"] else question["example"]
        reply = client.post(f"/v1/interviews/{turn['interview_id']}/messages", json={"text": text})
        assert reply.status_code == 200, reply.text
        assert reply.json()["progress"]["answered"] == 1, reply.json()["reply"]


def test_console_facilitator_invites_follows_progress_prices_and_downloads(
    server: BackgroundServer, sample: Sample
) -> None:
    org = sample.org.id
    key = sample.key("facilitator")
    with chromium() as browser:
        page = new_page(browser, DESKTOP, accept_downloads=True)
        page.goto(f"{server.url}/")
        assert page.get_attribute("#key", "type") == "password"
        assert "Were you sent an invitation link?" in page.inner_text("main")
        assert axe_violations(page) == []
        snap(page, "console-signin")

        _sign_in(page, server, key)
        stored = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}])")
        assert "oiar_" not in stored and key not in page.url
        assert page.inner_text("#org-name") == sample.org.name
        assert axe_violations(page) == []
        snap(page, "console-overview")
        page.goto(f"{server.url}/")  # a live session skips the sign-in page
        page.wait_for_url(f"{server.url}/console")
        page.locator(VIEWS["overview"]).wait_for()

        # People: add a respondent, make their link (shown once), and it is in the API's list.
        _open(page, "people")
        page.fill("#new-name", "Alex Kim")
        page.fill("#new-role", "COO")
        page.fill("#new-department", "Operations")
        page.click("#add-go")
        page.locator("#departments tr", has_text="Alex Kim").wait_for()
        people = admin.list_respondents(sample.store, sample.admin, org)
        alex = next(r for r in people if r.name == "Alex Kim")
        row = _row(page, alex.id)
        row.wait_for()
        assert row.get_attribute("data-status") == "not_started"
        not_started = int(page.get_attribute("#people-counts", "data-not-started") or -1)
        row.locator("[data-invite-for]").click()
        page.locator("#invite-created:not([hidden])").wait_for()
        url = page.input_value("#invite-url")
        assert url.startswith(f"{server.url}/i/")
        invites = httpx.get(f"{server.url}/v1/orgs/{org}/invites", headers=_bearer(key)).json()
        assert [i["respondent_id"] for i in invites if i["status"] == "pending"] == [alex.id]
        assert url.rsplit("/", 1)[1] not in str(invites)  # the token is not listed again
        _row(page, alex.id).locator("[data-revoke]").wait_for()
        assert axe_violations(page) == []
        snap(page, "console-people-invite")
        page.click("#dismiss-invite")
        assert page.input_value("#invite-url") == ""

        # Revoking asks first; keeping the link (the default) leaves it pending.
        _row(page, alex.id).locator("[data-revoke]").click()
        page.locator("#confirm-revoke[open]").wait_for()
        assert "Alex" in page.inner_text("#revoke-text")
        assert page.evaluate("document.activeElement.id") == "revoke-cancel"
        page.keyboard.press("Enter")
        page.locator("#confirm-revoke:not([open])").wait_for(state="attached")
        invites = httpx.get(f"{server.url}/v1/orgs/{org}/invites", headers=_bearer(key)).json()
        assert [i["status"] for i in invites if i["respondent_id"] == alex.id] == ["pending"]

        # Revoke it: the row says so, the API agrees, and there is no live link left to revoke.
        _row(page, alex.id).locator("[data-revoke]").click()
        page.click("#revoke-go")
        page.locator(f"tr[data-respondent='{alex.id}'] [data-invite-status='revoked']").wait_for()
        assert _row(page, alex.id).locator("[data-revoke]").count() == 0
        invites = httpx.get(f"{server.url}/v1/orgs/{org}/invites", headers=_bearer(key)).json()
        assert [i["status"] for i in invites if i["respondent_id"] == alex.id] == ["revoked"]

        # Alex answers over the API: a refresh shows them under way, one fewer not started.
        _answer_one(server, sample.key("respondent", alex.id), org, alex.id)
        page.click("#refresh-people")
        page.locator(f"tr[data-respondent='{alex.id}'][data-status='in_progress']").wait_for()
        assert int(page.get_attribute("#people-counts", "data-not-started") or -1) == (
            not_started - 1
        )
        snap(page, "console-people-progress")

        # What-if: a value it cannot read is an alert; a good one clears it and shows the
        # API's own delta for the same change.
        _open(page, "what-if")
        page.select_option("#wi-domain", "leadership_bandwidth")
        page.select_option("#wi-input", "decision_wait_days")
        page.fill("#wi-value", "banana")
        page.click("#what-if-go")
        page.locator("[role='alert']", has_text="could not read 'banana'").wait_for()
        page.fill("#wi-value", "1")
        page.click("#what-if-go")
        page.locator("#what-if-result:not([hidden])").wait_for()
        expected = httpx.post(
            f"{server.url}/v1/orgs/{org}/what-if",
            headers=_bearer(key),
            json={"overrides": {"decision_wait_days": 1}},
        ).json()
        assert page.is_hidden("[role='alert']")
        shown = float(page.get_attribute("#wi-summary", "data-delta") or 0)
        assert shown == pytest.approx(expected["total_delta"]) and shown < 0
        assert "→" in page.inner_text("#wi-summary")
        snap(page, "console-what-if")

        # Ask: the reply names the biggest drag.
        _open(page, "ask")
        page.fill("#ask-text", "what's our biggest drag?")
        page.click("#ask-go")
        page.locator("#ask-log .exchange").wait_for()
        top = httpx.get(f"{server.url}/v1/orgs/{org}/score", headers=_bearer(key)).json()
        assert top["domains"][0]["label"] in page.inner_text("#ask-log")
        snap(page, "console-ask")

        # Report: the preview loads and a download is a named, non-empty file.
        _open(page, "report")
        page.frame_locator("#report-frame").locator("h1").wait_for()
        with page.expect_download() as caught:
            page.click("[data-format='xlsx']")
        download = caught.value
        # Named after the company, as the server's Content-Disposition says: never the org id.
        assert download.suggested_filename.startswith("cedar-ridge-components")
        assert download.suggested_filename.endswith("-oiar-report.xlsx")
        assert Path(download.path()).read_bytes().startswith(b"PK")
        snap(page, "console-report", full_page=False)

        # Rounds and campaigns: a campaign's summary; open a round, close it after confirming.
        campaign = httpx.post(
            f"{server.url}/v1/orgs/{org}/campaigns",
            headers=_bearer(key),
            json={
                "name": "Q1 leaders",
                "due_at": "2027-01-31T17:00:00Z",
                "members": [{"respondent_id": alex.id}],
            },
        )
        assert campaign.status_code == 201, campaign.text
        _open(page, "rounds")
        page.locator("#campaigns tr", has_text="Q1 leaders").locator("button").click()
        page.locator("#campaign-summary", has_text="0 of 1 finished").wait_for()
        page.fill("#round-label", "2027-Q1")
        page.click("#open-round-go")
        open_row = page.locator("#rounds tr", has_text="2027-Q1")
        open_row.locator("[data-close]").wait_for()
        page.locator("#round-name", has_text="2027-Q1").wait_for()
        open_row.locator("[data-close]").click()
        page.locator("#confirm-close[open]").wait_for()
        snap(page, "console-round-confirm", full_page=False)
        page.click("#confirm-go")
        page.locator("#rounds tr", has_text="2027-Q1").locator("td", has_text="closed").wait_for()
        assert page.is_hidden("#error")
        snap(page, "console-rounds")

        # Sign out ends the session: the console sends the browser back to sign in.
        page.click("#sign-out")
        page.wait_for_url(f"{server.url}/")
        page.goto(f"{server.url}/console")
        page.wait_for_url(f"{server.url}/")
        page.locator("#signin-form").wait_for()


def test_console_viewer_reads_the_ranking_and_cannot_write(
    server: BackgroundServer, sample: Sample
) -> None:
    org = sample.org.id
    key = sample.key("viewer")
    score = httpx.get(f"{server.url}/v1/orgs/{org}/score", headers=_bearer(key)).json()
    with chromium() as browser:
        page = new_page(browser, DESKTOP)
        _sign_in(page, server, key)
        first = page.locator("#ranking tr[data-rank='1']")
        assert first.get_attribute("data-domain") == score["domains"][0]["key"]
        assert page.get_attribute("#top-domain", "data-domain") == score["domains"][0]["key"]
        assert page.locator("nav.sections a").all_inner_texts() == ["Overview", "Report"]
        for control in ("[data-staff]", "form", "[data-invite-for]", "[data-close]", "dialog"):
            assert page.locator(control).count() == 0, control
        assert page.is_visible("#readonly-note")
        assert axe_violations(page) == []
        snap(page, "console-viewer")

        # A write forced from the page, with the session's own CSRF token: the API says no.
        status = page.evaluate(
            """async (org) => {
              const session = await (await fetch("/web/session")).json();
              const response = await fetch(`/v1/orgs/${org}/respondents`, {
                method: "POST",
                credentials: "same-origin",
                headers: {"Content-Type": "application/json",
                          "X-CSRF-Token": session.csrf_token},
                body: JSON.stringify({name: "Intruder"}),
              });
              return response.status;
            }""",
            org,
        )
        assert status == 403
        names = [r.name for r in admin.list_respondents(sample.store, sample.admin, org)]
        assert "Intruder" not in names

        page.goto(f"{server.url}/console#people")  # not a viewer's section: the overview
        page.locator(VIEWS["overview"]).wait_for()
        assert page.locator("#view-people").count() == 0
        _open(page, "report")
        page.frame_locator("#report-frame").locator("h1").wait_for()
        snap(page, "console-viewer-report", full_page=False)

        # A respondent's key signs in to the chat, never the console.
        dana = admin.list_respondents(sample.store, sample.admin, org)[0]
        respondent = new_page(browser, DESKTOP)
        respondent.goto(f"{server.url}/")
        respondent.fill("#key", sample.key("respondent", dana.id))
        respondent.click("#signin-go")
        respondent.wait_for_url(f"{server.url}/chat")


def test_console_at_390_px_scrolls_no_page_sideways(
    server: BackgroundServer, sample: Sample
) -> None:
    key = sample.key("facilitator")
    with chromium() as browser:
        page = new_page(browser, MOBILE)
        page.goto(f"{server.url}/")
        snap(page, "console-mobile-signin")
        # Keyboard only: the key field has the focus, Enter signs in, Tab reaches the sections.
        page.locator("#key:focus").wait_for()
        page.keyboard.type(key)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{server.url}/console")
        page.locator(VIEWS["overview"]).wait_for()
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.dataset.view") == "people":
                break
        page.keyboard.press("Enter")
        page.locator("#people-title:focus").wait_for()
        for view in VIEWS:
            _open(page, view)
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= MOBILE["width"], (view, width)
            if view == "overview":  # the wide ranking scrolls inside its own card
                wrap = page.locator("#view-overview .table-wrap")
                assert wrap.evaluate("(node) => node.scrollWidth > node.clientWidth")
            if view in ("overview", "people"):
                assert axe_violations(page) == []
                snap(page, f"console-mobile-{view}")


def test_console_admin_exports_a_respondents_data_and_a_facilitator_cannot(
    server: BackgroundServer, sample: Sample
) -> None:
    """A data-subject request from the console: the admin's People rows download the person's
    export; a facilitator's rows offer no such link."""
    person = admin.add_respondent(
        sample.store, sample.admin, sample.org.id, name="Priya Natarajan", department="Finance"
    )
    with chromium() as browser:
        page = new_page(browser, DESKTOP, accept_downloads=True)
        _sign_in(page, server, sample.key("admin"))
        _open(page, "people")
        link = _row(page, person.id).locator(f"[data-export='{person.id}']")
        with page.expect_download() as caught:
            link.click()
        exported = json.loads(Path(caught.value.path()).read_text())
        assert exported["profile"]["name"] == "Priya Natarajan"
        page.context.close()

        page = new_page(browser, DESKTOP)
        _sign_in(page, server, sample.key("facilitator"))
        _open(page, "people")
        _row(page, person.id).wait_for()
        assert _row(page, person.id).locator("[data-export]").count() == 0
        page.context.close()

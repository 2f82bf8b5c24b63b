"""The respondent chat (/chat) in a real browser: Playwright drives Debian's Chromium, headless.

Everything goes through the real app: an admin key creates the invitation over the API
(POST /v1/orgs/{org}/invites), the browser opens its link (`/i/<token>` sets the session cookie
and lands on /chat) and answers the interview by typing, by its choice buttons, by keyboard
alone and at 390 px; Back undoes an answer; leaving and reopening the link resumes; the
finished page lists what was said and changes an answer; axe-core finds no WCAG A/AA
violation on the chat and finished states; a revoked or expired link gets a clear page.
Screenshots (`chat-…`) go where `snap` puts them (`make screenshots`: docs/screenshots/).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import update

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
from tools.store.schema import Invite, utcnow  # noqa: E402

pytestmark = needs_browser
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

BOT = "#messages .msg.bot"


@dataclass
class Site:
    url: str
    sample: Sample
    admin_key: str
    org: str
    round_id: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin_key}"}

    def respondent(self, name: str = "Alex Kim") -> str:
        person = admin.add_respondent(
            self.sample.store,
            self.sample.admin,
            self.org,
            name=name,
            role="COO",
            department="Operations",
        )
        return person.id

    def invite(self, respondent_id: str, **body: Any) -> dict[str, Any]:
        response = httpx.post(
            f"{self.url}/v1/orgs/{self.org}/invites",
            json={"respondent_id": respondent_id, **body},
            headers=self.headers(),
        )
        assert response.status_code == 201, response.text
        return response.json()


@pytest.fixture
def site(sample: Sample, server: BackgroundServer) -> Site:
    key = sample.key("admin")
    opened = httpx.post(
        f"{server.url}/v1/orgs/{sample.org.id}/rounds",
        json={"label": "2027-Q1", "due_at": "2027-01-29T17:00:00Z"},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert opened.status_code == 201, opened.text
    return Site(server.url, sample, key, sample.org.id, opened.json()["id"])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


def _open_link(page: Any, link: str) -> None:
    page.goto(link)
    assert page.url.endswith("/chat"), page.url
    page.locator(f"{BOT}, #finished:not([hidden])").first.wait_for()


def _progress(page: Any) -> int:
    return int(page.get_attribute("#progress", "aria-valuenow") or 0)


def _asked(page: Any) -> int:
    """The number of the question now open ("_3 of 25_" in the newest message)."""
    text = page.locator(BOT).last.inner_text()
    number = text.split(" of ")[0].split()[-1]
    return int(number)


def _in_view(page: Any, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    assert box is not None, f"{selector} has no box"
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], (selector, box)


def _newest_visible(page: Any) -> None:
    """The newest reply is on screen, clear of the sticky header and composer."""
    reply = page.locator(BOT).last.bounding_box()
    head = page.locator("#head").bounding_box()
    composer = page.locator("#composer").bounding_box()
    assert reply is not None and head is not None and composer is not None
    top, bottom = reply["y"], reply["y"] + reply["height"]
    # All of it when it fits between them; else at least its start.
    assert top >= head["y"] + head["height"] - 1, (reply, head)
    assert bottom <= composer["y"] + 1 or top < composer["y"] - 40, (reply, composer)


def _reply(page: Any, before: int) -> None:
    """Wait for the bot message after `before` of them (attached: the finished page hides
    the conversation)."""
    page.locator(BOT).nth(before).wait_for(state="attached")


def _answer(page: Any, *, keyboard: bool = False) -> str:
    """Answer the open question: its first choice button, or its example typed. Returns it."""
    before = page.locator(BOT).count()
    choices = page.locator("#choices button")
    if choices.count():
        said = choices.first.inner_text()
        if keyboard:
            assert page.evaluate("document.activeElement.dataset.choice") == said
            page.keyboard.press("Space")
        else:
            choices.first.click()
    else:
        said = (page.get_attribute("#answer", "placeholder") or "").removeprefix("e.g. ")
        if keyboard:
            assert page.evaluate("document.activeElement.id") == "answer"
            page.keyboard.type(said)
            page.keyboard.press("Enter")
        else:
            page.fill("#answer", said)
            page.click("#send")
    _reply(page, before)
    return said


def _skip_to_the_end(page: Any) -> str | None:
    """Skip until finished; the first choice question on the way is answered by its button."""
    clicked = None
    for _ in range(60):
        if page.is_visible("#finished"):
            return clicked
        before = page.locator(BOT).count()
        choice = page.locator("#choices button")
        if clicked is None and choice.count():
            clicked = choice.first.inner_text()
            choice.first.click()
        else:
            page.click("#skip")
        _reply(page, before)
    pytest.fail("the interview did not finish")


def test_chat_invite_link_to_finished_interview_on_desktop(browser: Any, site: Site) -> None:
    link = site.invite(site.respondent())["url"]
    page = new_page(browser, DESKTOP, accept_downloads=True)
    writes: list[Any] = []
    page.on("request", lambda r: writes.append(r) if r.method != "GET" else None)
    _open_link(page, link)
    assert page.inner_text("#who") == "Answering as Alex Kim, COO · Operations"
    assert page.inner_text("#company") == site.sample.org.name
    assert "2027-Q1" in page.inner_text("#round")
    assert page.get_attribute("#progress", "role") == "progressbar"
    assert page.get_attribute("#progress", "aria-label") == "Interview progress"
    assert _progress(page) == 0
    assert "1 of" in page.locator(BOT).first.inner_text()
    assert page.locator("input[type=password]").count() == 0  # no key, no id, ever
    assert axe_violations(page) == []

    answered = [_answer(page) for _ in range(3)]
    assert page.locator("#messages .msg.me > span:last-child").all_inner_texts() == answered
    _in_view(page, "#answer")
    _newest_visible(page)
    assert _progress(page) > 0
    snap(page, "chat-desktop", full_page=False)

    # Back (undo): the previous question opens again and a new answer replaces the old one.
    number = _asked(page)
    before = page.locator(BOT).count()
    page.click("#back")
    _reply(page, before)
    assert _asked(page) == number - 1
    assert "Going back" in page.locator(BOT).last.inner_text()
    _answer(page)
    assert _asked(page) == number

    clicked = _skip_to_the_end(page)
    assert clicked is not None, "no question offered buttons"
    assert page.is_visible("#finished") and page.is_visible("#thanks-title")
    assert page.inner_text("#thanks-title") == "Thank you"
    for gone in ("#answer", "#send", "#skip", "#back", "#dont-know"):
        assert not page.is_visible(gone), f"{gone} is still shown on the finished page"
    assert _progress(page) == 100
    summary = page.locator("#summary li")
    summary.first.wait_for()
    text = page.inner_text("#summary")
    assert clicked.lower() in text.lower()
    assert "Skipped" in text
    assert page.locator("#summary li .change").count() == summary.count()
    assert axe_violations(page) == []
    page.evaluate("window.scrollTo(0, 0)")
    snap(page, "chat-finished")

    # Change an answer: a skipped one gets its example; the row says so and the rest stay.
    row = page.locator("#summary li", has_text="Skipped").first
    question = row.locator(".q").inner_text()
    row.locator(".change").click()
    editor = row.locator(".edit input")
    example = (editor.get_attribute("placeholder") or "").removeprefix("e.g. ")
    if row.locator(".edit .choices button").count():
        row.locator(".edit .choices button").first.click()
    else:
        editor.fill(example)
        editor.press("Enter")
    page.locator("#notice:not([hidden])").wait_for()
    assert page.inner_text("#notice").startswith("Recorded")
    assert page.inner_text("#thanks-text").startswith("You answered 5 of")
    changed = page.locator("#summary li", has_text=question)
    assert changed.locator(".a").inner_text() != "Skipped"
    assert not page.is_visible("#alert")
    assert axe_violations(page) == []
    page.evaluate("window.scrollTo(0, 0)")
    snap(page, "chat-changed-answer")

    # Their own data, from the finished page: the export holds what they just typed.
    with page.expect_download() as caught:
        page.click("#export-json")
    exported = json.loads(Path(caught.value.path()).read_text())
    assert exported["profile"]["name"] == "Alex Kim"
    # The transcript they just had, in their own words, and the answer they just changed.
    said = {m["text"] for m in exported["transcripts"]}
    assert set(answered) <= said, (answered, said)
    assert question in {a["question"] for a in exported["answers"]}
    # Every write went with the session's CSRF token (the cookie alone would be refused).
    assert {r.method for r in writes} == {"POST", "PUT"}
    assert all(r.headers.get("x-csrf-token") for r in writes), [r.url for r in writes]
    page.context.close()


def test_chat_on_a_390px_phone_keeps_the_input_in_view(browser: Any, site: Site) -> None:
    link = site.invite(site.respondent())["url"]
    page = new_page(browser, MOBILE, is_mobile=True, has_touch=True)
    _open_link(page, link)
    _in_view(page, "#answer")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    before = page.locator(BOT).count()
    page.click("#dont-know")  # the footer's buttons fit and work at 390 px too
    _reply(page, before)
    assert "No problem" in page.locator(BOT).last.inner_text()
    for _ in range(5):
        _answer(page)
        _in_view(page, "#answer")
        _in_view(page, "#progress")
        _newest_visible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    assert axe_violations(page) == []
    snap(page, "chat-mobile", full_page=False)
    _skip_to_the_end(page)
    page.locator("#summary li").first.wait_for()
    assert not page.is_visible("#answer")
    assert page.evaluate("document.documentElement.scrollWidth") <= MOBILE["width"]
    page.evaluate("window.scrollTo(0, 0)")
    snap(page, "chat-mobile-finished", full_page=False)
    page.context.close()


def test_chat_by_keyboard_alone(browser: Any, site: Site) -> None:
    link = site.invite(site.respondent())["url"]
    page = new_page(browser, DESKTOP)
    _open_link(page, link)
    for _ in range(4):  # typed and Enter, or Space on the focused choice button
        _answer(page, keyboard=True)
    assert _progress(page) > 0
    # Tab from the input reaches Send, then the footer's buttons: Skip by Enter.
    page.focus("#answer")
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order[:2] == ["send", "back"] and "skip" in order, order
    while page.evaluate("document.activeElement.id") != "skip":
        page.keyboard.press("Tab")
    number, before = _asked(page), page.locator(BOT).count()
    page.keyboard.press("Enter")
    _reply(page, before)
    assert _asked(page) == number + 1
    assert "Skipped" in page.locator(BOT).last.inner_text()
    # A choice question by keyboard: skip by keyboard until one comes, then Space.
    for _ in range(40):
        if page.locator("#choices button").count():
            break
        before = page.locator(BOT).count()
        page.focus("#answer")
        page.keyboard.type("skip")
        page.keyboard.press("Enter")
        _reply(page, before)
    said = _answer(page, keyboard=True)
    assert f"Recorded: {said}".lower() in page.locator(BOT).last.inner_text().lower()
    page.context.close()


def test_chat_leave_and_reopen_the_link_resumes(browser: Any, site: Site) -> None:
    link = site.invite(site.respondent())["url"]
    page = new_page(browser, DESKTOP)
    _open_link(page, link)
    said = [_answer(page) for _ in range(2)]
    progress, number = _progress(page), _asked(page)
    page.goto("about:blank")
    _open_link(page, link)
    transcript = page.inner_text("#messages")
    assert all(s in transcript for s in said)
    assert "Welcome back" in transcript
    assert _progress(page) == progress and _asked(page) == number
    _in_view(page, "#answer")
    # The stale-banner bug: an error shows in the alert, and the next success clears it.
    page.fill("#answer", "x" * 5000)
    page.click("#send")
    page.locator("#alert:not([hidden])").wait_for()
    assert page.get_attribute("#alert", "role") == "alert"
    _answer(page)
    assert not page.is_visible("#alert")
    page.context.close()

    # The same link in another browser is refused with a page saying what to do.
    elsewhere = new_page(browser, DESKTOP)
    response = elsewhere.goto(link)
    assert response is not None and response.status == 410
    assert elsewhere.get_attribute("main", "data-state") == "used"
    elsewhere.context.close()


def test_chat_without_a_session_asks_for_the_invitation_link(browser: Any, site: Site) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(f"{site.url}/chat")
    page.locator("#signed-out:not([hidden])").wait_for()
    assert "invitation link" in page.inner_text("h1")
    assert page.locator("input").count() == page.locator("#composer input").count()
    assert not page.is_visible("#answer")
    assert axe_violations(page) == []
    snap(page, "chat-signed-out")
    page.context.close()


def test_chat_signed_in_to_the_console_points_there(browser: Any, site: Site) -> None:
    page = new_page(browser, DESKTOP)
    signed = page.request.post(f"{site.url}/web/session", data={"key": site.admin_key})
    assert signed.status == 200
    page.goto(f"{site.url}/chat")
    page.locator("#signed-out:not([hidden])").wait_for()
    assert page.inner_text("h1") == "This page is for answering an interview"
    assert page.get_attribute("#signed-out a", "href") == "/console"
    assert not page.is_visible("#answer")
    page.context.close()


def test_chat_a_revoked_link_shows_a_clear_page_and_ends_the_session(
    browser: Any, site: Site
) -> None:
    invite = site.invite(site.respondent())
    page = new_page(browser, DESKTOP)
    _open_link(page, invite["url"])
    revoked = httpx.delete(
        f"{site.url}/v1/orgs/{site.org}/invites/{invite['id']}", headers=site.headers()
    )
    assert revoked.status_code == 200, revoked.text
    # The open chat's next write is refused: it says to open the link, not a stack or JSON.
    page.fill("#answer", "about 3")
    page.click("#send")
    page.locator("#signed-out:not([hidden])").wait_for()
    response = page.goto(invite["url"])
    assert response is not None and response.status == 410
    assert "text/html" in response.headers["content-type"]
    assert page.get_attribute("main", "data-state") == "revoked"
    assert page.locator("h1").count() == 1 and page.inner_text("p")
    assert "Traceback" not in page.content() and '{"error"' not in page.content()
    assert axe_violations(page) == []
    snap(page, "chat-invite-revoked")
    page.context.close()


def test_chat_an_expired_link_shows_a_clear_page(browser: Any, site: Site) -> None:
    invite = site.invite(site.respondent(), expires_in_days=1)
    past = utcnow() - timedelta(days=2)
    with site.sample.store.write() as session:
        session.execute(update(Invite).where(Invite.id == invite["id"]).values(expires_at=past))
    page = new_page(browser, MOBILE)
    response = page.goto(invite["url"])
    assert response is not None and response.status == 410
    assert "text/html" in response.headers["content-type"]
    assert page.get_attribute("main", "data-state") == "expired"
    assert f"{past.day} {past:%B %Y}" in page.inner_text("main")
    assert page.locator("h1").count() == 1
    assert "Traceback" not in page.content() and '{"error"' not in page.content()
    assert axe_violations(page) == []
    snap(page, "chat-invite-expired")
    page.context.close()

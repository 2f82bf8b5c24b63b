"""The web front end in a real browser: Playwright drives Debian's Chromium, headless.

A respondent signs in with their key, answers a short interview by typing and clicking (a
choice question answered with its button), leaves and resumes by the interview link; a viewer
then opens the results page, whose top domain must be the API's. Screenshots go to
tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "reports"))

from report_support import Sample, open_sample  # noqa: E402

from assistant.api.app import create_app  # noqa: E402
from assistant.api.server import BackgroundServer  # noqa: E402
from assistant.config import Settings  # noqa: E402
from tools import admin  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parents[2] / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 30_000  # generous: CI machines run other suites alongside

pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
    ),
    # The interview is scripted against the adaptive question order (value of information).
    pytest.mark.usefixtures("adaptive_order"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Sample]:
    opened = open_sample(tmp_path)
    yield opened
    opened.store.dispose()


@pytest.fixture
def server(sample: Sample) -> Iterator[BackgroundServer]:
    app = create_app(Settings(_env_file=None), store=sample.store)
    with BackgroundServer(app) as running:
        yield running


@pytest.fixture
def page(server: BackgroundServer) -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        context = browser.new_page(viewport={"width": 1200, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            browser.close()


def _key(sample: Sample, role: str, respondent: str | None = None) -> str:
    key = admin.create_key(
        sample.store,
        sample.admin,
        sample.org.id,
        role=role,  # type: ignore[arg-type]
        respondent_id=respondent,
    )
    assert key.key is not None
    return key.key


def _sign_in(page: object, key: str) -> None:
    page.fill("#key", key)  # type: ignore[attr-defined]
    page.click("#signin-go")  # type: ignore[attr-defined]


def _example(message: str) -> str:
    """The "For example: …" line the interviewer puts under every typed question."""
    lines = [line for line in message.splitlines() if line.startswith("For example: ")]
    assert lines, f"no example under: {message!r}"
    return lines[-1].removeprefix("For example: ").strip()


def _progress(page: object) -> int:
    return int(page.get_attribute("#progress", "aria-valuenow") or 0)  # type: ignore[attr-defined]


def test_browser_interview_then_results_match_the_api(
    page: object, server: BackgroundServer, sample: Sample
) -> None:
    p = page  # Playwright's Page; typed loosely so the module imports without Playwright
    alex = admin.add_respondent(
        sample.store,
        sample.admin,
        sample.org.id,
        name="Alex Kim",
        role="COO",
        department="Operations",
    )
    org = sample.org.id
    p.goto(f"{server.url}/#/interview?org={org}&respondent={alex.id}")
    _sign_in(p, _key(sample, "respondent", alex.id))
    assert "?" not in p.url.split("#")[0] and "oiar_" not in p.url
    p.click("#start-go")
    p.wait_for_selector("#chat:not([hidden]) .msg.bot")
    first_question = p.inner_text("#messages .msg.bot >> nth=0")
    assert "1 of" in first_question

    # Type what the question's own example says: whatever order the interview picks.
    example = ""
    for typed in range(2):
        if p.locator("#buttons button").count() > 0:  # a choice: its button, not typing
            p.locator("#buttons button").first.click()
        else:
            example = _example(p.inner_text(f"#messages .msg.bot >> nth={typed}"))
            p.fill("#answer", example)
            if typed == 0:
                p.press("#answer", "Enter")  # the keyboard once, the Send button once
            else:
                p.click("#send")
        reply = p.locator("#messages .msg.bot").nth(typed + 1)
        reply.wait_for()
        assert reply.inner_text().startswith("Recorded: "), (example, reply.inner_text())
    assert _progress(p) > 0

    # Leave and come back by the interview link: the conversation is restored.
    link = p.get_attribute("#resume-link", "href")
    assert link is not None and link.startswith("#/interview/itv_")
    p.goto("about:blank")
    p.goto(f"{server.url}/{link}")
    p.wait_for_selector("#chat:not([hidden]) .msg.me")
    assert example in p.inner_text("#messages")
    before = _progress(p)

    clicked_choice = None
    for _ in range(60):  # skip forward; answer the first choice question with its button
        if p.is_visible("#done"):
            break
        count = p.locator("#messages .msg.bot").count()
        choice = p.locator("#buttons button")
        if clicked_choice is None and choice.count() > 0:
            clicked_choice = choice.first.inner_text()
            choice.first.click()
        else:
            p.click("[data-say='skip']")
        # A locator wait, not wait_for_function: the page's CSP forbids evaluating strings.
        p.locator("#messages .msg.bot").nth(count).wait_for()
    assert p.is_visible("#done"), "the interview did not finish"
    assert clicked_choice is not None, "no question offered buttons"
    assert f"Recorded: {clicked_choice}".lower() in p.inner_text("#messages").lower()
    assert _progress(p) == 100 > before
    ARTIFACTS.mkdir(exist_ok=True)
    p.screenshot(path=str(ARTIFACTS / "web-chat.png"), full_page=True)

    # A viewer opens the results page: the report, live.
    p.click("#sign-out")
    _sign_in(p, viewer := _key(sample, "viewer"))
    p.goto(f"{server.url}/#/results")
    report = p.frame_locator("#report")
    top_row = report.locator("tr[data-rank='1']")
    top_row.wait_for()
    shown = top_row.get_attribute("data-domain")
    score = httpx.get(
        f"{server.url}/v1/orgs/{org}/score", headers={"Authorization": f"Bearer {viewer}"}
    ).json()
    assert shown == score["domains"][0]["key"]
    assert p.get_attribute("#top-domain", "data-domain") == shown
    assert score["domains"][0]["label"] in p.inner_text("#top-domain")
    p.screenshot(path=str(ARTIFACTS / "web-results.png"), full_page=False)

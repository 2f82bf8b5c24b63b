"""Shared pieces of the browser tests: Debian's Chromium under Playwright, screenshots, axe-core.

Playwright never downloads a browser here: it drives /usr/bin/chromium (or `OIAR_CHROMIUM`).
Without Chromium the browser tests skip, unless `OIAR_REQUIRE_BROWSER=1` (set by .ci/run),
where a missing browser is a failure: CI must never pass by skipping the web front end.

Screenshots go to tests/artifacts/ (git-ignored), or to `OIAR_SCREENSHOTS` (`make screenshots`
points it at docs/screenshots/). Both are read at import: the suite's isolation clears OIAR_*.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("OIAR_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_BROWSER = os.environ.get("OIAR_REQUIRE_BROWSER", "") == "1"
SCREENSHOTS = Path(
    os.environ.get("OIAR_SCREENSHOTS") or Path(__file__).parents[2] / "artifacts"
).resolve()
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
DESKTOP = {"width": 1280, "height": 860}
MOBILE = {"width": 390, "height": 844}


def browser_available() -> bool:
    if CHROMIUM.exists():
        return True
    if REQUIRE_BROWSER:
        pytest.fail(f"OIAR_REQUIRE_BROWSER=1 but {CHROMIUM} is missing: apt-get install chromium")
    return False


needs_browser = pytest.mark.skipif(
    not browser_available(), reason=f"{CHROMIUM} is missing: apt-get install chromium"
)


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium; close it by leaving the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, viewport: dict[str, int] = DESKTOP, **options: Any) -> Any:
    """A page in a fresh context (its own cookies), with the suite's default timeout."""
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def snap(page: Any, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot as `<name>.png` where reviewers look for them."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2 A/AA violations on the page as it stands, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]

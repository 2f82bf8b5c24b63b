"""The respondent chat's first page load and time to first question. Prints figures; asserts
nothing.

Serves the app (uvicorn on loopback, a throwaway SQLite store with the sample company) and:
1. first page load: /chat and every stylesheet and script it links, in bytes as sent (target:
   under 100 KB together; the GET /web/session it preloads is data, not page weight);
2. time to first question in headless Chromium: from the start of navigation to an invitation
   link (`/i/<token>`, which sets the session cookie and redirects to /chat) to the page's
   `oiar:first-question` performance mark (the question on screen), for a new interview (the
   page starts it) and for a resumed one (the link opened again). Target: under 300 ms.

Usage: python bench/bench_web.py [--runs 10]
Chromium: /usr/bin/chromium, or OIAR_CHROMIUM.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import statistics
import tempfile
from pathlib import Path
from typing import Any

import httpx

from assistant.api.app import create_app
from assistant.api.server import BackgroundServer
from assistant.config import Settings
from assistant.reports.sample import seed_sample
from tools import admin
from tools.store import Store

CHROMIUM = os.environ.get("OIAR_CHROMIUM", "/usr/bin/chromium")
PAGE_BUDGET_BYTES = 100 * 1024
FIRST_QUESTION_BUDGET_MS = 300.0
_ASSET = re.compile(r'(?:href|src)="(/web/[^"]+\.(?:css|js))"')
_MARK = "oiar:first-question"


def page_weight(url: str) -> list[tuple[str, int, int]]:
    """(path, bytes, gzip -6 bytes) of /chat and each asset it links."""
    with httpx.Client(base_url=url) as client:
        html = client.get("/chat").content
        rows = [("/chat", html)]
        for path in _ASSET.findall(html.decode()):
            response = client.get(path)
            response.raise_for_status()
            rows.append((path, response.content))
    return [(path, len(body), len(gzip.compress(body, 6))) for path, body in rows]


def _invite(url: str, key: str, org: str, store: Store, caller: Any, n: int) -> str:
    person = admin.add_respondent(
        store, caller, org, name=f"Bench Person {n}", role="COO", department="Operations"
    )
    response = httpx.post(
        f"{url}/v1/orgs/{org}/invites",
        json={"respondent_id": person.id},
        headers={"Authorization": f"Bearer {key}"},
    )
    response.raise_for_status()
    return str(response.json()["url"])


def _first_question_ms(context: Any, link: str) -> float:
    page = context.new_page()
    page.goto(link)
    page.locator("#messages .msg.bot").first.wait_for()
    mark = page.evaluate(f"performance.getEntriesByName({_MARK!r})[0].startTime")
    page.close()
    return float(mark)


def time_to_first_question(
    url: str, key: str, org: str, store: Store, caller: Any, runs: int
) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    timings: dict[str, list[float]] = {"new interview": [], "resumed": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            for n in range(runs + 1):  # the first run warms the server and the browser
                link = _invite(url, key, org, store, caller, n)
                context = browser.new_context(viewport={"width": 1280, "height": 860})
                fresh = _first_question_ms(context, link)
                again = _first_question_ms(context, link)
                context.close()
                if n:
                    timings["new interview"].append(fresh)
                    timings["resumed"].append(again)
        finally:
            browser.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(f"sqlite:///{Path(folder, 'bench.db').as_posix()}")
        org, caller = seed_sample(store)
        key = admin.create_key(store, caller, org.id, role="admin").key
        assert key is not None
        app = create_app(Settings(_env_file=None, rate_limit_per_minute=0), store=store)
        with BackgroundServer(app) as server:
            weight = page_weight(server.url)
            timings = time_to_first_question(server.url, key, org.id, store, caller, args.runs)
        store.dispose()

    print("first page load of /chat (as sent; gzip -6 for reference)")
    for path, size, packed in weight:
        print(f"  {path:<20}{size:>9,} B{packed:>9,} B gz")
    total, packed = sum(r[1] for r in weight), sum(r[2] for r in weight)
    verdict = "within" if total < PAGE_BUDGET_BYTES else "OVER"
    print(f"  {'total':<20}{total:>9,} B{packed:>9,} B gz   ({verdict} the 100 KB target)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\ntime to first question, navigation start -> question on screen ({args.runs} runs;"
        f" load average {load} on {os.cpu_count()} cores)"
    )
    for name, values in timings.items():
        ms = sorted(values)
        p50, worst = statistics.median(ms), ms[-1]
        verdict = "within" if p50 < FIRST_QUESTION_BUDGET_MS else "OVER"
        print(
            f"  {name:<15} p50 {p50:6.0f} ms   max {worst:6.0f} ms   "
            f"({verdict} the 300 ms target at p50)"
        )


if __name__ == "__main__":
    main()

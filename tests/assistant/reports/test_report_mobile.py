"""The HTML report on a 390 px phone in Chromium: the page reflows (no sideways page scroll),
wide tables scroll inside their own box, and the figure cards sit two abreast."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from report_support import Sample

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))

from browser_support import MOBILE, chromium, needs_browser, new_page, snap  # noqa: E402

from assistant.reports import org_report, render  # noqa: E402

pytestmark = needs_browser
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def test_report_reflows_at_390_px(sample: Sample, tmp_path: Path) -> None:
    page_file = tmp_path / "report.html"
    report = org_report(sample.store, sample.admin, sample.org.id)
    page_file.write_bytes(render(report, "html").content)

    with chromium() as browser:
        page = new_page(browser, MOBILE)
        page.goto(page_file.as_uri())
        width = page.evaluate("document.scrollingElement.scrollWidth")
        cards = page.evaluate(
            "[...document.querySelectorAll('.kpi')].map(k => k.getBoundingClientRect().right)"
        )
        boxes = page.evaluate(
            "[...document.querySelectorAll('.scroll')].map(s => s.getBoundingClientRect().right)"
        )
        snap(page, "report-mobile")

    assert width <= MOBILE["width"]
    assert cards and max(cards) <= MOBILE["width"]
    assert boxes and max(boxes) <= MOBILE["width"]

"""The HTML report printed to PDF by Chromium, as a board pack is made: page one carries the
recommendation, every page's footer has the company, the date and "Page n of N", and the
sample company's four-respondent report stays short (no page broken for nothing)."""

from __future__ import annotations

import re
import sys
from io import BytesIO
from pathlib import Path

import pytest
from report_support import Sample

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))

from browser_support import chromium, needs_browser, new_page  # noqa: E402

from assistant.reports import org_report, render  # noqa: E402

pytestmark = needs_browser
pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed")

# Measured 15 Letter pages before page one and the break rules were reworked, 13 after.
MAX_PAGES = 14


def test_printed_report_has_a_footer_on_every_page_and_the_recommendation_first(
    sample: Sample, tmp_path: Path
) -> None:
    page_file = tmp_path / "report.html"
    report = org_report(sample.store, sample.admin, sample.org.id)
    page_file.write_bytes(render(report, "html").content)

    with chromium() as browser:
        page = new_page(browser)
        page.goto(page_file.as_uri())
        # As a person prints it: Letter, the page's own CSS margins and footer.
        pdf = page.pdf(format="Letter", prefer_css_page_size=True)

    pages = [p.extract_text() or "" for p in pypdf.PdfReader(BytesIO(pdf)).pages]
    assert 1 < len(pages) <= MAX_PAGES
    for number, text in enumerate(pages, start=1):
        flat = re.sub(r"\s+", " ", text)
        assert f"Page {number} of {len(pages)}" in flat, (number, flat[-200:])
        assert sample.org.name in flat, number
    first = re.sub(r"\s+", " ", pages[0])
    top = report.domains[0]
    assert top.label in first  # the constraint, by name
    assert "P10" in first
    assert report.model_version in first

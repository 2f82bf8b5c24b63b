"""The governance section of the board report on the sample company with its governance data."""

from __future__ import annotations

import io
from collections.abc import Iterator
from html import escape
from pathlib import Path

import openpyxl
import pytest
from report_support import Sample, open_sample

from assistant.reports import org_report, render
from assistant.reports.governance import seam_heatmap_png
from scoring.explain import money
from tools import governance
from tools.governance import sample as governance_sample


@pytest.fixture(scope="module")
def governed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sample]:
    sample = open_sample(tmp_path_factory.mktemp("governed"))
    governance_sample.seed_governance(
        sample.store, sample.admin, sample.org.id, governance_sample.load_sample_governance()
    )
    yield sample
    sample.store.dispose()


def test_report_governance_section_matches_the_outputs(governed: Sample) -> None:
    report = org_report(governed.store, governed.admin, governed.org.id)
    section = report.governance
    assert section is not None
    assert section.seams is not None and section.seams.total_annual_cost == 504_000
    assert section.decisions is not None and section.decisions.rows[0].annual_cost == 315_000
    assert section.constraint.stage == "production"
    assert [i.name for i in section.investments.initiatives][-1] == "AI routing pilot"
    # The score the report shows is the one the seams and decisions fed, counted once.
    assert section.investments.baseline_total == report.summary.mean


def test_one_total_across_table_report_governance_and_chat(governed: Sample) -> None:
    """A CFO reading the ranked table, the report, the governance view and the chat reply
    sees one total, and the seam map and decision rows quote the driver they stand in for."""
    from tools import analysis

    report = org_report(governed.store, governed.admin, governed.org.id)
    scored = analysis.score_organization(governed.store, governed.admin, governed.org.id)
    view = governance.report(governed.store, governed.admin, governed.org.id)
    drivers = {d.key: d.mean for domain in scored.domains for d in domain.drivers}

    assert report.summary.mean == scored.total.mean == view.score.total.mean
    assert view.ai_velocity.now_total == view.investments.baseline_total == scored.total.mean
    assert view.seams is not None and view.seams.priced_annual_cost == drivers["handoff_failure"]
    assert view.decisions is not None
    assert view.decisions.priced_annual_cost == drivers["cadence_misfit"]
    assert {d.driver: d.mean for d in view.constraint.drags} == {
        k: v for k, v in drivers.items() if k in {d.driver for d in view.constraint.drags}
    }


def test_report_html_and_markdown_carry_governance(governed: Sample) -> None:
    report = org_report(governed.store, governed.admin, governed.org.id)
    html = render(report, "html").content.decode()
    assert '<section id="governance"' in html
    assert "<svg" in html.split('<section id="governance"')[1]
    assert "Seam-risk map" in html and "pause: does not relieve the constraint" in html
    markdown = render(report, "md").content.decode()
    assert "## Execution governance" in markdown
    assert "Operations → Transport: 5 a month × $4.5k = $270k a year" in markdown


def test_report_workbook_has_governance_sheets(governed: Sample) -> None:
    report = org_report(governed.store, governed.admin, governed.org.id)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx").content), read_only=True)
    sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book}
    book.close()

    assert {"Constraint", "Seams", "Decisions", "Initiatives"} <= set(sheets)
    seams = sheets["Seams"]
    assert seams[0][:5] == ["From", "To", "Failures a month", "Cost per failure", "Annual cost"]
    assert sum(row[4] for row in seams[1:]) == 504_000
    decisions = sheets["Decisions"]
    assert decisions[1][0] == "Capex approval" and decisions[1][5] == 315_000
    initiatives = sheets["Initiatives"]
    assert initiatives[-1][1] == "AI routing pilot"
    assert initiatives[-1][6] == "pause: does not relieve the constraint"
    assert sheets["Constraint"][1][4] in {d.label for d in report.domains}


def test_report_page_one_names_the_constraint_and_top_three_investments(
    governed: Sample,
) -> None:
    report = org_report(governed.store, governed.admin, governed.org.id)
    html = render(report, "html").content.decode()
    page_one = html[: html.index('<section id="summary"')]
    top, cur = report.domains[0], report.currency
    assert report.governance is not None
    ranked = report.governance.investments.initiatives
    assert f"The constraint is {escape(top.label)}: about {money(top.mean, cur)} a year" in page_one
    assert f"(P10–P90 {money(top.p10, cur)}–{money(top.p90, cur)})" in page_one
    for initiative in ranked[:3]:
        assert escape(f"{initiative.name}: relieves {money(initiative.relieved, cur)}") in page_one
    assert 'id="fact-round">Round: <b>no round</b>' in page_one
    assert f"<b>{report.model_version}</b>" in page_one
    markdown = render(report, "md").content.decode()
    assert markdown.index("## Recommendation") < markdown.index("## Executive summary")
    assert f"1. {ranked[0].name}: relieves {money(ranked[0].relieved, cur)}" in markdown


def test_seam_heatmap_png_is_deterministic(governed: Sample, tmp_path: Path) -> None:
    seams = governance.report(governed.store, governed.admin, governed.org.id).seams
    assert seams is not None
    first, second = seam_heatmap_png(seams, "USD"), seam_heatmap_png(seams, "USD")
    assert first[:8] == b"\x89PNG\r\n\x1a\n" and first == second

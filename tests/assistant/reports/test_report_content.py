"""Report content on the sample company: figures equal the scoring output in every format,
every assumption is listed, the HTML is one file with nothing external, attribution holds."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path

import openpyxl
import pytest
from report_support import Sample, open_sample

from assistant.reports import CATEGORIES, FORMATS, org_report, render
from assistant.reports.charts import ranked_png, ranked_svg
from assistant.reports.markdown import summary_mrkdwn
from scoring import ScoreResult
from scoring.explain import money
from tools import analysis
from tools import campaigns as cmp
from tools.campaigns import MemberIn
from tools.errors import ForbiddenError

NAMES = ("Dana Ruiz", "Marcus Chen", "Priya Nair", "Tom Becker")


@pytest.fixture(scope="module")
def result(sample: Sample) -> ScoreResult:
    return analysis.score_organization(sample.store, sample.admin, sample.org.id)


def _html(sample: Sample) -> str:
    return render(org_report(sample.store, sample.admin, sample.org.id), "html").content.decode()


def _workbook_text(content: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    sheets = {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book}
    book.close()
    return sheets


def test_report_summary_equals_scoring_output(sample: Sample, result: ScoreResult) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)

    s, t = report.summary, result.total
    assert (s.mean, s.p10, s.p50, s.p90) == (t.mean, t.p10, t.p50, t.p90)
    assert s.bps_of_revenue == t.bps_of_revenue
    assert s.share_of_operating_income == t.share_of_operating_income
    assert [h.domain for h in s.top] == [d.key for d in result.domains[:3]]
    assert [d.key for d in report.domains] == [d.key for d in result.domains]
    assert [d.mean for d in report.domains] == [d.mean for d in result.domains]
    assert (report.model_version, report.input_sha256) == (
        result.model_version,
        result.input_sha256,
    )


def test_report_html_shows_the_scored_totals_and_ranking(
    sample: Sample, result: ScoreResult
) -> None:
    html = _html(sample)

    t = result.total
    sentence = re.search(r'<p class="lead" id="total-sentence">(.*?)</p>', html)
    assert sentence is not None
    assert f"about {money(t.mean, 'USD')} a year" in sentence.group(1)
    assert f"(P10–P90 {money(t.p10, 'USD')}–{money(t.p90, 'USD')})" in sentence.group(1)
    assert f"{t.bps_of_revenue:.0f} bps of revenue" in sentence.group(1)
    assert f"{t.share_of_operating_income:.0%} of operating income" in sentence.group(1)
    ranks = re.findall(r'<tr data-rank="(\d)" data-domain="(\w+)">', html)
    assert ranks == [(str(d.rank), d.key) for d in result.domains]
    assert result.input_sha256 in html and result.model_version in html
    for domain in result.domains:
        assert f'id="domain-{domain.key}"' in html


def test_report_flags_a_total_above_the_plausibility_band_before_the_ranking(
    sample: Sample, result: ScoreResult
) -> None:
    """The sample claims well above the material-leakage band: every format says so first."""
    block = result.plausibility
    assert block is not None and block.status in ("above_band", "above_ceiling")
    html = _html(sample)
    found = re.search(r'<section id="plausibility"[^>]*data-status="(\w+)">(.*?)</section>', html)
    assert found is not None and found.group(1) == block.status
    assert html.index('id="plausibility"') < html.index('data-rank="1"')
    for domain in block.check:
        assert domain.label in found.group(2)
    report = org_report(sample.store, sample.admin, sample.org.id)
    markdown = render(report, "md").content.decode()
    assert "## Plausibility" in markdown
    assert markdown.index("## Plausibility") < markdown.index("## Ranked domains")
    assert block.summary in summary_mrkdwn(report)


def test_report_every_format_carries_the_total(sample: Sample, result: ScoreResult) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)
    t = result.total

    md = render(report, "md").content.decode()
    assert report.summary.sentence in md
    rows = list(csv.DictReader(io.StringIO(render(report, "csv").content.decode())))
    # The ranked table holds no total row: its domains add up to the total.
    assert [r["Domain"] for r in rows] == [d.label for d in result.domains]
    assert round(sum(float(r["Mean a year"]) for r in rows), 2) == t.mean
    assert json.loads(render(report, "json").content)["summary"]["mean"] == t.mean
    sheets = _workbook_text(render(report, "xlsx").content)
    assert set(sheets) == {
        "Summary",
        "Domains",
        "Drivers",
        "Inputs",
        "Assumptions",
        "Respondents",
        "Disagreements",
        "Ledger",
        "Year loss",
        "Constraint",  # inferred: nobody here named one
    }
    fields = {row[0]: row[1] for row in sheets["Summary"][1:]}
    assert fields["Operating income at risk, mean a year"] == t.mean
    assert fields["Revenue"] == report.revenue  # a number, not the text "85000000.0"
    assert fields["Input SHA-256"] == result.input_sha256
    # The CSV and the Domains sheet share their column names.
    assert list(rows[0]) == sheets["Domains"][0]


def test_report_lists_every_assumption_used(sample: Sample, result: ScoreResult) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)
    html = render(report, "html").content.decode()
    md = render(report, "md").content.decode()
    sheets = _workbook_text(render(report, "xlsx").content)

    assert result.assumptions, "the sample leaves some inputs to benchmarks"
    assert [a.key for a in report.assumptions] == [a.key for a in result.assumptions]
    for assumption in result.assumptions:
        assert escape(assumption.label) in html
        assert assumption.label in md
    assert [row[0] for row in sheets["Assumptions"][1:]] == [a.label for a in result.assumptions]


def test_report_categories_add_up_to_each_domain(sample: Sample) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)

    for domain in report.domains:
        assert set(domain.categories) == set(CATEGORIES)
        assert sum(domain.categories.values()) == pytest.approx(domain.mean, abs=0.05)


def test_report_drivers_show_formula_inputs_and_who_said_what(sample: Sample) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)
    html = render(report, "html").content.decode()

    lb = next(d for d in report.domains if d.key == "leadership_bandwidth")
    latency = next(x for x in lb.drivers if x.key == "decision_latency")
    escalated = next(i for i in latency.inputs if i.key == "escalated_decisions_per_month")
    speakers = {s.speaker: s for s in escalated.statements}
    assert set(speakers) == {"Dana Ruiz, COO (Operations)", "Marcus Chen, CFO (Finance)"}
    assert speakers["Dana Ruiz, COO (Operations)"].answer == "about 6 a month"
    quote = speakers["Dana Ruiz, COO (Operations)"].quote
    assert quote is not None and quote.startswith("Anything over $25k")
    assert escape(latency.formula) in html
    assert escape(quote) in html
    assert report.disagreements and report.disagreements[0].summary.replace("×", "") != ""
    assert {c.department for c in report.departments} == {"Finance", "IT", "Operations", "People"}


def test_report_html_is_one_file_with_no_external_url(sample: Sample) -> None:
    html = _html(sample)

    assert html.startswith("<!DOCTYPE html>")
    assert "<style>" in html and "<svg" in html
    assert re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE) is None
    for external in ("<script", "<link", "<img", "<iframe", "src=", "@import"):
        assert external not in html
    # The chart's clip paths refer to its own ids; nothing else is referred to.
    assert set(re.findall(r"url\((.)", html)) <= {"#"}
    assert set(re.findall(r'href="(.)', html)) <= {"#"}


def test_report_renderings_are_deterministic(sample: Sample) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)

    assert ranked_svg(report) == ranked_svg(report)
    assert ranked_png(report) == ranked_png(report)
    for fmt in FORMATS:
        if fmt != "xlsx":  # a workbook's zip entries carry the time it was written
            assert render(report, fmt).content == render(report, fmt).content


def test_report_chart_labels_every_domain_in_rank_order(sample: Sample) -> None:
    report = org_report(sample.store, sample.admin, sample.org.id)

    svg = ranked_svg(report)
    positions = [svg.index(f"{d.rank}. {escape(d.label)}") for d in report.domains]
    # Bars are drawn bottom-up: the top-ranked label comes last in the file.
    assert positions == sorted(positions, reverse=True)


def test_report_slack_summary_has_total_and_top_three(sample: Sample, result: ScoreResult) -> None:
    text = summary_mrkdwn(org_report(sample.store, sample.admin, sample.org.id))

    assert f"About *{money(result.total.mean, 'USD')} a year*" in text
    for rank, domain in enumerate(result.domains[:3], start=1):
        assert f"\n{rank}. {domain.label}: about " in text


def test_report_needs_a_role_that_reads_score_detail(sample: Sample) -> None:
    with pytest.raises(ForbiddenError):
        org_report(sample.store, replace(sample.admin, role="respondent"), sample.org.id)


def test_report_department_only_never_names_anyone(tmp_path: Path) -> None:
    hidden = open_sample(tmp_path)
    try:
        with hidden.store.read() as session:
            from tools.store import people

            members = [
                MemberIn(respondent_id=r.id)
                for r in people.list_respondents(session, hidden.org.id)
            ]
        now = datetime(2026, 11, 1, tzinfo=UTC)
        cmp.create_campaign(
            hidden.store,
            hidden.admin,
            hidden.org.id,
            name="Candid",
            due_at=now + timedelta(days=10),
            attribution="department",
            members=members,
            now=now,
        )
        report = org_report(hidden.store, hidden.admin, hidden.org.id)
        outputs = [render(report, fmt).content for fmt in ("html", "md", "csv", "json")]
        sheets = _workbook_text(render(report, "xlsx").content)
        outputs.append(json.dumps(sheets, default=str).encode())
    finally:
        hidden.store.dispose()

    for content in outputs:
        text = content.decode()
        for name in NAMES:
            assert name not in text
            assert name.split()[0] not in text
    assert "a leader in Operations" in outputs[0].decode()


def test_report_speaks_the_organization_currency() -> None:
    from factories import make_input

    from assistant.reports import build_report
    from scoring import score

    report = build_report(score(make_input(currency="EUR", draws=500)))

    html = render(report, "html").content.decode()
    md = render(report, "md").content.decode()
    assert f"about {money(report.summary.mean, 'EUR')} a year" in html
    assert money(report.summary.mean, "EUR").startswith("€")
    assert "€" in ranked_svg(report)  # the chart's axis
    assert "$" not in html and "$" not in md


def test_report_shows_the_ledger_and_a_years_loss_curve_from_the_score(
    sample: Sample, result: ScoreResult
) -> None:
    annual, ledger = result.annual_loss, result.ledger
    assert annual is not None and ledger is not None
    html = _html(sample)
    section = re.search(r'<section id="annual-loss"[^>]*>(.*?)</section>', html, re.S)
    assert section is not None and "<svg" in section.group(1)
    for point in annual.exceedance:
        assert money(point.loss, result.currency) in section.group(1)
    found = re.search(r'<section id="ledger"[^>]*>(.*?)</section>', html, re.S)
    assert found is not None
    for amount in (ledger.cash, ledger.contribution, ledger.capacity):
        assert money(amount, result.currency) in found.group(1)
    report = org_report(sample.store, sample.admin, sample.org.id)
    markdown = render(report, "md").content.decode()
    assert "## A year's loss and its tail" in markdown and "## The ledger" in markdown
    assert "1 year in 100" in markdown


def test_xlsx_ledger_sheet_adds_up_to_the_total_and_carries_the_year_curve(
    sample: Sample, result: ScoreResult
) -> None:
    import openpyxl

    report = org_report(sample.store, sample.admin, sample.org.id)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx").content), read_only=True)
    ledger = list(book["Ledger"].iter_rows(min_row=2, values_only=True))
    curve = list(book["Year loss"].iter_rows(min_row=2, values_only=True))
    book.close()
    assert round(sum(float(row[2]) for row in ledger), 2) == result.total.mean
    assert result.annual_loss is not None
    assert [(float(c), float(loss)) for c, loss in curve] == [
        (p.probability, p.loss) for p in result.annual_loss.exceedance
    ]

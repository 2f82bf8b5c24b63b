"""The report as Markdown (email, wikis) and the short summary Slack shows in mrkdwn."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.reports.document import CATEGORIES, Report
from assistant.reports.front_page import recommendation_markdown
from assistant.reports.governance import governance_markdown
from assistant.reports.tails import tails_markdown
from assistant.reports.trend_page import trend_markdown
from scoring.explain import money
from scoring.plausibility import needs_attention, plausibility_text

TOP_DRIVERS = 3


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]], right: int = 0) -> list[str]:
    """A pipe table; the last `right` columns are right-aligned (figures)."""
    align = ["---"] * (len(headers) - right) + ["---:"] * right
    lines = ["| " + " | ".join(_cell(h) for h in headers) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def render_markdown(report: Report) -> str:
    """The full report: summary, ranking, categories, drivers, people, assumptions, audit."""
    r, cur, s = report, report.currency, report.summary
    out = [f"# {r.title}", ""]
    out += recommendation_markdown(r)
    out += [
        f"Revenue {money(r.revenue, cur)}; operating income {money(r.operating_income, cur)}; "
        f"annual figures in {cur}.",
        "",
        "## Executive summary",
        "",
        s.sentence,
        "",
    ]
    out += [f"{i}. {h.sentence}" for i, h in enumerate(s.top, start=1)] + [""]
    if r.plausibility is not None and needs_attention(r.plausibility):
        out += ["## Plausibility", "", plausibility_text(r.plausibility, cur), ""]
    out += ["## Ranked domains", ""]
    out += _table(
        ["#", "Domain", "Confidence", "Mean a year", "P10–P90", "bps", "Share"],
        [
            [
                d.rank,
                d.label,
                d.confidence,
                money(d.mean, cur),
                f"{money(d.p10, cur)}–{money(d.p90, cur)}",
                f"{d.bps_of_revenue:.0f}",
                _pct(d.share_of_total),
            ]
            for d in r.domains
        ],
        right=4,
    )
    out += [
        f"Together {money(s.mean, cur)} a year (P10–P90 {money(s.p10, cur)}–{money(s.p90, cur)}; "
        "the range of the total is not the sum of the domains' ranges).",
        "",
    ]
    out += tails_markdown(r.annual_loss, r.ledger, cur)
    used = [k for k in CATEGORIES if any(d.categories.get(k) for d in r.domains)]
    out += ["## Where it leaks", ""]
    out += _table(
        ["Domain", *(CATEGORIES[k] for k in used)],
        [
            [d.label, *(money(d.categories[k], cur) if d.categories.get(k) else "–" for k in used)]
            for d in r.domains
        ],
        right=len(used),
    )
    out += ["## Domains in detail", ""]
    for d in r.domains:
        out += [f"### {d.rank}. {d.label}: {money(d.mean, cur)} a year", "", d.explanation, ""]
        for driver in [x for x in d.drivers if x.mean > 0][:TOP_DRIVERS]:
            out += [
                f"**{driver.label}**: {money(driver.mean, cur)} a year "
                f"({driver.share_of_domain:.0%}); `{driver.formula}`",
                "",
            ]
            for i in driver.inputs:
                source = "answer" if i.source == "answer" else "assumption"
                out.append(f"- {i.label}: {i.shown} ({source})")
                for st in i.statements:
                    line = f"  - {st.speaker}: “{st.answer}”"
                    out.append(line + (f" — _{st.quote}_" if st.quote else ""))
            out.append("")
    out += ["## Respondents and coverage", ""]
    out += _table(
        ["Department", "People", "Answered", "Answers", "Domains covered"],
        [[c.department, c.people, c.answered, c.answers, len(c.domains)] for c in r.departments],
        right=4,
    )
    out += ["## Where departments disagree", ""]
    out += [f"- {g.summary}" for g in r.disagreements] or ["- No gap of 2× or more."]
    out += ["", "## Assumptions used", ""]
    out += _table(
        ["Input", "Value used", "Rationale", "Source"],
        [[a.label, a.shown, a.rationale, a.source] for a in r.assumptions],
    )
    if r.governance is not None:
        out += governance_markdown(r.governance, r.currency)
    if r.plan:
        out += [f"## 90-day sprint plan ({r.round})", ""]
        out += _table(
            ["Weeks", "Item", "Owner", "Status"],
            [[f"{i.start_week}-{i.due_week}", i.title, i.owner or "", i.status] for i in r.plan],
        )
    out += trend_markdown(r.trend, r.currency)
    out += ["## Methodology and audit", ""]
    out += [f"- {m}" for m in r.methodology]
    out += [
        "",
        f"Model `{r.model_version}` · input SHA-256 `{r.input_sha256}` · {r.draws:,} draws",
        "",
        f"Attribution: {r.attribution}",
        "",
    ]
    return "\n".join(out)


def summary_mrkdwn(report: Report) -> str:
    """What Slack shows: the total, the top three drags, one line each (Slack's mrkdwn)."""
    s, cur = report.summary, report.currency
    lines = [
        f"*Operating Income at Risk — {report.organization}*",
        f"About *{money(s.mean, cur)} a year* (P10–P90 {money(s.p10, cur)}–{money(s.p90, cur)}), "
        f"{s.bps_of_revenue:.0f} bps of revenue"
        + (
            f", {s.share_of_operating_income:.0%} of operating income."
            if s.share_of_operating_income is not None
            else "."
        ),
    ]
    if report.plausibility is not None and needs_attention(report.plausibility):
        lines.append(f":warning: _{report.plausibility.summary}_")
    lines += [f"{i}. {h.sentence}" for i, h in enumerate(s.top, start=1)]
    if report.disagreements:
        lines.append(f"_Where departments disagree:_ {report.disagreements[0].summary}")
    lines.append(
        f"_{len(report.assumptions)} inputs rest on benchmark assumptions · "
        f"{report.model_version} · input {report.input_sha256[:12]}_"
    )
    return "\n".join(lines)

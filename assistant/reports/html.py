"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, no URL.

It reads well on screen and prints to PDF from a browser (A4 or Letter): sections do not split
their headings from their content, and tables repeat their header rows across pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from assistant.reports import charts
from assistant.reports.document import (
    CATEGORIES,
    CATEGORY_SHORT,
    Report,
    ReportDomain,
    ReportDriver,
    ReportInput,
)
from assistant.reports.front_page import facts, print_footer_css, recommendation_html
from assistant.reports.governance import governance_html
from assistant.reports.tails import annual_loss_html, ledger_html
from assistant.reports.trend_page import plan_html, trend_html
from scoring.explain import money
from scoring.plausibility import needs_attention, plausibility_text

TOP_DRIVERS = 3
KEEP_ROWS = 14

CSS = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --accent:#2f6690; --warn:#b23a48; }
* { box-sizing: border-box; }
body { font: 14px/1.45 "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 980px; padding: 32px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid
  var(--accent); break-after: avoid; }
h3 { font-size: 16px; margin: 22px 0 6px; break-after: avoid; }
h4 { font-size: 14px; margin: 14px 0 4px; break-after: avoid; }
p { margin: 6px 0; }
.meta, .muted { color: var(--muted); font-size: 12px; }
.kpis { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px;
  margin: 14px 0; break-inside: avoid; }
.facts { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 6px 0 0; padding: 0;
  list-style: none; color: var(--muted); font-size: 12px; }
.facts b { color: var(--ink); font-weight: 600; }
#recommendation { border: 1px solid var(--line); border-left: 4px solid var(--accent);
  border-radius: 6px; padding: 2px 16px 8px; margin-top: 18px; }
#recommendation h2 { border: 0; margin-top: 12px; }
.scroll { overflow-x: auto; max-width: 100%; }
.keep, .scroll.keep, figure, .chart { break-inside: avoid; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.warning { border-left: 4px solid #b45309; background: #fffbeb; padding: 4px 14px; }
.kpi .value { font-size: 22px; font-weight: 700; }
.kpi .label { font-size: 11px; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; }
.lead { font-size: 15px; }
ol.top li { margin: 4px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 14px; font-size: 12.5px; }
thead { display: table-header-group; }
th, td { text-align: left; padding: 5px 7px; border-bottom: 1px solid var(--line);
  vertical-align: top; }
th { background: #f5f7fa; font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
tr.total td { font-weight: 700; border-top: 2px solid var(--ink); }
table.categories td:first-child { white-space: nowrap; }
.chart svg { width: 100%; height: auto; }
.driver { border-left: 3px solid var(--line); padding: 2px 0 2px 12px; margin: 10px 0;
  break-inside: avoid; }
.formula { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px;
  background: #f5f7fa; padding: 2px 6px; border-radius: 3px; }
.tag { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 9px;
  border: 1px solid var(--line); color: var(--muted); }
.tag.assumption { color: var(--warn); border-color: var(--warn); }
blockquote { margin: 4px 0 4px 0; padding: 2px 10px; border-left: 3px solid var(--accent);
  color: #3e4c59; font-style: italic; }
.said { font-size: 12.5px; }
section.domain { break-inside: auto; }
code, .formula { font-size: 12px; overflow-wrap: anywhere; }
@media (max-width: 640px) {
  body { padding: 16px 14px 32px; }
  h1 { font-size: 22px; }
  .kpis { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .kpi .value { font-size: 18px; }
}
@media print {
  body { padding: 0; max-width: none; font-size: 11px; line-height: 1.35; }
  h2 { font-size: 16px; margin: 18px 0 6px; }
  h3 { font-size: 14px; margin: 14px 0 4px; }
  h4 { margin: 8px 0 3px; }
  table { font-size: 10.5px; margin: 4px 0 8px; }
  th, td { padding: 3px 5px; }
  .driver { margin: 6px 0; }
  blockquote { margin: 2px 0; }
  .scroll { overflow: visible; }
  .chart svg, svg.chart { max-height: 60mm; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _table(headers: Sequence[tuple[str, bool]], rows: Sequence[str], *, cls: str = "") -> str:
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if num else f"<th>{_e(h)}</th>" for h, num in headers
    )
    klass = f' class="{cls}"' if cls else ""
    body = "".join(rows)
    # A short table stays on one printed page; a long one breaks between rows.
    keep = " keep" if len(rows) <= KEEP_ROWS else ""
    return (
        f'<div class="scroll{keep}"><table{klass}><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _td(value: object, *, num: bool = False) -> str:
    return f'<td class="num">{_e(value)}</td>' if num else f"<td>{_e(value)}</td>"


def _header(r: Report) -> str:
    listed = "".join(
        f'<li id="fact-{_e(k.lower())}">{_e(k)}: <b>{_e(v)}</b></li>' for k, v in facts(r)
    )
    return (
        f"<header><h1>{_e(r.title)}</h1>"
        f'<ul class="facts">{listed}</ul>'
        f'<p class="meta">Revenue {_e(money(r.revenue, r.currency))} · operating income '
        f"{_e(money(r.operating_income, r.currency))} · figures are annual, in {_e(r.currency)}"
        f" · input {_e(r.input_sha256[:12])}</p></header>"
    )


def _summary(r: Report) -> str:
    s, cur = r.summary, r.currency
    kpis = [
        ("Operating income at risk", f"{money(s.mean, cur)} a year"),
        ("P10–P90 range", f"{money(s.p10, cur)}–{money(s.p90, cur)}"),
        ("Of revenue", f"{s.bps_of_revenue:.0f} bps"),
        ("Of operating income", _pct(s.share_of_operating_income)),
    ]
    cards = "".join(
        f'<div class="kpi"><div class="label">{_e(k)}</div><div class="value">{_e(v)}</div></div>'
        for k, v in kpis
    )
    top = "".join(f'<li data-domain="{_e(h.domain)}">{_e(h.sentence)}</li>' for h in s.top)
    return (
        '<section id="summary" class="keep"><h2>Executive summary</h2>'
        f'<p class="lead" id="total-sentence">{_e(s.sentence)}</p>'
        f'<div class="kpis">{cards}</div>'
        f'<h4>The three largest sources of loss</h4><ol class="top">{top}</ol></section>'
    )


def _plausibility(r: Report) -> str:
    """Shown above the figures it qualifies, whenever the total is above the band."""
    p = r.plausibility
    if not needs_attention(p):
        return ""
    assert p is not None
    lines = plausibility_text(p, r.currency).split("\n")
    items = "".join(f"<li>{_e(line.removeprefix('• '))}</li>" for line in lines[1:])
    return (
        f'<section id="plausibility" class="warning" data-status="{_e(p.status)}">'
        f"<h2>Plausibility</h2><p>{_e(lines[0])}</p><ul>{items}</ul></section>"
    )


def _ranked(r: Report) -> str:
    cur = r.currency
    rows = [
        f'<tr data-rank="{d.rank}" data-domain="{_e(d.key)}">'
        + _td(d.rank, num=True)
        + _td(d.label)
        + _td(money(d.mean, cur), num=True)
        + _td(f"{money(d.p10, cur)}–{money(d.p90, cur)}", num=True)
        + _td(f"{d.bps_of_revenue:.0f}", num=True)
        + _td(_pct(d.share_of_total), num=True)
        + _td(d.confidence)
        + _td(_pct(d.coverage), num=True)
        + _td(d.respondents, num=True)
        + "</tr>"
        for d in r.domains
    ]
    headers = [
        ("#", True),
        ("Domain", False),
        ("Mean a year", True),
        ("P10–P90", True),
        ("bps", True),
        ("Share", True),
        ("Confidence", False),
        ("Answered", True),
        ("People", True),
    ]
    return (
        '<section id="ranking"><h2>Ranked domains</h2>'
        f'<div class="chart" role="img" aria-label="Ranked domains chart">'
        f"{charts.ranked_svg(r)}</div>"
        + _table(headers, rows, cls="ranked")
        + f'<p class="muted">Together {_e(money(r.summary.mean, cur))} a year (P10–P90 '
        f"{_e(money(r.summary.p10, cur))}–{_e(money(r.summary.p90, cur))}: the range of the "
        "total is not the sum of the domains' ranges). "
        "P10–P90: eight chances in ten the figure lies in this range. "
        "Answered: share of the domain's value resting on answers rather than assumptions."
        "</p></section>"
    )


def _categories(r: Report) -> str:
    cur = r.currency
    used = [k for k in CATEGORIES if any(d.categories.get(k) for d in r.domains)]
    rows = []
    for d in r.domains:
        cells = "".join(
            _td(money(d.categories[k], cur) if d.categories.get(k) else "–", num=True) for k in used
        )
        rows.append(f"<tr>{_td(d.label)}{cells}{_td(money(d.mean, cur), num=True)}</tr>")
    totals = "".join(
        _td(money(sum(d.categories.get(k, 0.0) for d in r.domains), cur), num=True) for k in used
    )
    rows.append(
        f'<tr class="total"><td>Total</td>{totals}{_td(money(r.summary.mean, cur), num=True)}</tr>'
    )
    headers = [("Domain", False), *((CATEGORY_SHORT[k], True) for k in used), ("Total", True)]
    return (
        '<section id="categories"><h2>Where it leaks</h2>'
        "<p>Each domain's mean by leakage category: the five finance pools, latent risks "
        "(expected losses), and what no pool holds by kind of money: cash, lost sales at the "
        "contribution margin, and paid hours at the share that could be redeployed.</p>"
        + _table(headers, rows, cls="categories")
        + f'<div class="chart">{charts.categories_svg(r)}</div></section>'
    )


def _input_row(i: ReportInput, cur: str) -> str:
    tag = (
        '<span class="tag">answer</span>'
        if i.source == "answer"
        else '<span class="tag assumption">assumption</span>'
    )
    said = "".join(
        f'<div class="said"><b>{_e(st.speaker)}</b>: “{_e(st.answer)}”'
        + (f"<blockquote>{_e(st.quote)}</blockquote>" if st.quote else "")
        + "</div>"
        for st in i.statements
    )
    if not said and i.source == "assumption":
        said = '<span class="muted">benchmark assumption (see Assumptions)</span>'
    elif not said:  # e.g. the organization profile's labor cost
        said = f'<span class="muted">{_e(", ".join(i.respondents))}</span>'
    return f"<tr>{_td(i.label)}{_td(i.shown, num=True)}<td>{tag}</td><td>{said}</td></tr>"


def _driver(d: ReportDriver, cur: str) -> str:
    scaled = (
        f' <span class="tag assumption">pool share scaled ×{d.pool_scale:.2f}</span>'
        if d.pool_scale is not None and d.pool_scale < 0.999
        else ""
    )
    rows = [_input_row(i, cur) for i in d.inputs]
    return (
        f'<div class="driver"><h4>{_e(d.label)}: {_e(money(d.mean, cur))} a year '
        f'<span class="muted">({d.share_of_domain:.0%} of the domain)</span>{scaled}</h4>'
        f'<p><span class="formula">{_e(d.formula)}</span></p>'
        + _table(
            [("Input", False), ("Value", True), ("Source", False), ("Who said what", False)], rows
        )
        + "</div>"
    )


def _domain(d: ReportDomain, cur: str) -> str:
    drivers = [x for x in d.drivers if x.mean > 0][:TOP_DRIVERS] or d.drivers[:1]
    return (
        f'<section class="domain" id="domain-{_e(d.key)}">'
        f"<h3>{d.rank}. {_e(d.label)}: {_e(money(d.mean, cur))} a year</h3>"
        f'<p class="muted">P10–P90 {_e(money(d.p10, cur))}–{_e(money(d.p90, cur))} · '
        f"{d.bps_of_revenue:.0f} bps of revenue · {_e(d.confidence)} confidence · "
        f"{d.respondents} respondent{'s' if d.respondents != 1 else ''}</p>"
        f"<p>{_e(d.explanation)}</p>" + "".join(_driver(x, cur) for x in drivers) + "</section>"
    )


def _people(r: Report) -> str:
    rows = [
        f"<tr>{_td(c.department)}{_td(c.people, num=True)}{_td(c.answered, num=True)}"
        f"{_td(c.answers, num=True)}{_td(len(c.domains), num=True)}</tr>"
        for c in r.departments
    ]
    body = (
        _table(
            [
                ("Department", False),
                ("People", True),
                ("Answered", True),
                ("Answers", True),
                ("Domains covered", True),
            ],
            rows,
        )
        if rows
        else "<p>No respondents yet.</p>"
    )
    return f'<section id="respondents"><h2>Respondents and coverage</h2>{body}</section>'


def _disagreements(r: Report) -> str:
    if not r.disagreements:
        body = "<p>No department states a figure twice another's.</p>"
    else:
        rows = [
            f"<tr>{_td(g.label)}{_td(g.summary)}"
            + _td(f"{g.ratio:.1f}×" if g.ratio is not None else "—", num=True)
            + "</tr>"
            for g in r.disagreements
        ]
        body = _table([("Input", False), ("What differs", False), ("Ratio", True)], rows)
    return (
        '<section id="disagreements"><h2>Where departments disagree</h2>'
        "<p>A gap of 2× or more between departments is itself a seam signal: the same work "
        f"measured against conflicting targets.</p>{body}</section>"
    )


def _assumptions(r: Report) -> str:
    rows = [
        f"<tr>{_td(a.label)}{_td(a.shown, num=True)}{_td(a.rationale)}{_td(a.source)}"
        f"{_td(', '.join(a.domains))}</tr>"
        for a in r.assumptions
    ]
    pools = "".join(
        f"<li>{_e(p.label)}: drivers claim {p.claimed_share:.0%} of "
        f"{_e(money(p.amount, r.currency))}; each share was scaled by {p.scale:.2f}.</li>"
        for p in r.pools
        if p.scale < 0.999
    )
    note = f"<h4>Pool claims scaled</h4><ul>{pools}</ul>" if pools else ""
    return (
        '<section id="assumptions"><h2>Assumptions used</h2>'
        f"<p>{len(r.assumptions)} inputs nobody answered rest on these benchmark figures.</p>"
        + _table(
            [
                ("Input", False),
                ("Value used", True),
                ("Rationale", False),
                ("Source", False),
                ("Domains", False),
            ],
            rows,
            cls="assumptions",
        )
        + note
        + "</section>"
    )


def _methodology(r: Report) -> str:
    items = "".join(f"<li>{_e(m)}</li>" for m in r.methodology)
    return (
        '<section id="methodology"><h2>Methodology and audit</h2>'
        f"<ul>{items}</ul>"
        f'<p class="meta">Model <code id="model-version">{_e(r.model_version)}</code> · '
        f'input SHA-256 <code id="input-sha256">{_e(r.input_sha256)}</code> · '
        f"{r.draws:,} simulation draws</p>"
        f'<p class="meta" id="attribution">Attribution: {_e(r.attribution)}</p></section>'
    )


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    cur = report.currency
    domains = "".join(_domain(d, cur) for d in report.domains)
    body = (
        _header(report)
        + recommendation_html(report)
        + _summary(report)
        + _plausibility(report)
        + _ranked(report)
        + _categories(report)
        + ledger_html(report.ledger, cur)
        + annual_loss_html(report.annual_loss, cur)
        + f'<section id="domains"><h2>Domains in detail</h2>{domains}</section>'
        + _people(report)
        + _disagreements(report)
        + _assumptions(report)
        + (governance_html(report.governance, cur) if report.governance else "")
        + plan_html(report.round, report.plan, cur)
        + trend_html(report.trend, cur)
        + _methodology(report)
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(report.title)}</title><style>{CSS}{print_footer_css(report)}</style></head>"
        f"<body>{body}</body></html>\n"
    )

"""Page one of the report: the recommendation a board reads first, and every printed page's footer.

The recommendation is the constraint (the domain with the largest OIaR, with its P10–P90) and
the top three investments of the ranked investment sequence with the OIaR each relieves; then
the date, the round and the model version. Figures are copied from the report, never recomputed.

The footer uses CSS `@page` margin boxes, which Chromium draws in print and print-to-PDF since
version 131 (and which replace the browser's own URL-and-date header and footer): the company,
the date and "Page n of N" at the foot of every page.
"""

from __future__ import annotations

from html import escape

from assistant.reports.document import Report
from assistant.reports.naming import round_text
from scoring.explain import money
from scoring.governance import InitiativeResult

TOP_INVESTMENTS = 3
NO_INITIATIVES = (
    "No initiatives entered yet: add them (`oiar initiatives add`, the console or the API) "
    "to rank investments by the OIaR each relieves per dollar."
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def report_date(report: Report) -> str:
    """ "7 December 2026", or "undated" for a report built without a date."""
    day = report.generated_on
    return f"{day.day} {day:%B %Y}" if day is not None else "undated"


def investments(report: Report) -> list[InitiativeResult]:
    """The first three of the ranked investment sequence (none when nobody entered any)."""
    if report.governance is None:
        return []
    return report.governance.investments.initiatives[:TOP_INVESTMENTS]


def investment_sentence(i: InitiativeResult, currency: str) -> str:
    said = f"{i.name}: relieves {money(i.relieved, currency)} a year for {money(i.cost, currency)}"
    if i.payback_months:
        said += f", payback {i.payback_months:.0f} months"
    return said + (f" ({i.flag})" if i.flag else "")


def constraint_sentence(report: Report) -> str:
    if not report.domains:
        return "No domain carries a measurable loss yet."
    d, cur = report.domains[0], report.currency
    return (
        f"The constraint is {d.label}: about {money(d.mean, cur)} a year at risk (P10–P90 "
        f"{money(d.p10, cur)}–{money(d.p90, cur)}), the largest of the {len(report.domains)} "
        "domains. Relieve it first."
    )


def facts(report: Report) -> list[tuple[str, str]]:
    """Date, round and model version, as page one lists them."""
    return [
        ("Date", report_date(report)),
        ("Round", round_text(report)),
        ("Model", report.model_version),
    ]


def recommendation_html(report: Report) -> str:
    cur = report.currency
    top = investments(report)
    listed = (
        '<ol class="invest">'
        + "".join(f"<li>{_e(investment_sentence(i, cur))}</li>" for i in top)
        + "</ol>"
        if top
        else f'<p class="muted">{_e(NO_INITIATIVES)}</p>'
    )
    constraint = report.domains[0].key if report.domains else ""
    return (
        '<section id="recommendation" class="keep">'
        "<h2>Recommendation</h2>"
        f'<p class="lead" id="constraint" data-domain="{_e(constraint)}">'
        f"{_e(constraint_sentence(report))}</p>"
        f"<h4>Top three investments, by OIaR relieved per dollar</h4>{listed}</section>"
    )


def recommendation_markdown(report: Report) -> list[str]:
    cur = report.currency
    top = investments(report)
    out = ["## Recommendation", "", constraint_sentence(report), ""]
    out += ["**Top three investments, by OIaR relieved per dollar**", ""]
    if top:
        out += [f"{n}. {investment_sentence(i, cur)}" for n, i in enumerate(top, start=1)]
    else:
        out.append(NO_INITIATIVES)
    out += ["", " · ".join(f"{k}: {v}" for k, v in facts(report)), ""]
    return out


def _css_string(text: str) -> str:
    """A CSS string literal: anything but plain letters, digits and spaces as a hex escape, so
    a company's name can neither end the string nor the style element."""
    escaped = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):06x}" for ch in text
    )
    return f'"{escaped}"'


def print_footer_css(report: Report) -> str:
    """`@page` rules: margins, and a footer with the company, date and page n of N."""
    left = _css_string(f"{report.organization} · Operating Income at Risk · {report_date(report)}")
    box = "font: 9px Arial, sans-serif; color: #616e7c;"
    return (
        "@page { size: auto; margin: 14mm 13mm 16mm; "
        f"@bottom-left {{ content: {left}; {box} }} "
        f'@bottom-right {{ content: "Page " counter(page) " of " counter(pages); {box} }} }}'
    )

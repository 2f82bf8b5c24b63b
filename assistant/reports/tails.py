"""The report's money-kind ledger and a year's loss with its exceedance curve, in HTML (with an
inline SVG chart) and Markdown. Both read the score's own blocks, so they agree with it to the
cent."""

from __future__ import annotations

import math
from html import escape

from scoring.explain import money
from scoring.model import AnnualLoss, Ledger

_W, _H, _PAD = 560, 220, 48
_MONEY_WORDS = {
    "cash": "cash (P&L costs)",
    "contribution": "contribution (lost sales at the margin)",
    "capacity": "recovered capacity (lost hours that could be redeployed)",
}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _years(probability: float) -> str:
    return f"1 year in {round(1 / probability):,}"


def exceedance_svg(annual: AnnualLoss, currency: str) -> str:
    """Loss (x) against the chance a year exceeds it (y), on a log scale of chance."""
    points = annual.exceedance
    top = max(p.loss for p in points) or 1.0
    lo, hi = math.log10(min(p.probability for p in points)), math.log10(1.0)

    def xy(loss: float, probability: float) -> tuple[float, float]:
        x = _PAD + (_W - 2 * _PAD) * loss / top
        y = _PAD / 2 + (_H - _PAD) * (hi - math.log10(probability)) / (hi - lo)
        return x, y

    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(p.loss, p.probability) for p in points))
    marks = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"/>'
        f'<text x="{x + 6:.1f}" y="{y - 4:.1f}" font-size="10">'
        f"{_e(money(p.loss, currency))} · {_e(_years(p.probability))}</text>"
        for p in points
        for x, y in [xy(p.loss, p.probability)]
    )
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {_W} {_H}" width="100%" '
        f'aria-label="Loss exceedance curve">'
        f'<polyline fill="none" stroke="#2f6690" stroke-width="2" points="{path}"/>'
        f'<g fill="#2f6690">{marks}</g>'
        f'<text x="{_PAD}" y="{_H - 6}" font-size="10" fill="#616e7c">'
        "one year's loss → (chance a year exceeds it, log scale ↑)</text></svg>"
    )


def annual_loss_html(annual: AnnualLoss | None, currency: str) -> str:
    if annual is None:
        return ""
    rows = "".join(
        f"<tr><td>{_e(_years(p.probability))} ({p.probability:.0%})</td>"
        f'<td class="num">{_e(money(p.loss, currency))}</td></tr>'
        for p in annual.exceedance
    )
    above = (
        f"<p>Chance a year's loss exceeds half of operating income: "
        f"<strong>{annual.probability_above_ceiling:.1%}</strong>.</p>"
        if annual.probability_above_ceiling is not None
        else ""
    )
    return (
        '<section id="annual-loss" class="keep"><h2>A year\'s loss and its tail</h2>'
        "<p>The P10–P90 figures above are the range of the <em>expected</em> yearly loss. One "
        "year varies more: key-person departures, findings, incidents, stalled initiatives, "
        "disruptions, breaches and regulatory changes arrive as whole events or not at all. "
        f"Simulated that way, a year's loss has a median of {_e(money(annual.p50, currency))} "
        f"and a P10–P90 of {_e(money(annual.p10, currency))}–{_e(money(annual.p90, currency))}."
        f"</p>{above}{exceedance_svg(annual, currency)}"
        '<div class="scroll keep"><table id="exceedance"><thead><tr><th>Exceeded</th>'
        '<th class="num">Loss in that year'
        f"</th></tr></thead><tbody>{rows}</tbody></table></div></section>"
    )


def ledger_html(ledger: Ledger | None, currency: str) -> str:
    if ledger is None:
        return ""
    kinds = [
        ("cash", ledger.cash),
        ("contribution", ledger.contribution),
        ("capacity", ledger.capacity),
    ]
    rows = "".join(
        f'<tr data-money="{kind}"><td>{_e(_MONEY_WORDS[kind])}</td>'
        f'<td class="num">{_e(money(amount, currency))}</td></tr>'
        for kind, amount in kinds
    )
    lines = "".join(
        f'<tr data-line="{_e(line.key)}"><td>{_e(line.label)}</td><td>{_e(line.money)}</td>'
        f'<td class="num">{_e(money(line.mean, currency))}</td>'
        f'<td class="num">{_e(money(line.ceiling, currency)) if line.ceiling else "—"}</td></tr>'
        for line in ledger.lines
    )
    margin = "stated" if ledger.contribution_margin_source == "answer" else "benchmark assumption"
    recovery = "stated" if ledger.capacity_recovery_source == "answer" else "benchmark assumption"
    return (
        '<section id="ledger" class="keep"><h2>The ledger: what kind of money</h2>'
        f'<div class="scroll keep"><table><tbody>{rows}</tbody></table></div>'
        f'<p class="muted">Contribution margin {ledger.contribution_margin:.0%} ({margin}); '
        f"capacity recovery share {ledger.capacity_recovery_share:.0%} ({recovery}): the lost "
        f"hours at full cost, {_e(money(ledger.capacity_hours_value, currency))}, are not "
        "counted. A finance pool caps every line it heads.</p>"
        '<div class="scroll keep"><table id="ledger-lines"><thead><tr><th>Ledger line</th>'
        "<th>Money</th>"
        '<th class="num">Mean a year</th><th class="num">Capped by pool</th></tr></thead>'
        f"<tbody>{lines}</tbody></table></div></section>"
    )


def tails_markdown(annual: AnnualLoss | None, ledger: Ledger | None, currency: str) -> list[str]:
    out: list[str] = []
    if ledger is not None:
        out += ["## The ledger", ""]
        out += [
            f"- {_MONEY_WORDS['cash']}: {money(ledger.cash, currency)}",
            f"- {_MONEY_WORDS['contribution']}: {money(ledger.contribution, currency)} "
            f"(margin {ledger.contribution_margin:.0%})",
            f"- {_MONEY_WORDS['capacity']}: {money(ledger.capacity, currency)} "
            f"({ledger.capacity_recovery_share:.0%} of "
            f"{money(ledger.capacity_hours_value, currency)} of hours, the rest not counted)",
            "",
        ]
    if annual is not None:
        out += ["## A year's loss and its tail", ""]
        out += [
            "The P10–P90 above is the range of the expected yearly loss; one year varies more. "
            f"With event-like drivers as whole events, a year's median is "
            f"{money(annual.p50, currency)} (P10–P90 {money(annual.p10, currency)}–"
            f"{money(annual.p90, currency)}).",
            "",
            "| Exceeded | Loss in that year |",
            "| --- | ---: |",
            *[
                f"| {_years(p.probability)} ({p.probability:.0%}) | {money(p.loss, currency)} |"
                for p in annual.exceedance
            ],
            "",
        ]
    return out

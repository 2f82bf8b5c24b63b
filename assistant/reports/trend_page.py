"""The report's trend page (OIaR per closed round, total and domain lines, what changed since
the round before and how sure it fell) and a round's 90-day sprint plan, in HTML with an
inline SVG chart, Markdown and data frames for the CSV/XLSX sheets. Every figure is the
frozen rounds' own."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

from scoring.explain import money
from tools.rounds import SprintItemView, Trend
from tools.rounds.trend import DomainPoint

_W, _H, _PAD = 560, 240, 56
_COLOURS = ("#2f6690", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#3a3335")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def trend_svg(trend: Trend, currency: str) -> str:
    """The total (bold) and the top domains of the latest round, one line each per round."""
    rounds = trend.rounds
    top = max(r.total for r in rounds) or 1.0
    step = (_W - 2 * _PAD) / max(len(rounds) - 1, 1)

    def point(i: int, value: float) -> str:
        return f"{_PAD + i * step:.1f},{_H - _PAD - (_H - 2 * _PAD) * value / top:.1f}"

    lines = [("Total", [r.total for r in rounds], 3)]
    for domain in rounds[-1].domains[:5]:
        means = [_mean(r.domains, domain.key) for r in rounds]
        lines.append((domain.label, means, 1))
    drawn = "".join(
        f'<polyline fill="none" stroke="{_COLOURS[n % len(_COLOURS)]}" stroke-width="{width}" '
        f'points="{" ".join(point(i, v) for i, v in enumerate(values))}"/>'
        f'<text x="{_W - _PAD + 4}" y="{point(len(values) - 1, values[-1]).split(",")[1]}" '
        f'font-size="10" fill="{_COLOURS[n % len(_COLOURS)]}">{_e(label)}</text>'
        for n, (label, values, width) in enumerate(lines)
    )
    axis = "".join(
        f'<text x="{_PAD + i * step:.1f}" y="{_H - _PAD + 16}" font-size="10" '
        f'text-anchor="middle">{_e(r.label)}</text>'
        for i, r in enumerate(rounds)
    )
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {_W + 140} {_H}" width="100%" '
        f'aria-label="Operating income at risk per round">{drawn}{axis}'
        f'<text x="{_PAD}" y="14" font-size="10" fill="#616e7c">a year at risk, up to '
        f"{_e(money(top, currency))}</text></svg>"
    )


def _mean(domains: Sequence[DomainPoint], key: str) -> float:
    return next((d.mean for d in domains if d.key == key), 0.0)


def _table(trend: Trend, currency: str) -> str:
    head = "".join(f"<th>{_e(r.label)}</th>" for r in trend.rounds)
    rows = [
        "<tr><th>Total</th>"
        + "".join(f"<td>{_e(money(r.total, currency))}</td>" for r in trend.rounds)
        + "</tr>"
    ]
    for domain in trend.rounds[-1].domains:
        cells = "".join(
            f"<td>{_e(money(_mean(r.domains, domain.key), currency))}</td>" for r in trend.rounds
        )
        rows.append(f"<tr><td>{_e(domain.label)}</td>{cells}</tr>")
    return (
        '<div class="scroll keep"><table id="trend-table">'
        f"<tr><th></th>{head}</tr>{''.join(rows)}</table></div>"
    )


def _changes(trend: Trend, currency: str) -> str:
    if not trend.steps:
        return ""
    step = trend.steps[-1]
    rows = "".join(
        f"<tr><td>{_e(c.label)}</td><td>{_e(money(c.change, currency))}</td>"
        f"<td>{c.probability_decreased:.0%}</td><td>{_e(c.verdict)}</td>"
        f"<td>{_e(', '.join(m.label for m in c.moved_inputs[:3]))}</td></tr>"
        for c in [step.comparison.total, *step.comparison.domains]
    )
    return (
        f"<h3>{_e(step.before)} → {_e(step.after)}</h3>"
        '<div class="scroll keep"><table id="trend-changes">'
        "<tr><th></th><th>change</th><th>P(fell)</th><th>verdict</th>"
        f"<th>answers that moved it</th></tr>{rows}</table></div>"
        f'<p class="meta">{_e(step.comparison.method)}</p>'
    )


def trend_html(trend: Trend | None, currency: str) -> str:
    if trend is None or not trend.rounds:
        return ""
    chart = trend_svg(trend, currency) if len(trend.rounds) > 1 else ""
    return (
        '<section id="trend"><h2>Trend across rounds</h2>'
        f"<p>{_e(trend.summary)}</p>{chart}{_table(trend, currency)}{_changes(trend, currency)}"
        "</section>"
    )


def plan_html(round_label: str | None, plan: Sequence[SprintItemView], currency: str) -> str:
    if not plan:
        return ""
    rows = "".join(
        f"<tr><td>{i.start_week}–{i.due_week}</td><td>{_e(i.title)}</td>"
        f"<td>{_e(i.owner or '')}</td>"
        f"<td>{_e(money(i.targets_oiar, currency) if i.targets_oiar else '')}</td>"
        f"<td>{_e(i.status.replace('_', ' '))}</td>"
        f"<td>{_e(', '.join(i.metric_inputs))}</td></tr>"
        for i in plan
    )
    return (
        f'<section id="sprint"><h2>90-day sprint plan ({_e(round_label or "")})</h2>'
        '<div class="scroll keep"><table>'
        "<tr><th>weeks</th><th>item</th><th>owner</th><th>targets</th><th>status</th>"
        f"<th>watch</th></tr>{rows}</table></div></section>"
    )


def trend_markdown(trend: Trend | None, currency: str) -> list[str]:
    if trend is None or not trend.rounds:
        return []
    labels = [r.label for r in trend.rounds]
    lines = ["## Trend across rounds", "", trend.summary, ""]
    lines.append("| | " + " | ".join(labels) + " |")
    lines.append("|---|" + "---|" * len(labels))
    lines.append("| Total | " + " | ".join(money(r.total, currency) for r in trend.rounds) + " |")
    for domain in trend.rounds[-1].domains:
        means = [
            next((d.mean for d in r.domains if d.key == domain.key), 0.0) for r in trend.rounds
        ]
        lines.append(f"| {domain.label} | " + " | ".join(money(m, currency) for m in means) + " |")
    return [*lines, ""]


def trend_frame(trend: Trend | None) -> pd.DataFrame:
    """One row per round and domain (and the total): the XLSX trend sheet."""
    rows = []
    if trend is not None:
        changes = (
            {
                c.key: c
                for c in [trend.steps[-1].comparison.total, *trend.steps[-1].comparison.domains]
            }
            if trend.steps
            else {}
        )
        for r in trend.rounds:
            rows.append(
                {
                    "round": r.label,
                    "domain": "total",
                    "label": "Total",
                    "mean": r.total,
                    "p10": r.p10,
                    "p90": r.p90,
                    "bps_of_revenue": r.bps_of_revenue,
                    "rank": None,
                }
            )
            for d in r.domains:
                rows.append(
                    {
                        "round": r.label,
                        "domain": d.key,
                        "label": d.label,
                        "mean": d.mean,
                        "p10": d.p10,
                        "p90": d.p90,
                        "bps_of_revenue": d.bps_of_revenue,
                        "rank": d.rank,
                    }
                )
        if trend.steps:
            last = trend.rounds[-1].label
            for row in rows:
                change = changes.get(row["domain"])
                if row["round"] == last and change is not None:
                    row["change_since_previous"] = change.change
                    row["probability_fell"] = change.probability_decreased
                    row["verdict"] = change.verdict
    return pd.DataFrame(
        rows,
        columns=[
            "round",
            "domain",
            "label",
            "mean",
            "p10",
            "p90",
            "bps_of_revenue",
            "rank",
            "change_since_previous",
            "probability_fell",
            "verdict",
        ],
    )


def plan_frame(plan: Sequence[SprintItemView]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "key": i.key,
                "step": i.step,
                "title": i.title,
                "domain": i.domain,
                "owner": i.owner,
                "start_week": i.start_week,
                "due_week": i.due_week,
                "status": i.status,
                "targets_oiar": i.targets_oiar,
                "watch": ", ".join(i.metric_inputs),
                "decision_change": i.decision_change,
            }
            for i in plan
        ],
        columns=[
            "key",
            "step",
            "title",
            "domain",
            "owner",
            "start_week",
            "due_week",
            "status",
            "targets_oiar",
            "watch",
            "decision_change",
        ],
    )

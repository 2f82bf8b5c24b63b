"""Rounds, trend and sprint plan as plain text: what the CLI, the demo and chat print."""

from __future__ import annotations

from collections.abc import Sequence

from scoring.explain import money
from tools.rounds.manage import RoundView, SprintItemView
from tools.rounds.trend import Trend

_STATUS = {"planned": "planned", "in_progress": "in progress", "done": "done", "dropped": "dropped"}


def rounds_lines(rounds: Sequence[RoundView], currency: str) -> list[str]:
    if not rounds:
        return ["No rounds yet: open one with `oiar round open 2027-Q1`."]
    lines = []
    for r in rounds:
        figure = f"{money(r.total, currency)} a year" if r.total is not None else "collecting"
        lines.append(f"{r.label:<10} {r.status:<7} {r.answers:>4} answers   {figure}   {r.id}")
    return lines


def trend_lines(trend: Trend) -> list[str]:
    """A table of OIaR per round and domain, then the latest change in words."""
    if not trend.rounds:
        return [trend.summary]
    cur = trend.currency or "USD"
    labels = [r.label for r in trend.rounds]
    width = max(12, *(len(label) for label in labels))
    header = f"{'':<28}" + "".join(f"{label:>{width}}" for label in labels)
    rows = [
        header,
        f"{'Total':<28}" + "".join(f"{money(r.total, cur):>{width}}" for r in trend.rounds),
    ]
    latest = trend.rounds[-1]
    for domain in latest.domains:
        cells = []
        for r in trend.rounds:
            found = next((d for d in r.domains if d.key == domain.key), None)
            cells.append(f"{money(found.mean, cur) if found else '-':>{width}}")
        rows.append(f"{domain.label:<28}" + "".join(cells))
    if trend.steps:
        step = trend.steps[-1]
        rows.append("")
        rows.append(f"{step.before} → {step.after}: change, and how sure the drag fell")
        for change in [step.comparison.total, *step.comparison.domains]:
            rows.append(
                f"  {change.label:<28}{money(change.change, cur):>12}"
                f"   P(fell) {change.probability_decreased:>4.0%}   {change.verdict}"
            )
    rows += ["", trend.summary]
    return rows


def plan_lines(items: Sequence[SprintItemView], currency: str) -> list[str]:
    """The 13-week sprint plan, one line per item, then what each watches."""
    lines = []
    for item in items:
        weeks = (
            f"wk {item.start_week}-{item.due_week}"
            if item.start_week != item.due_week
            else (f"wk {item.due_week}")
        )
        target = f" · targets {money(item.targets_oiar, currency)}" if item.targets_oiar else ""
        owner = f" · {item.owner}" if item.owner else ""
        lines.append(f"[{_STATUS[item.status]:<11}] {weeks:<9} {item.title}{owner}{target}")
        if item.decision_change:
            lines.append(f"{'':<23}change: {item.decision_change}")
    return lines

"""The governance outputs as plain text: one renderer for the CLI, Slack and the chat."""

from __future__ import annotations

from scoring.explain import money
from scoring.governance import (
    AiVelocityView,
    ConstraintView,
    DecisionView,
    GovernanceReport,
    InvestmentSequence,
    SeamMap,
)

TOP_ROWS = 5


def _days(value: float) -> str:
    return f"{value:g} day" + ("" if value == 1 else "s")


def constraint_lines(view: ConstraintView, currency: str) -> list[str]:
    lines = [f"*Constraint*: {view.explanation}"]
    for drag in view.drags[:TOP_ROWS]:
        lines.append(f"  • {drag.label}: {money(drag.mean, currency)} a year — {drag.formula}")
    return lines


def _priced(priced: float | None, stated: float, currency: str) -> str:
    """The driver's figure (as in the ranked table), and the rows' median arithmetic beside it
    when it differs, so the reader sees why the rows do not add up to the cent."""
    if priced is None or money(priced, currency) == money(stated, currency):
        return f"{money(stated, currency)} a year"
    return (
        f"{money(priced, currency)} a year with the answers' uncertainty "
        f"({money(stated, currency)} at the medians the rows show)"
    )


def seam_lines(seams: SeamMap | None, currency: str) -> list[str]:
    if seams is None:
        return ["*Seams*: none entered yet (e.g. `Ops -> Transport: 6 a month, $4k each`)."]
    lines = [
        f"*Seams*: {len(seams.cells)} handoff(s), "
        f"{_priced(seams.priced_annual_cost, seams.total_annual_cost, currency)} "
        f"({seams.formula})."
    ]
    for c in seams.cells[:TOP_ROWS]:
        flags = f" [{', '.join(c.risk_flags)}]" if c.risk_flags else ""
        lines.append(
            f"  • {c.from_function} → {c.to_function}: {c.failures_per_month:g} a month × "
            f"{money(c.cost_per_failure, currency)} = {money(c.annual_cost, currency)} a year"
            f"{flags} ({', '.join(c.respondents)})"
        )
    return lines


def decision_lines(view: DecisionView | None, currency: str) -> list[str]:
    if view is None:
        return [
            "*Decision rights*: none entered yet (e.g. `Capex | CFO | 1 a month | 25 days "
            "| 10 days`)."
        ]
    lines = [
        f"*Decision rights*: cadence misfit "
        f"{_priced(view.priced_annual_cost, view.total_annual_cost, currency)} "
        f"({view.formula})."
    ]
    for r in view.rows[:TOP_ROWS]:
        lines.append(
            f"  • {r.decision_type} ({r.decider}): {r.decisions_per_month:g} a month, "
            f"{_days(r.latency_days)} to decide vs {_days(r.operations_wait_days)} operations "
            f"can wait → {money(r.annual_cost, currency)} a year"
        )
    return lines


def investment_lines(sequence: InvestmentSequence, currency: str) -> list[str]:
    if not sequence.initiatives:
        return ["*Investment sequence*: no initiatives entered yet."]
    lines = ["*Investment sequence* (OIaR relieved per dollar):"]
    for i in sequence.initiatives:
        payback = f"payback {i.payback_months:g} months" if i.payback_months else "no payback"
        flag = f" — {i.flag}" if i.flag else ""
        lines.append(
            f"  {i.rank}. {i.name}: {money(i.cost, currency)} relieves "
            f"{money(i.relieved, currency)} a year ({i.relieved_per_dollar:.2f} {currency} a year "
            f"per {currency} spent, {payback}){flag}"
        )
    return lines


def ai_lines(view: AiVelocityView) -> list[str]:
    return [f"*AI velocity*: {view.explanation}"]


def governance_text(report: GovernanceReport) -> str:
    cur = report.score.currency
    parts = [
        *constraint_lines(report.constraint, cur),
        *seam_lines(report.seams, cur),
        *decision_lines(report.decisions, cur),
        *investment_lines(report.investments, cur),
        *ai_lines(report.ai_velocity),
    ]
    return "\n".join(parts)

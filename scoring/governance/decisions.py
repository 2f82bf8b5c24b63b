"""Decision rights and cadence: per decision type, who decides, how long, against how fast
operations move; the misfit priced and listed worst first.

A decision type costs 12 × decisions a month × max(0, latency − days operations can wait) ×
the organization's cost of a day's delay. Several respondents on one type: medians of their
figures; the decider most often named.

No double counting: decision types describe decisions taken when variance appears, the same
events Organizational Alignment's cadence misfit prices from aggregate answers. When any is
entered, they *replace* those aggregate inputs: variance events a month = Σ decisions, days
operations can wait = 0 and days between forums = 2 × the decision-weighted excess wait (with
nothing operations can hold, the driver's expected excess wait (c − 0)² / 2c is half the forum
interval), so the driver's central figure equals the sum of the rows.
Leadership Bandwidth's decision latency stays: it prices escalations for sign-off, asked as a
separate count. The cost of a day's delay stays one shared input, so rows are never priced at a
second rate.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

from scoring.governance.schemas import MAX_DAYS, DecisionRight, DecisionRow, DecisionView
from scoring.model import Estimate, Observation, Respondent

DECISION_INPUTS = (
    "variance_events_per_month",
    "decision_cadence_days",
    "operational_response_days",
)
DECISION_SOURCE = "decision rights"
FORMULA = (
    "12 × decisions a month × max(0, days to decide − days operations can wait)"
    " × cost of a day's delay"
)


def _key(decision_type: str) -> str:
    return " ".join(decision_type.split()).casefold()


def _row(entries: Sequence[DecisionRight], cost_per_day: float) -> DecisionRow:
    n = statistics.median(e.decisions_per_month for e in entries)
    latency = statistics.median(e.latency_days for e in entries)
    wait = statistics.median(e.operations_wait_days for e in entries)
    misfit = max(latency - wait, 0.0)
    deciders = Counter(" ".join(e.decider.split()) for e in entries)
    return DecisionRow(
        decision_type=" ".join(entries[0].decision_type.split()),
        decider=deciders.most_common(1)[0][0],
        decisions_per_month=n,
        latency_days=latency,
        operations_wait_days=wait,
        misfit_days=misfit,
        cost_per_day=cost_per_day,
        annual_cost=round(12.0 * n * misfit * cost_per_day, 2),
        deciders_named=list(deciders),
        respondents=list(
            dict.fromkeys(e.respondent.display if e.respondent else "unattributed" for e in entries)
        ),
    )


def _groups(decisions: Sequence[DecisionRight]) -> list[list[DecisionRight]]:
    groups: dict[str, list[DecisionRight]] = {}
    for d in decisions:
        groups.setdefault(_key(d.decision_type), []).append(d)
    return list(groups.values())


def decision_view(decisions: Sequence[DecisionRight], cost_per_day: float) -> DecisionView | None:
    """Every decision type, worst first; None when nobody entered one."""
    if not decisions:
        return None
    rows = sorted(
        (_row(g, cost_per_day) for g in _groups(decisions)),
        key=lambda r: (-r.annual_cost, r.decision_type.casefold()),
    )
    notes = []
    if _cadence_days(rows)[1]:
        notes.append(f"the weighted excess wait passes {MAX_DAYS / 2:g} days and is capped there")
    return DecisionView(
        rows=rows,
        total_annual_cost=round(sum(r.annual_cost for r in rows), 2),
        formula=FORMULA,
        replaces=list(DECISION_INPUTS),
        notes=notes,
    )


def _cadence_days(rows: Sequence[DecisionRow]) -> tuple[float, bool]:
    events = sum(r.decisions_per_month for r in rows)
    if events <= 0:
        return 0.0, False
    excess = sum(r.decisions_per_month * r.misfit_days for r in rows) / events
    return min(2.0 * excess, MAX_DAYS), 2.0 * excess > MAX_DAYS


def decision_observations(view: DecisionView) -> dict[str, list[Observation]]:
    """Cadence misfit's inputs from the decision types (see the module docstring)."""
    names = list(dict.fromkeys(r for row in view.rows for r in row.respondents))
    who = Respondent(name=f"{DECISION_SOURCE}: {', '.join(names)}"[:200])
    events = sum(r.decisions_per_month for r in view.rows)
    cadence, _ = _cadence_days(view.rows)
    return {
        "variance_events_per_month": [
            Observation(value=Estimate.exact(events), point=True, respondent=who)
        ],
        "decision_cadence_days": [Observation(value=Estimate.exact(cadence), respondent=who)],
        "operational_response_days": [Observation(value=Estimate.exact(0.0), respondent=who)],
    }

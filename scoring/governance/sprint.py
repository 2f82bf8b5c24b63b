"""The 90-day governance sprint: the governance report turned into a 13-week plan.

The plan follows the execution-governance method in five steps: map the value stream, identify
seam risks, quantify OIaR by materiality (one workstream per top-three domain, plus the
constraint stage when drag on it sits elsewhere), re-rank initiatives around the constraint,
and establish decision rights and cadence; a day-90 checkpoint opens the next round.

Every figure is quoted from the report, never recomputed, so the plan always agrees with the
ranked table. Pure and deterministic: the same report and owners give a byte-identical plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from scoring.explain import money
from scoring.governance.constraint import cost_drivers_act
from scoring.governance.report import GovernanceReport
from scoring.governance.schemas import (
    ConstraintView,
    DecisionRow,
    Drag,
    InitiativeResult,
    SeamCell,
)
from scoring.model import DomainResult, DriverResult, ScoreResult

WEEKS = 13
CHECKPOINT_WEEK = 13
TOP_DOMAINS = 3
MAX_METRICS = 6
MAX_CELLS = 3
MAX_ROWS = 2
# Operations that cannot wait a day for a decision cannot wait for any forum to meet: the
# decision has to move to the people at the work rather than to a faster meeting.
DELEGATE_BELOW_DAYS = 1.0

STEPS: dict[int, str] = {
    1: "Map the value stream",
    2: "Identify seam risks",
    3: "Quantify OIaR by materiality",
    4: "Re-rank initiatives around the constraint",
    5: "Establish decision rights and cadence",
}
CHECKPOINT_LABEL = "Day-90 checkpoint"
CHECKPOINT_TITLE = "Day-90 checkpoint: close this round and open the next"
VALUE_STREAMS = "order-to-cash, plan-to-produce, procure-to-pay and maintenance-to-uptime"
METHOD = (
    "Five steps over 13 weeks. 1 (weeks 1-2): map the value stream across functions. "
    "2 (weeks 2-4): seam risks from the seam map's worst cells, priced as the handoff driver. "
    "3 (weeks 3-12): one workstream per top-three domain by OIaR, in rank order, plus one for "
    "the constraint stage when drag on it sits in other domains; starts staggered a week apart. "
    "4 (weeks 4-6): initiatives re-ranked around the constraint, those that do not relieve it "
    "paused. 5 (weeks 6-10): decision rights from the decision types whose wait exceeds what "
    "operations can hold (delegate when operations cannot wait a day, else change the cadence), "
    "priced as the cadence-misfit driver. Week 13: the day-90 checkpoint, the next assessment. "
    "Every figure is quoted from the score; total_targeted counts each domain once: the top "
    "three domains' means plus the constraint's drags that sit in other domains."
)


Week = Annotated[int, Field(ge=1, le=WEEKS)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SprintItem(_Frozen):
    """One thing to do in the sprint, with the money it targets and the inputs to watch."""

    key: str
    step: Annotated[int, Field(ge=1, le=len(STEPS))]
    step_label: str
    title: str
    domain: str | None
    owner: str | None
    start_week: Week
    due_week: Week
    targets_oiar: float
    metric_inputs: list[str]
    decision_change: str | None
    pauses: list[str]
    rationale: str


class SprintPlan(_Frozen):
    """The 13-week plan: items ordered by start week, then step, then key."""

    weeks: int = WEEKS
    checkpoint_week: int = CHECKPOINT_WEEK
    constraint_stage: str
    top_domains: list[str]
    total_targeted: float
    items: list[SprintItem]
    method: str


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "item"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _and(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"


def _item(step: int, key: str, **fields: object) -> SprintItem:
    defaults: dict[str, object] = {
        "domain": None,
        "owner": None,
        "targets_oiar": 0.0,
        "metric_inputs": [],
        "decision_change": None,
        "pauses": [],
    }
    return SprintItem.model_validate(
        {"step": step, "step_label": STEPS[step], "key": key, **defaults, **fields}
    )


def _ranked(result: ScoreResult) -> list[DomainResult]:
    return sorted(result.domains, key=lambda d: (d.rank, d.key))


def _largest_first(drivers: Sequence[DriverResult]) -> list[DriverResult]:
    return sorted(drivers, key=lambda d: (-d.mean, d.key))


def _metrics(drivers: Sequence[DriverResult]) -> list[str]:
    """The inputs that price these drivers, largest driver first: what to watch move."""
    keys = [use.key for d in _largest_first(drivers) for use in d.inputs]
    return list(dict.fromkeys(keys))[:MAX_METRICS]


def _find_driver(result: ScoreResult, key: str) -> tuple[DomainResult, DriverResult] | None:
    for domain in result.domains:
        for driver in domain.drivers:
            if driver.key == key:
                return domain, driver
    return None


def _constraint_name(view: ConstraintView) -> str:
    return view.stage_label + (f" ({view.resource})" if view.resource else "")


def _stands_for(
    domain: str | None, driver: DriverResult | None, owners: Mapping[str, str]
) -> dict[str, object]:
    """The fields of an item that stands in for one driver: its domain and owner, the money
    it targets (the driver's own figure) and the inputs that price it."""
    return {
        "domain": domain,
        "owner": owners.get(domain) if domain else None,
        "targets_oiar": round(driver.mean, 2) if driver else 0.0,
        "metric_inputs": _metrics([driver]) if driver else [],
    }


def _value_stream(report: GovernanceReport) -> SprintItem:
    view, cur = report.constraint, report.score.currency
    if view.inferred:
        how = "proposed from the drag on it (nobody named one yet)"
    else:
        how = f"named by {_and(view.named_by)}" if view.named_by else "named by respondents"
    return _item(
        1,
        "step1-value-stream",
        title=f"Map the value stream across functions: {VALUE_STREAMS}",
        start_week=1,
        due_week=2,
        rationale=(
            f"The constraint is {_constraint_name(view)}, {how}, with "
            f"{money(view.drag_total, cur)} a year of loss from the drivers acting on it; "
            "map who hands what to whom at each stage before changing any of it."
        ),
    )


def _cells(report: GovernanceReport) -> list[SeamCell]:
    cells = report.seams.cells if report.seams is not None else report.constraint.seams
    return list(cells[:MAX_CELLS])


def _pair(cell: SeamCell) -> str:
    return f"{cell.from_function} → {cell.to_function}"


def _seam_change(cells: Sequence[SeamCell]) -> str | None:
    """An unclear owner or a KPI conflict on a worst seam is a decision-rights gap to close."""
    unclear = [_pair(c) for c in cells if not c.owner_clear]
    conflict = [_pair(c) for c in cells if c.kpi_conflict]
    parts = []
    if unclear:
        parts.append(
            f"name one accountable owner for {_and(unclear)}, with the right to settle a "
            "failed handoff without escalating"
        )
    if conflict:
        parts.append(f"give {_and(conflict)} one shared KPI each")
    return _sentence("; ".join(parts)) if parts else None


def _priced(result: ScoreResult, key: str) -> tuple[str | None, DriverResult | None, str]:
    """The driver a method step stands in for: its domain, itself, and its figure in words."""
    found = _find_driver(result, key)
    if found is None:
        return None, None, ""
    domain, driver = found
    return domain.key, driver, f"{driver.label}: {money(driver.mean, result.currency)} a year. "


def _seams(report: GovernanceReport, owners: Mapping[str, str]) -> SprintItem:
    cells = _cells(report)
    domain, driver, priced = _priced(report.score, "handoff_failure")
    if cells:
        named = "; ".join(
            f"{_pair(c)} ({c.failures_per_month:g} failures a month"
            + (f", {', '.join(c.risk_flags)})" if c.risk_flags else ")")
            for c in cells
        )
        title = f"Identify seam risks: {_and([_pair(c) for c in cells])}"
        rationale = f"{priced}Worst seams: {named}."
    else:
        title = "Identify seam risks: enter the function-to-function handoffs"
        rationale = (
            f"{priced}Nobody has entered a seam yet: for each handoff, record failures a month, "
            "cost per failure, whether the owner is clear and any KPI conflict."
        )
    return _item(
        2,
        "step2-seam-risks",
        title=title,
        start_week=2,
        due_week=4,
        **_stands_for(domain, driver, owners),
        decision_change=_seam_change(cells),
        rationale=rationale,
    )


def _range(low: float, high: float, currency: str) -> str:
    return f"P10–P90 {money(low, currency)}–{money(high, currency)}"


def _workstream(
    domain: DomainResult, n: int, total: int, owners: Mapping[str, str], currency: str
) -> SprintItem:
    drivers = _largest_first(domain.drivers)
    lead = (
        f"; most of it is {drivers[0].label} ({money(drivers[0].mean, currency)})"
        if drivers and drivers[0].mean > 0
        else ""
    )
    return _item(
        3,
        f"ws-{domain.key}",
        title=f"Workstream: reduce {domain.label}",
        domain=domain.key,
        owner=owners.get(domain.key),
        start_week=3 + n,
        due_week=12,
        targets_oiar=round(domain.mean, 2),
        metric_inputs=_metrics(drivers),
        rationale=(
            f"{domain.label} ranks {domain.rank} of {total} at {money(domain.mean, currency)} "
            f"a year ({_range(domain.p10, domain.p90, currency)}, "
            f"{domain.confidence} confidence){lead}."
        ),
    )


def _outside(view: ConstraintView, top: Sequence[str]) -> list[Drag]:
    """The constraint's drags in other domains, largest first: what the top three miss."""
    return [d for d in view.drags if d.domain not in top and d.mean > 0]


def _constraint_workstream(
    report: GovernanceReport, top: Sequence[str], n: int, owners: Mapping[str, str]
) -> SprintItem | None:
    """The constraint's own workstream, when drag on it sits outside the top three domains.

    It is owned by the department that named the domain of its largest such drag: the work
    the top three workstreams do not already cover.
    """
    view, result = report.constraint, report.score
    outside = _outside(view, top)
    if not outside:
        return None
    drivers = [f[1] for d in view.drags if (f := _find_driver(result, d.driver)) is not None]
    lead, cur = outside[0], result.currency
    return _item(
        3,
        f"ws-constraint-{_slug(view.stage)}",
        title=f"Workstream: relieve the constraint, {_constraint_name(view)}",
        owner=owners.get(lead.domain),
        start_week=3 + n,
        due_week=12,
        targets_oiar=round(view.drag_total, 2),
        metric_inputs=_metrics(drivers),
        rationale=(
            f"{cost_drivers_act(len(view.drags))} on {view.stage_label}, about "
            f"{money(view.drag_total, cur)} a year; the largest outside the top three domains "
            f"is {lead.label} ({money(lead.mean, cur)})."
        ),
    )


def _rerank_story(ranked: Sequence[InitiativeResult], paused: Sequence[str], cur: str) -> str:
    first = ranked[0]
    payback = (
        f", paying back in {first.payback_months:g} months"
        if first.payback_months is not None
        else ""
    )
    story = (
        f"{len(ranked)} initiative(s) ranked by OIaR relieved per unit of cost; {first.name} "
        f"first, relieving about {money(first.relieved, cur)} a year{payback}."
    )
    if paused:
        verb = "it does" if len(paused) == 1 else "they do"
        story += f" Pause {_and(paused)}: {verb} not relieve the constraint or a top-three domain."
    return story


def _rerank(report: GovernanceReport) -> SprintItem:
    view, cur = report.constraint, report.score.currency
    ranked = sorted(report.investments.initiatives, key=lambda i: (i.rank, i.name))
    paused = [i.name for i in ranked if i.pause]
    if ranked:
        title = f"Re-rank initiatives around {_constraint_name(view)}" + (
            f"; pause {len(paused)} that {'does' if len(paused) == 1 else 'do'} not relieve it"
            if paused
            else ""
        )
        rationale = _rerank_story(ranked, paused, cur)
    else:
        title = "Re-rank initiatives around the constraint: enter them first"
        rationale = (
            "No initiatives have been entered: the facilitator should enter each one (name, "
            f"cost, drivers it relieves) so they can be ranked against {view.stage_label}."
        )
    return _item(
        4,
        "step4-rerank-initiatives",
        title=title,
        start_week=4,
        due_week=6,
        targets_oiar=round(view.drag_total, 2),
        pauses=paused,
        rationale=rationale,
    )


def _row_change(row: DecisionRow) -> str:
    """Delegate when operations cannot wait a day; otherwise decide at their pace."""
    if row.operations_wait_days < DELEGATE_BELOW_DAYS:
        return (
            f"delegate {row.decision_type} from {row.decider} to the role closest to the work, "
            "escalating to them only for exceptions"
        )
    return (
        f"decide {row.decision_type} within {row.operations_wait_days:g} days, not "
        f"{row.latency_days:g}: a standing decision slot at that cadence instead of waiting "
        f"for {row.decider}, escalating to them only above an agreed threshold"
    )


def _decision_story(report: GovernanceReport, worst: Sequence[DecisionRow]) -> str:
    if worst:
        named = "; ".join(
            f"{r.decision_type} takes {r.latency_days:g} days with {r.decider} while "
            f"operations can wait {r.operations_wait_days:g} ({r.decisions_per_month:g} a month)"
            for r in worst
        )
        return f"Worst: {named}."
    if report.decisions is None:
        return (
            "No decision types were entered: record who decides each one when variance "
            "appears, how long it takes and how long operations can wait."
        )
    return "No decision type waits longer than operations can hold; keep the cadence."


def _decisions(report: GovernanceReport, owners: Mapping[str, str]) -> SprintItem:
    view = report.constraint
    rows = report.decisions.rows if report.decisions is not None else []
    worst = [r for r in rows if r.misfit_days > 0][:MAX_ROWS]
    domain, driver, priced = _priced(report.score, "cadence_misfit")
    if worst:
        title = f"Decision rights: {_and([r.decision_type for r in worst])}"
        change = "; ".join(_row_change(r) for r in worst)
    else:
        title = f"Decision rights, escalation paths and cadence for {view.stage_label}"
        change = (
            f"name who decides when variance appears at {view.stage_label}, within how many "
            "days, and the escalation path; review it weekly against the constraint"
        )
    return _item(
        5,
        "step5-decision-rights",
        title=title,
        start_week=6,
        due_week=10,
        **_stands_for(domain, driver, owners),
        decision_change=_sentence(change),
        rationale=priced + _decision_story(report, worst),
    )


def _checkpoint(report: GovernanceReport, top: Sequence[DomainResult]) -> SprintItem:
    total, cur = report.score.total, report.score.currency
    led = f", led by {_and([d.label for d in top])}" if top else ""
    return _item(
        5,
        "checkpoint-day-90",
        step_label=CHECKPOINT_LABEL,
        title=CHECKPOINT_TITLE,
        start_week=CHECKPOINT_WEEK,
        due_week=CHECKPOINT_WEEK,
        rationale=(
            f"Re-run the assessment and compare against today: {money(total.mean, cur)} a year "
            f"in total ({_range(total.p10, total.p90, cur)}){led}."
        ),
    )


def sprint_plan(report: GovernanceReport, owners: Mapping[str, str]) -> SprintPlan:
    """The 13-week governance sprint for `report`; `owners` maps a domain key to its department.

    Pure: no clock, no randomness, no I/O, so a plan can be rebuilt from a stored report at any
    time and still match. Works for any report, with or without seams, decisions or
    initiatives; a domain missing from `owners` has no owner yet.
    """
    result = report.score
    ranked = _ranked(result)
    top = ranked[:TOP_DOMAINS]
    keys = [d.key for d in top]
    streams = [_workstream(d, n, len(ranked), owners, result.currency) for n, d in enumerate(top)]
    # Each domain once: the constraint's drags inside the top three are already targeted there.
    targeted = sum(d.mean for d in top)
    extra = _constraint_workstream(report, keys, len(streams), owners)
    if extra is not None:
        streams.append(extra)
        targeted += sum(d.mean for d in _outside(report.constraint, keys))
    items = [
        _value_stream(report),
        _seams(report, owners),
        *streams,
        _rerank(report),
        _decisions(report, owners),
        _checkpoint(report, top),
    ]
    return SprintPlan(
        constraint_stage=report.constraint.stage,
        top_domains=keys,
        total_targeted=round(targeted, 2),
        items=sorted(items, key=lambda i: (i.start_week, i.step, i.key)),
        method=METHOD,
    )

"""The trend across closed rounds: each round's frozen figures, what changed between
consecutive rounds (from the scoring core's `compare_rounds`), and per sprint item of the
earlier round whether the inputs it targeted moved."""

from __future__ import annotations

from typing import cast

from pydantic import BaseModel, Field

from scoring import ScoreResult
from scoring.explain import money
from scoring.trend import DomainChange, InputMove, RoundComparison, compare_rounds, input_moves
from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.rounds.manage import SprintItemView, frozen_input, frozen_result, item_view
from tools.store import rounds as repo
from tools.store.db import Store
from tools.store.schema import AssessmentRound
from tools.timestamps import UtcDatetime


class DomainPoint(BaseModel):
    key: str
    label: str
    mean: float
    p10: float
    p90: float
    bps_of_revenue: float
    rank: int


class RoundPoint(BaseModel):
    round_id: str
    label: str
    closed_at: UtcDatetime | None
    total: float
    p10: float
    p90: float
    bps_of_revenue: float
    domains: list[DomainPoint] = Field(description="Ranked, as the round froze them.")


class SprintCheck(BaseModel):
    """A sprint item of the earlier round, seen from the later one."""

    item: SprintItemView
    targeted_moved: bool = Field(description="True when any input it watched moved.")
    inputs: list[InputMove]
    domain_verdict: str | None = Field(description="fell / rose / unclear / unchanged")


class Step(BaseModel):
    before: str = Field(description="Earlier round's label.")
    after: str
    comparison: RoundComparison
    sprint: list[SprintCheck]


class Trend(BaseModel):
    org_id: str
    currency: str | None
    rounds: list[RoundPoint] = Field(description="Closed rounds, oldest first.")
    steps: list[Step] = Field(description="Consecutive closed rounds compared.")
    open_round: str | None = Field(description="Label of the round still collecting answers.")
    summary: str


def _point(row: AssessmentRound, result: ScoreResult) -> RoundPoint:
    return RoundPoint(
        round_id=row.id,
        label=row.label,
        closed_at=row.closed_at,
        total=result.total.mean,
        p10=result.total.p10,
        p90=result.total.p90,
        bps_of_revenue=result.total.bps_of_revenue,
        domains=[
            DomainPoint(
                key=d.key,
                label=d.label,
                mean=d.mean,
                p10=d.p10,
                p90=d.p90,
                bps_of_revenue=d.bps_of_revenue,
                rank=d.rank,
            )
            for d in result.domains
        ],
    )


def _compare(
    store: Store,
    before: AssessmentRound,
    after: AssessmentRound,
    frozen: dict[str, ScoreResult],
) -> RoundComparison:
    # Frozen rounds never change, so their comparison is computed once per pair.
    def compute() -> RoundComparison:
        return compare_rounds(
            frozen_input(before), frozen[before.id], frozen_input(after), frozen[after.id]
        )

    key = ("trend", before.input_sha256, after.input_sha256)
    return cast(RoundComparison, store.derived.get_or_compute(key, compute))


def _sprint_checks(
    items: list[SprintItemView],
    comparison: RoundComparison,
    before: ScoreResult,
    after: ScoreResult,
) -> list[SprintCheck]:
    verdicts = {c.key: c.verdict for c in comparison.domains}
    checks = []
    for item in items:
        moves = input_moves(item.metric_inputs, before, after)
        checks.append(
            SprintCheck(
                item=item,
                targeted_moved=any(m.moved for m in moves),
                inputs=moves,
                domain_verdict=verdicts.get(item.domain) if item.domain else None,
            )
        )
    return checks


def _said(change: DomainChange, currency: str) -> str:
    amount = money(abs(change.change), currency)
    direction = "down" if change.change < 0 else "up"
    return f"{change.label} {direction} {amount} ({change.probability_decreased:.0%} sure it fell)"


def summary_text(trend: Trend) -> str:
    """The trend in words: what a facilitator reads first, every figure from the rounds."""
    if not trend.rounds:
        opened = f" Round {trend.open_round!r} is collecting answers." if trend.open_round else ""
        return "No round has been closed yet, so there is no trend to show." + opened
    cur = trend.currency or "USD"
    last = trend.rounds[-1]
    if not trend.steps:
        return (
            f"One closed round so far ({last.label}: {money(last.total, cur)} a year at risk); "
            "the trend starts when the next round closes."
        )
    step = trend.steps[-1]
    total = step.comparison.total
    verb = {"fell": "shrank", "rose": "grew", "unchanged": "did not change"}.get(
        total.verdict, "moved, but not clearly"
    )
    moved = [c for c in step.comparison.domains if c.verdict in ("fell", "rose")]
    moved.sort(key=lambda c: -abs(c.change))
    parts = [
        f"From {step.before} to {step.after} the drag {verb}: {money(total.before, cur)} to "
        f"{money(total.after, cur)} a year ({total.probability_decreased:.0%} sure it fell)."
    ]
    if moved:
        parts.append("Moved: " + "; ".join(_said(c, cur) for c in moved[:3]) + ".")
        why = [m for c in moved[:1] for m in c.moved_inputs[:2]]
        if why:
            parts.append(
                f"Behind {moved[0].label}: "
                + ", ".join(
                    f"{m.label.lower()} {m.change_share:+.0%}"
                    if m.change_share is not None
                    else m.label.lower()
                    for m in why
                )
                + "."
            )
    else:
        parts.append("No domain moved by more than the simulation can tell from noise.")
    done = sum(1 for s in step.sprint if s.targeted_moved)
    if step.sprint:
        parts.append(
            f"{done} of {len(step.sprint)} sprint items from {step.before} saw their inputs move."
        )
    return " ".join(parts)


def trend(store: Store, caller: Caller, org_id: str, *, detail: bool = True) -> Trend:
    """Every closed round and the change between each consecutive pair.

    `detail` (score detail: who said what behind moved inputs) needs a role that reads score
    detail; without it (chat, any role) the figures are the same, attribution applied.
    """
    require_org(caller, org_id)
    require(caller, "read_score_detail" if detail else "read_results")
    with store.read() as session:
        rows = repo.list_rounds(session, org_id)
        hidden = attribution.score_replacements(session, org_id)
        closed = sorted(
            (r for r in rows if r.status == "closed"), key=lambda r: (r.closed_at, r.id)
        )
        plans = {r.id: [item_view(i) for i in repo.sprint_items(session, r.id)] for r in closed}
        open_round = next((r.label for r in rows if r.status == "open"), None)
    frozen = {r.id: frozen_result(r) for r in closed}
    results = {key: attribution.redact_score(result, hidden) for key, result in frozen.items()}
    steps = []
    for before, after in zip(closed, closed[1:], strict=False):
        comparison = _compare(store, before, after, frozen)
        steps.append(
            Step(
                before=before.label,
                after=after.label,
                comparison=comparison,
                sprint=_sprint_checks(
                    plans[before.id], comparison, results[before.id], results[after.id]
                ),
            )
        )
    built = Trend(
        org_id=org_id,
        currency=results[closed[-1].id].currency if closed else None,
        rounds=[_point(r, results[r.id]) for r in closed],
        steps=steps,
        open_round=open_round,
        summary="",
    )
    return built.model_copy(update={"summary": summary_text(built)})

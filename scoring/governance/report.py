"""All four governance outputs and the AI-velocity view from one input, in one pass."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from scoring.governance.ai_velocity import ai_velocity
from scoring.governance.apply import apply_governance
from scoring.governance.constraint import constraint_view
from scoring.governance.decisions import decision_view
from scoring.governance.investments import rank_initiatives
from scoring.governance.schemas import (
    AiPlan,
    AiVelocityView,
    ConstraintView,
    DecisionView,
    GovernanceInput,
    InvestmentSequence,
    SeamMap,
)
from scoring.governance.seams import seam_map
from scoring.model import ScoreResult, ScoringInput
from scoring.score import input_sha256, score, seed_for


class GovernanceReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    score: ScoreResult
    constraint: ConstraintView
    seams: SeamMap | None
    decisions: DecisionView | None
    investments: InvestmentSequence
    ai_velocity: AiVelocityView
    notes: list[str]


def _delay_cost(result: ScoreResult) -> float:
    for domain in result.domains:
        for driver in domain.drivers:
            for use in driver.inputs:
                if use.key == "delay_cost_per_day":
                    return use.value
    return 0.0


def _driver_mean(result: ScoreResult, key: str) -> float | None:
    for domain in result.domains:
        for driver in domain.drivers:
            if driver.key == key:
                return driver.mean
    return None


def governance_report(inp: ScoringInput, gov: GovernanceInput) -> GovernanceReport:
    """Score `inp` with the governance data folded in, then build every governance output.

    Pure and deterministic: the seed comes from the folded input's hash, and every what-if
    (initiatives, AI velocity) reuses it.
    """
    applied, notes = apply_governance(inp, gov)
    seed = seed_for(input_sha256(applied))
    baseline = score(applied, seed=seed)
    seams = seam_map(gov.seams)
    constraint = constraint_view(baseline, gov.constraints, seams)
    plan = gov.ai_plan or AiPlan(assumed=True)
    decisions = decision_view(gov.decisions, _delay_cost(baseline))
    # One total: the seam map and the decision rows stand in for one driver each, and quote
    # that driver's simulated figure as their total, the one every other output shows.
    if seams is not None:
        seams = seams.model_copy(
            update={"priced_annual_cost": _driver_mean(baseline, "handoff_failure")}
        )
    if decisions is not None:
        decisions = decisions.model_copy(
            update={"priced_annual_cost": _driver_mean(baseline, "cadence_misfit")}
        )
    return GovernanceReport(
        score=baseline,
        constraint=constraint,
        seams=seams,
        decisions=decisions,
        investments=rank_initiatives(
            gov.initiatives,
            inp=applied,
            baseline=baseline,
            seed=seed,
            constraint_stage=constraint.stage,
        ),
        ai_velocity=ai_velocity(plan, inp=applied, baseline=baseline, seed=seed),
        notes=notes,
    )

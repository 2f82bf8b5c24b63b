"""The AI-velocity view: OIaR now versus after AI speeds decisions through the same seams.

AI moving decisions k times faster pushes k times as much work a month through each handoff,
exception path and ownerless hand-off; governed seams absorb it, ungoverned ones fail in step.
So the seam drivers' event frequencies are multiplied by

    factor = speedup ** (1 − (maturity − 1) / 4)

with governance maturity on the 1-5 scale: maturity 5 (seams owned, KPIs aligned, decision
rights explicit) keeps frequencies where they are; maturity 1 scales them by the full speed-up.
Scored with the same seed as today's figure, so the difference is the effect alone.
"""

from __future__ import annotations

from scoring.explain import money
from scoring.governance.levers import scale_drivers
from scoring.governance.schemas import AiPlan, AiVelocityView
from scoring.model import ScoreResult, ScoringInput
from scoring.score import score

SEAM_DRIVERS = ("handoff_failure", "exception_volume", "unclear_ownership")
FORMULA = (
    "seam drivers' event frequencies × speedup ^ (1 − (maturity − 1) / 4), maturity 1-5; "
    "seam drivers: handoff failures, exception volume, unclear ownership"
)


def frequency_factor(plan: AiPlan) -> float:
    return float(plan.speedup ** (1.0 - (plan.maturity - 1) / 4.0))


def ai_velocity(
    plan: AiPlan, *, inp: ScoringInput, baseline: ScoreResult, seed: int
) -> AiVelocityView:
    factor = frequency_factor(plan)
    after = score(scale_drivers(inp, dict.fromkeys(SEAM_DRIVERS, factor)), seed=seed)
    now_by = {d.key: d for dom in baseline.domains for d in dom.drivers}
    after_by = {d.key: d for dom in after.domains for d in dom.drivers}
    by_driver: list[dict[str, float | str]] = [
        {
            "driver": key,
            "label": now_by[key].label,
            "now": now_by[key].mean,
            "after": after_by[key].mean,
        }
        for key in SEAM_DRIVERS
    ]
    added = round(after.total.mean - baseline.total.mean, 2)
    cur = baseline.currency
    assumed = " (assumed: nobody set the plan)" if plan.assumed else ""
    explanation = (
        f"Scaling AI to decide {plan.speedup:g}× faster at governance maturity "
        f"{plan.maturity} of 5{assumed} multiplies seam failures by {factor:.2f}: OIaR goes from "
        f"{money(baseline.total.mean, cur)} to {money(after.total.mean, cur)} a year "
        f"(+{money(added, cur)}). Fixing the seams first keeps that increase off the P&L."
    )
    return AiVelocityView(
        speedup=plan.speedup,
        maturity=plan.maturity,
        assumed=plan.assumed,
        frequency_factor=round(factor, 6),
        seam_drivers=list(SEAM_DRIVERS),
        now_total=baseline.total.mean,
        after_total=after.total.mean,
        added=added,
        by_driver=by_driver,
        formula=FORMULA,
        explanation=explanation,
    )

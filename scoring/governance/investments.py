"""The ranked investment sequence: initiatives by OIaR relieved per currency unit.

An initiative relieves drivers by fractions. Its relief is the total OIaR now minus the total
with each relieved driver's lever input scaled by (1 − fraction), scored with the *same seed*
(common random numbers), so the difference is the initiative's effect and not sampling noise.
For a driver outside the pools that is exactly fraction × the driver's mean; a pool share
relieved in an over-claimed pool frees less, because the other claimants' scaled-down shares
grow back. Payback in months = cost / (relief / 12).

Sequence: initiatives that relieve the constraint stage or a top-3 domain come first, by relief
per currency unit; the rest are flagged "pause: does not relieve the constraint" and listed
after. Each initiative is priced alone against today's score (reliefs are not compounded).
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.drivers import DRIVERS_BY_KEY
from scoring.explain import money
from scoring.governance.levers import check_driver, scale_drivers
from scoring.governance.schemas import Initiative, InitiativeResult, InvestmentSequence
from scoring.governance.stages import DRIVER_STAGES
from scoring.model import ScoreResult, ScoringInput
from scoring.score import score

PAUSE = "pause: does not relieve the constraint"
TOP_DOMAINS = 3
METHOD = (
    "relief = total OIaR now − total with each relieved driver × (1 − fraction), same seed; "
    "ranked by relief per currency unit; payback months = cost / (relief / 12)"
)


def _factors(initiative: Initiative) -> dict[str, float]:
    factors: dict[str, float] = {}
    for relief in initiative.relieves:
        check_driver(relief.driver)
        factors[relief.driver] = factors.get(relief.driver, 1.0) * (1.0 - relief.fraction)
    return factors


def _one(
    initiative: Initiative,
    inp: ScoringInput,
    baseline: ScoreResult,
    seed: int,
    constraint_stage: str | None,
    top: Sequence[str],
) -> InitiativeResult:
    relieved_total = score(scale_drivers(inp, _factors(initiative)), seed=seed).total.mean
    relieved = round(baseline.total.mean - relieved_total, 2)
    drivers = [DRIVERS_BY_KEY[r.driver] for r in initiative.relieves]
    on_constraint = constraint_stage is not None and any(
        constraint_stage in DRIVER_STAGES[d.key] for d in drivers
    )
    on_top = any(d.domain in top for d in drivers)
    pause = not (on_constraint or on_top)
    per_dollar = relieved / initiative.cost
    payback = round(initiative.cost / (relieved / 12.0), 1) if relieved > 0 else None
    cur = baseline.currency
    pairs = zip(drivers, initiative.relieves, strict=True)
    what = ", ".join(f"{d.label} by {r.fraction:.0%}" for d, r in pairs)
    explanation = (
        f"{initiative.name} costs {money(initiative.cost, cur)} and relieves {what}: "
        f"about {money(relieved, cur)} a year of OIaR"
        + (f", paying back in {payback:g} months." if payback is not None else ", no payback.")
        + (f" Flagged — {PAUSE}." if pause else "")
    )
    return InitiativeResult(
        name=initiative.name,
        cost=initiative.cost,
        rank=0,
        relieved=relieved,
        relieved_per_dollar=round(per_dollar, 6),
        payback_months=payback,
        touches_constraint=on_constraint,
        touches_top_domains=on_top,
        pause=pause,
        flag=PAUSE if pause else None,
        reliefs=list(initiative.relieves),
        explanation=explanation,
    )


def rank_initiatives(
    initiatives: Sequence[Initiative],
    *,
    inp: ScoringInput,
    baseline: ScoreResult,
    seed: int,
    constraint_stage: str | None,
) -> InvestmentSequence:
    """Rank initiatives against `baseline`, the score of `inp` with `seed`."""
    top = [d.key for d in baseline.domains[:TOP_DOMAINS]]
    results = [_one(i, inp, baseline, seed, constraint_stage, top) for i in initiatives]
    ranked = sorted(results, key=lambda r: (r.pause, -r.relieved_per_dollar, r.name.casefold()))
    return InvestmentSequence(
        baseline_total=baseline.total.mean,
        constraint_stage=constraint_stage,
        top_domains=top,
        initiatives=[r.model_copy(update={"rank": n}) for n, r in enumerate(ranked, start=1)],
        method=METHOD,
    )

"""The methodology, in words, written from the constants of the model that runs.

A report's methodology section is what an auditor checks the figures against: it must say what
the code does, so every number in it (spreads, draws, thresholds, bands) is read from the
module that uses it rather than typed again here.
"""

from __future__ import annotations

from scoring.answer_check import MAX_DRIVER_SHARE_OF_REVENUE
from scoring.catalog import POOLS
from scoring.drivers import DRIVERS, DRIVERS_BY_KEY
from scoring.plausibility import BAND_BPS, CEILING_SHARE_OF_OPERATING_INCOME
from scoring.resolve import ANSWER_POINT_SPREAD, POOL_POINT_SPREAD
from scoring.score import (
    DISAGREEMENT_RATIO,
    HIGH_COVERAGE,
    HIGH_RESPONDENTS,
    MEDIUM_COVERAGE,
)
from scoring.simulate import EVENT_DRIVERS, MIXTURE_RULE

__all__ = ["methodology"]


def _spread(pair: tuple[float, float]) -> str:
    return f"×{pair[0]:.2g}–×{pair[1]:.3g}"


def _net_rule() -> str:
    pairs = [
        f"{d.label.lower()} beyond {DRIVERS_BY_KEY[d.net_of].label.lower()}"
        for d in DRIVERS
        if d.net_of is not None
    ]
    return "Where two drivers count the same money, one is priced only beyond the other: " + (
        "; ".join(pairs) + "."
    )


def methodology(draws: int) -> tuple[str, ...]:
    """The methodology of a score simulated with `draws` draws."""
    pools = ", ".join(label.lower() for label in POOLS.values())
    low, high = BAND_BPS
    return (
        f"Each domain's Operating Income at Risk is the sum of its drivers' annual losses; each "
        f"of the {len(DRIVERS)} drivers is an explicit formula of named inputs (frequency × "
        "magnitude, labour time, share × pool, or probability × impact). The total is the sum "
        "of the domains, to the cent.",
        "Inputs come from leaders' answers; an input nobody answered takes a benchmark "
        "assumption, listed below with its rationale and source, and carries a wider range.",
        "Every value is read as a 90% range (low = P5, likely = median, high = P95) and sampled "
        "from a split lognormal: below the median a lognormal through P5, above it one through "
        f"P95. A point answer is widened to {_spread(ANSWER_POINT_SPREAD)} (a finance pool "
        f"amount to {_spread(POOL_POINT_SPREAD)}), narrowed to fit when it sits near a bound; "
        "scales, yes/no and choices are taken as stated.",
        MIXTURE_RULE,
        f"A Monte Carlo simulation of {draws:,} draws gives the mean and the P10–P90 of every "
        "domain and of the total: the 80% range of the expected yearly loss, not of one year's "
        "loss, which varies more. Its seed derives from the input's SHA-256, so the same "
        "answers always give the same figures.",
        "A year's loss is simulated beside it: event-like drivers "
        f"({', '.join(DRIVERS_BY_KEY[k].label.lower() for k in EVENT_DRIVERS)}) arrive as "
        "whole events (a Poisson count at their yearly rate, or one event with its stated "
        "chance) on a random stream of their own, giving the loss exceedance curve (the loss "
        "exceeded once in 2, 5, 10, 20, 50 and 100 years) and the chance a year exceeds half "
        "of operating income.",
        "Each driver is one ledger line and one kind of money: cash (a P&L cost), contribution "
        "(lost sales × the contribution margin, never revenue as income) or capacity (lost paid "
        "hours × the share that could be redeployed); OIaR counts cash + contribution + "
        "recovered capacity, and the hours at full cost are shown but not counted.",
        f"Finance's pools ({pools}) are ceilings: the drivers that claim shares of one pool and "
        "the per-event drivers whose money lands on its line are scaled together so that they "
        f"never claim more than all of it. {_net_rule()}",
        f"Confidence reflects coverage (the share of a domain's value resting on answers): "
        f"high at {HIGH_COVERAGE:.0%} or more with {HIGH_RESPONDENTS} or more respondents who "
        f"agree within {DISAGREEMENT_RATIO:g}×, medium at {MEDIUM_COVERAGE:.0%} or more, low "
        f"below. Disagreements of {DISAGREEMENT_RATIO:g}× or more between respondents are "
        "listed. How firm the ranking is shows separately: the share of draws in which each "
        "domain holds its rank and in which it is among the top three.",
        f"Plausibility: {low:.0f}–{high:.0f} bps of revenue is already material leakage; a total "
        f"above {CEILING_SHARE_OF_OPERATING_INCOME:.0%} of operating income is flagged with "
        "the inputs to check. An answer that alone would price a driver above "
        f"{MAX_DRIVER_SHARE_OF_REVENUE:.0%} of revenue was confirmed by the respondent before "
        "it counted.",
        "Basis points are of annual revenue; shares of operating income use revenue × operating "
        "margin from the organization's profile.",
    )

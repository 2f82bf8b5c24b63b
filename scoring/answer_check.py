"""Is one answer believable on its own? Its drivers priced with it, everything else typical.

An interviewer should confirm a figure that alone would price a driver at a large share of
revenue ("That prices decision latency at $14M a year, 14% of revenue: did you mean 3 days
rather than 30?") before it moves a board figure. Each driver the input feeds is priced at its
central values: this answer, the organization profile, and every other input at what the
organization's current state resolves to (answers where given, else benchmark assumptions),
and in the money the score counts (contribution at the margin, capacity at the recovery share).
Share-of-pool drivers are left out: a share can never claim more than the pool it divides. A
driver priced net of another is checked before the netting: the stricter reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from scoring.drivers import (
    ANSWERED_INPUTS,
    CAPACITY_RECOVERY,
    CONTRIBUTION_MARGIN,
    DRIVERS,
    HEADCOUNT,
    answered,
)
from scoring.model import OrganizationProfile, ScoringInput
from scoring.resolve import resolve_inputs

# One driver above this share of revenue, from one answer, asks for a confirmation: a tenth of
# the method's whole material-leakage band (50-150 bps) would be 0.15%; 5% is over thirty
# times the band's top, for a single driver.
MAX_DRIVER_SHARE_OF_REVENUE = 0.05


@dataclass(frozen=True, slots=True)
class DriverPrice:
    driver: str
    label: str
    annual: float
    share_of_revenue: float


@dataclass(frozen=True, slots=True)
class AnswerCheck:
    """The largest driver an answer would price above the threshold, and a likelier value."""

    price: DriverPrice
    # The answer divided by ten when that brings the driver back under the threshold (a
    # slipped zero is the usual cause), else None.
    suggestion: float | None


def central_values(inp: ScoringInput) -> dict[str, float]:
    """Every input's central value as `inp` resolves it (answers, else assumptions): what a
    check prices the other inputs at. Worth caching per input: resolving is the costly part.

    Also `answered(key)` (1.0 or 0.0) for the inputs whose formula reads whether they were
    stated (`Driver.answered_inputs`)."""
    resolved = resolve_inputs(inp).inputs
    central = {key: item.central for key, item in resolved.items()}
    for key in ANSWERED_INPUTS:
        central[answered(key)] = 1.0 if resolved[key].source == "answer" else 0.0
    return central


def price_alone(
    central: Mapping[str, float], org: OrganizationProfile, key: str, value: float
) -> list[DriverPrice]:
    """The annual cost of each rate, labour or expected-loss driver `key` feeds, at `value`."""
    prices = []
    for driver in DRIVERS:
        if key not in driver.inputs or driver.kind == "share_of_pool":
            continue
        # What the score would count: lost sales at the margin, lost hours at the recovery
        # share, so the figure a confirmation quotes is the one the board page would show.
        needed = (*driver.inputs, CONTRIBUTION_MARGIN, CAPACITY_RECOVERY)
        values = {k: np.array([central[k]], dtype=np.float64) for k in needed}
        values[key] = np.array([value], dtype=np.float64)
        values[HEADCOUNT] = np.array([float(org.headcount)])
        for k in driver.answered_inputs:
            # The figure checked is an answer; the others are as the state has them.
            stated = 1.0 if k == key else central.get(answered(k), 0.0)
            values[answered(k)] = np.array([stated])
        annual = float(driver.price(values)[0])
        prices.append(DriverPrice(driver.key, driver.label, annual, annual / org.revenue))
    return prices


def check_answer(
    central: Mapping[str, float], org: OrganizationProfile, key: str, value: float
) -> AnswerCheck | None:
    """None when every driver `key` feeds stays under the threshold at `value`."""
    limit = MAX_DRIVER_SHARE_OF_REVENUE
    over = [p for p in price_alone(central, org, key, value) if p.share_of_revenue > limit]
    if not over:
        return None
    worst = max(over, key=lambda p: p.annual)
    tenth = value / 10.0
    fits = all(p.share_of_revenue <= limit for p in price_alone(central, org, key, tenth))
    return AnswerCheck(worst, tenth if fits and tenth > 0 else None)

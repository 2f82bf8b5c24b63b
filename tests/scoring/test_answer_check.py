"""One answer priced on its own: a figure that alone claims a large share of revenue."""

from __future__ import annotations

import pytest
from factories import make_input

from scoring import OrganizationProfile
from scoring.answer_check import (
    MAX_DRIVER_SHARE_OF_REVENUE,
    central_values,
    check_answer,
    price_alone,
)

Typical = tuple[dict[str, float], OrganizationProfile]


@pytest.fixture(scope="module")
def typical() -> tuple[dict[str, float], OrganizationProfile]:
    inp = make_input({}, draws=100)
    return central_values(inp), inp.organization


def test_a_typical_answer_passes_and_ten_times_it_is_flagged(typical: Typical) -> None:
    central, org = typical
    # 8 escalations a month at the benchmark wait and delay cost: a few % of revenue at most.
    assert check_answer(central, org, "escalated_decisions_per_month", 8.0) is None
    found = check_answer(central, org, "escalated_decisions_per_month", 80.0)

    assert found is not None
    assert found.price.driver == "decision_latency"
    assert found.price.share_of_revenue > MAX_DRIVER_SHARE_OF_REVENUE
    # 12 × 80 × the benchmark wait × the benchmark cost of a day, priced by the formula.
    expected = 12 * 80 * central["decision_wait_days"] * central["delay_cost_per_day"]
    assert found.price.annual == pytest.approx(expected)
    assert found.suggestion == pytest.approx(8.0)


def test_no_suggestion_when_a_tenth_is_still_too_much(typical: Typical) -> None:
    central, org = typical
    found = check_answer(central, org, "escalated_decisions_per_month", 10_000.0)
    assert found is not None and found.suggestion is None


def test_a_stated_disruption_cost_is_priced_as_stated(typical: Typical) -> None:
    central, org = typical
    (stated,) = price_alone(central, org, "major_disruption_cost", 2_000_000.0)
    # The answer already reflects the firm's sourcing: no dual-sourcing discount on it.
    assert stated.annual == pytest.approx(central["major_disruption_probability"] * 2_000_000.0)
    (chance,) = price_alone(central, org, "major_disruption_probability", 0.3)
    # With the cost left to its benchmark, the assumed dual sourcing still discounts it.
    discount = 1 - 0.5 * central["dual_sourced"]
    assert chance.annual == pytest.approx(0.3 * central["major_disruption_cost"] * discount)


def test_share_of_pool_drivers_are_not_priced_alone(typical: Typical) -> None:
    central, org = typical
    # A share can never claim more than the pool it divides.
    assert price_alone(central, org, "approval_expedite_share", 1.0) == []
    assert check_answer(central, org, "approval_expedite_share", 1.0) is None

"""One year's loss with event-like drivers simulated as discrete events, and its exceedance
curve: what a risk analyst reads beside the range of the expected loss."""

from __future__ import annotations

from typing import Any

import pytest
from factories import make_input

from scoring import INPUTS, score
from scoring.catalog import POOLS, pool_input_key


def _exact(value: float) -> dict[str, float]:
    return {"low": value, "likely": value, "high": value}


def _only(**given: float) -> dict[str, Any]:
    inputs: dict[str, Any] = {key: _exact(0.0) for key in INPUTS}
    inputs["ownership_clarity"] = _exact(5.0)
    inputs.update({pool_input_key(pool): _exact(1e12) for pool in POOLS})
    inputs.update({key: _exact(value) for key, value in given.items()})
    return inputs


def test_a_rare_breach_is_a_whole_event_in_a_year_not_a_twentieth_of_one() -> None:
    # 5% a year of a $10M breach: an expected $500k a year, with no spread at all, while a
    # year's loss is nothing most years and $10M or more in about one year in twenty.
    result = score(make_input(_only(breach_probability=0.05, breach_cost=10e6), draws=20_000))
    assert result.total.mean == 500_000.0
    assert result.total.p10 == result.total.p90 == 500_000.0
    annual = result.annual_loss
    assert annual is not None
    assert annual.p50 == 0.0 and annual.p90 == 0.0
    assert annual.mean == pytest.approx(500_000.0, rel=0.1)
    one_in_100 = next(p for p in annual.exceedance if p.probability == 0.01)
    assert one_in_100.loss >= 10e6
    assert "cyber_third_party" in annual.event_drivers


def test_the_exceedance_curve_rises_as_the_chance_falls() -> None:
    result = score(make_input(draws=5_000))
    annual = result.annual_loss
    assert annual is not None
    chances = [p.probability for p in annual.exceedance]
    losses = [p.loss for p in annual.exceedance]
    assert chances == sorted(chances, reverse=True) and chances[-1] == 0.01
    assert losses == sorted(losses)
    # One year spreads wider than the expected loss.
    assert annual.p90 - annual.p10 > result.total.p90 - result.total.p10
    assert annual.mean == pytest.approx(result.total.mean, rel=0.05)
    assert annual.probability_above_ceiling is not None


def test_rate_drivers_are_not_made_lumpy() -> None:
    # Handoff failures are frequent small events: a year's loss is their expected loss.
    result = score(
        make_input(_only(handoff_failures_per_month=10, handoff_failure_cost=1_000), draws=2_000)
    )
    annual = result.annual_loss
    assert annual is not None
    assert annual.p10 == annual.p90 == result.total.mean == 120_000.0

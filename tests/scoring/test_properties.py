"""Hypothesis properties of the scoring core: determinism, additivity, monotonicity, scaling."""

from __future__ import annotations

from typing import Any

from factories import make_benchmarks, make_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import DRIVERS, INPUTS, Benchmark, ScoreResult, score

SEED = 20261124
DRAWS = 400
CONTINUOUS = sorted(k for k, s in INPUTS.items() if not s.is_discrete)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _domain_of(key: str) -> set[str]:
    return {d.domain for d in DRIVERS if key in d.inputs}


def _value_for(key: str, raw: float) -> float:
    spec = INPUTS[key]
    if spec.kind == "share":
        return min(raw / 1_000.0, 0.7)
    if spec.high_bound is not None:
        return min(raw, spec.high_bound)
    return raw


answers = st.dictionaries(
    st.sampled_from(CONTINUOUS), st.floats(min_value=0.0, max_value=500.0), max_size=8
).map(lambda d: {k: _value_for(k, v) for k, v in d.items()})


@FAST
@given(answers=answers)
def test_property_same_input_same_bytes(answers: dict[str, float]) -> None:
    inp = make_input(answers, draws=DRAWS)
    assert score(inp).model_dump_json() == score(inp).model_dump_json()


@FAST
@given(answers=answers)
def test_property_parts_add_up_and_ranks_follow_means(answers: dict[str, float]) -> None:
    result = score(make_input(answers, draws=DRAWS))
    assert round(sum(d.mean for d in result.domains), 2) == result.total.mean
    for domain in result.domains:
        assert round(sum(dr.mean for dr in domain.drivers), 2) == domain.mean
    means = [d.mean for d in result.domains]
    assert means == sorted(means, reverse=True)
    assert [d.rank for d in result.domains] == list(range(1, 10))


@FAST
@given(
    key=st.sampled_from(sorted(INPUTS)),
    base=st.floats(min_value=0.0, max_value=200.0),
    factor=st.floats(min_value=1.0, max_value=5.0),
)
def test_property_worse_answer_never_lowers_its_domain(
    key: str, base: float, factor: float
) -> None:
    spec = INPUTS[key]
    before, after = _worse_pair(key, base, factor)
    a = score(make_input({key: before}, draws=DRAWS), seed=SEED)
    b = score(make_input({key: after}, draws=DRAWS), seed=SEED)
    for domain in _domain_of(key):
        mean_a = next(d.mean for d in a.domains if d.key == domain)
        mean_b = next(d.mean for d in b.domains if d.key == domain)
        assert mean_b >= mean_a - 0.01, (key, spec.worse_when, before, after)


def _worse_pair(key: str, base: float, factor: float) -> tuple[float, float]:
    """Two answers for `key`: the second is worse in the input's worse_when direction."""
    spec = INPUTS[key]
    if spec.kind == "scale":
        low = 1 + int(base) % 5
        return float(min(low + 1, 5)), float(low)  # lower clarity is worse
    if spec.kind == "flag":
        return 1.0, 0.0
    value = _value_for(key, base)
    if spec.high_bound is not None:
        value = min(value, spec.high_bound / factor)
    scaled = value * factor
    if spec.high_bound is not None:
        # value <= bound / factor, but value * factor may round a hair past the bound.
        scaled = min(scaled, spec.high_bound)
    worse_higher = spec.worse_when == "higher"
    return (value, scaled) if worse_higher else (scaled, value)


def _scaled_benchmarks(k: float) -> dict[str, Benchmark]:
    scaled = {}
    for key, bench in make_benchmarks().items():
        money_absolute = INPUTS[key].is_money and bench.basis == "absolute"
        f = k if money_absolute else 1.0
        scaled[key] = bench.model_copy(
            update={"low": bench.low * f, "likely": bench.likely * f, "high": bench.high * f}
        )
    return scaled


def _money_figures(result: ScoreResult) -> list[float]:
    figures = [result.total.mean, result.total.p10, result.total.p50, result.total.p90]
    for d in result.domains:
        figures += [d.mean, d.p10, d.p50, d.p90, *(dr.mean for dr in d.drivers)]
    return figures


@FAST
@given(answers=answers, k=st.sampled_from([0.5, 2.0, 10.0, 1_000.0]))
def test_property_scaling_money_scales_every_money_output(
    answers: dict[str, float], k: float
) -> None:
    base = make_input(answers, draws=DRAWS, loaded_labor_cost_per_hour=50.0)
    money: dict[str, Any] = {
        key: (v * k if INPUTS[key].is_money else v) for key, v in answers.items()
    }
    scaled = make_input(
        money,
        draws=DRAWS,
        revenue=base.organization.revenue * k,
        loaded_labor_cost_per_hour=50.0 * k,
    ).model_copy(update={"benchmarks": _scaled_benchmarks(k)})
    a, b = score(base, seed=SEED), score(scaled, seed=SEED)
    # Each of the 29 driver means is rounded to the cent on both sides, so sums may drift by
    # up to half a cent per driver on each side; nothing else is allowed to differ.
    cents = 0.005 * len(DRIVERS) * (1.0 + k)
    for x, y in zip(_money_figures(a), _money_figures(b), strict=True):
        assert abs(y - x * k) <= cents + 1e-9 * abs(x * k)
    assert [d.key for d in a.domains] == [d.key for d in b.domains] or _ties(a)
    assert abs(a.total.bps_of_revenue - b.total.bps_of_revenue) <= 0.011


def _ties(result: ScoreResult) -> bool:
    means = [d.mean for d in result.domains]
    return len(set(means)) < len(means)


@FAST
@given(shares=st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=3, max_size=3))
def test_property_no_pool_claimed_beyond_its_amount(shares: list[float]) -> None:
    keys = ["approval_expedite_share", "sequencing_expedite_share", "incentive_expedite_share"]
    inputs = dict(zip(keys, shares, strict=True))
    result = score(make_input(inputs, draws=DRAWS))
    claim = next(c for c in result.pool_claims if c.pool == "expedite")
    claimed = sum(dr.mean for d in result.domains for dr in d.drivers if dr.pool == "expedite")
    assert claimed <= claim.amount + 0.05

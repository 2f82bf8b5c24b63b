"""The split-lognormal sampler and the per-assessment random streams."""

from __future__ import annotations

import numpy as np
import pytest
from factories import make_input

from scoring.catalog import INPUT_KEYS
from scoring.resolve import ResolvedAssessment, resolve_inputs
from scoring.simulate import Z95, _deal, _sample_inputs, simulate_draws, split_lognormal


def _q(z: float, low: float, likely: float, high: float) -> float:
    arr = split_lognormal(np.array([z]), np.array([low]), np.array([likely]), np.array([high]))
    return float(arr[0])


@pytest.mark.parametrize(
    ("low", "likely", "high"), [(2.0, 3.0, 5.0), (10.0, 10.0, 40.0), (0.5, 4.0, 4.0)]
)
def test_split_lognormal_hits_p5_median_p95(low: float, likely: float, high: float) -> None:
    assert _q(-Z95, low, likely, high) == pytest.approx(low)
    assert _q(0.0, low, likely, high) == pytest.approx(likely)
    assert _q(Z95, low, likely, high) == pytest.approx(high)


def test_split_lognormal_zero_low_end_is_linear_and_floored_at_zero() -> None:
    assert _q(-Z95, 0.0, 4.0, 8.0) == pytest.approx(0.0)
    assert _q(-Z95 / 2, 0.0, 4.0, 8.0) == pytest.approx(2.0)
    assert _q(-3.0, 0.0, 4.0, 8.0) == 0.0


def test_split_lognormal_zero_likely_is_half_normal_above_zero() -> None:
    assert _q(Z95, 0.0, 0.0, 6.0) == pytest.approx(6.0)
    assert _q(-1.0, 0.0, 0.0, 6.0) == 0.0


def test_split_lognormal_all_zero_is_zero() -> None:
    assert _q(2.0, 0.0, 0.0, 0.0) == 0.0


def test_split_lognormal_sampled_quantiles_match_the_range() -> None:
    z = np.random.Generator(np.random.PCG64(7)).standard_normal(200_000)
    x = split_lognormal(z, np.array(3.0), np.array(5.0), np.array(12.0))
    p5, p50, p95 = np.quantile(x, [0.05, 0.5, 0.95])
    assert p5 == pytest.approx(3.0, rel=0.02)
    assert p50 == pytest.approx(5.0, rel=0.02)
    assert p95 == pytest.approx(12.0, rel=0.02)


def test_split_lognormal_is_monotone_in_z() -> None:
    z = np.linspace(-4, 4, 101)
    x = split_lognormal(z, np.array(1.0), np.array(3.0), np.array(9.0))
    assert np.all(np.diff(x) >= 0)


def _two_people_on_one_input(draws: int) -> tuple[ResolvedAssessment, int]:
    inp = make_input(
        {
            "decision_wait_days": [
                {"value": {"low": 1, "likely": 2, "high": 4}, "respondent": {"name": "Ana"}},
                {"value": {"low": 6, "likely": 9, "high": 20}, "respondent": {"name": "Ben"}},
            ]
        },
        draws=draws,
    )
    return resolve_inputs(inp), INPUT_KEYS.index("decision_wait_days")


def test_draws_come_in_antithetic_pairs_for_an_odd_draw_count() -> None:
    resolved, _ = _two_people_on_one_input(101)

    normals, _, _ = simulate_draws([resolved], headcounts=[100], seeds=[3], draws=101)

    # Draw j + 51 mirrors draw j; the odd last draw of the first half has no partner.
    np.testing.assert_array_equal(normals[0, :, 51:], -normals[0, :, :50])
    assert np.all(normals[0, :, :51] != 0.0)


def test_a_mixture_draw_is_its_dealt_respondents_own_split_lognormal() -> None:
    resolved, k = _two_people_on_one_input(2_000)
    item = resolved.inputs["decision_wait_days"]
    normals = np.random.Generator(np.random.PCG64(5)).standard_normal((1, len(INPUT_KEYS), 2_000))

    sampled = _sample_inputs([resolved], normals, 2_000)["decision_wait_days"][0]

    rows = item.params[_deal(k, item.weights, 2, 2_000)]
    expected = split_lognormal(normals[0, k], rows[:, 0], rows[:, 1], rows[:, 2])
    np.testing.assert_allclose(sampled, expected, rtol=1e-12)
    # Each person takes half the draws, and each keeps their own range.
    assert (rows[:, 1] == 2.0).mean() == pytest.approx(0.5, abs=0.01)
    assert sampled[rows[:, 1] == 9.0].min() > sampled[rows[:, 1] == 2.0].min()

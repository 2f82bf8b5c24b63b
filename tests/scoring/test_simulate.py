"""The split-lognormal sampler and the per-assessment random streams."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.simulate import Z95, split_lognormal


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

"""The sort-based quantiles give np.quantile's floats exactly, on draws shaped like the core's."""

from __future__ import annotations

import numpy as np
import pytest

from scoring.quantiles import quantiles

LEVELS = (0.1, 0.5, 0.9, 0.5, 0.8, 0.9, 0.95, 0.98, 0.99)


def _numpy(draws: np.ndarray, levels: tuple[float, ...]) -> np.ndarray:
    return np.moveaxis(np.quantile(draws, levels, axis=-1), 0, -1)


@pytest.mark.parametrize("shape", [(1000,), (3, 1000), (2, 10, 10_000), (4, 7, 999), (1, 1, 2)])
def test_same_floats_as_numpy(shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(sum(shape))
    draws = rng.lognormal(10.0, 2.0, shape)
    draws[..., ::7] = 0.0  # ties and a floor, as capped and zero-low answers give
    expected = _numpy(draws, LEVELS)
    got = quantiles(draws, LEVELS)
    assert got.shape == (*shape[:-1], len(LEVELS))
    assert got.tobytes() == expected.tobytes()


def test_ends_and_single_draw() -> None:
    draws = np.array([[3.0, 1.0, 2.0], [5.0, 5.0, 5.0]])
    assert quantiles(draws, (0.0, 1.0)).tolist() == [[1.0, 3.0], [5.0, 5.0]]
    assert quantiles(np.array([[4.0]]), (0.1, 0.9)).tolist() == [[4.0, 4.0]]


def test_a_row_with_nan_reads_nan_like_numpy() -> None:
    draws = np.array([[1.0, np.nan, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]])
    got = quantiles(draws, (0.1, 0.5))
    assert np.isnan(got[0]).all()
    assert got[1].tolist() == _numpy(draws[1:], (0.1, 0.5))[0].tolist()


def test_copy_leaves_the_draws_in_draw_order_and_in_place_sorts() -> None:
    draws = np.array([3.0, 1.0, 2.0])
    quantiles(draws, (0.5,))
    assert draws.tolist() == [3.0, 1.0, 2.0]
    quantiles(draws, (0.5,), in_place=True)
    assert draws.tolist() == [1.0, 2.0, 3.0]

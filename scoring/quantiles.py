"""Quantiles of simulation draws, bit for bit numpy's default (linear, Hyndman & Fan type 7).

`np.quantile` moves the draws' axis to the front and partitions across it for every kth it
needs: on this core's (rows, draws) blocks that strided selection cost about four times a
plain sort along the contiguous last axis. Sorting, then reading the two neighbours of each
quantile's position and interpolating in numpy's own order of operations, gives the same
floats (checked against `np.quantile` in tests/scoring/test_quantiles.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def quantiles(draws: Array, levels: Sequence[float], *, in_place: bool = False) -> Array:
    """The `levels` quantiles of `draws` along its last axis: shape (..., len(levels)).

    `in_place` sorts `draws` itself (for a scratch array the caller no longer reads in draw
    order); otherwise a sorted copy is made.
    """
    ordered = draws if in_place else draws.copy()
    ordered.sort(axis=-1)
    n = ordered.shape[-1]
    virtual = (n - 1) * np.asarray(levels, dtype=np.float64)
    below = np.floor(virtual)
    previous_index = below.astype(np.intp)
    next_index = np.minimum(previous_index + 1, n - 1)
    # At the top level (1.0) both neighbours are the last draw, as numpy takes them.
    previous_index[virtual >= n - 1] = n - 1
    previous, following = ordered[..., previous_index], ordered[..., next_index]
    gamma = virtual - previous_index
    # numpy's _lerp: from the lower neighbour below the midpoint, from the upper one above it.
    diff = following - previous
    result: Array = previous + diff * gamma
    upper = gamma >= 0.5
    result[..., upper] = following[..., upper] - diff[..., upper] * (1 - gamma[upper])
    # A row holding a NaN has NaN quantiles (it sorts last), as numpy reports.
    result[np.isnan(ordered[..., -1])] = np.nan
    return result

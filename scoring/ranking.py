"""Rank statistics over simulation draws: how often each domain holds its reported rank.

The reported ranking is by mean. Per draw, the domains are ranked by that draw's totals; ties
within a draw (two domains both at zero, say) are broken by the reported order, so a tie never
counts as a domain losing its rank. Pure numpy, no randomness: the draws carry the seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
# The top three must each hold their rank this often for the ranking to count as settled.
SETTLED_HOLD = 0.9
TOP = 3


def draw_ranks(domain_draws: Array, order: Sequence[int]) -> npt.NDArray[np.intp]:
    """Per-draw 0-based rank of each domain, rows in the reported `order`.

    Args:
        domain_draws: (domains, draws) totals per domain and draw, rows in catalog order.
        order: Catalog indices of the domains from the first-ranked down.

    Returns:
        (domains, draws): row i is the domain ranked i + 1, its entry its rank in that draw.
    """
    ordered = domain_draws[np.asarray(order)]
    # A stable sort on the rows in reported order breaks exact ties in that order.
    by_draw = np.argsort(-ordered, axis=0, kind="stable")
    ranks = np.empty_like(by_draw)
    positions = np.broadcast_to(np.arange(len(order))[:, None], by_draw.shape)
    np.put_along_axis(ranks, by_draw, positions, axis=0)
    return ranks


def hold_probability(domain_draws: Array, order: Sequence[int]) -> Array:
    """Share of draws in which each domain (in reported `order`) holds its reported rank."""
    ranks = draw_ranks(domain_draws, order)
    held: Array = (ranks == np.arange(len(order))[:, None]).mean(axis=1)
    return held


def top_probability(domain_draws: Array, order: Sequence[int], top: int = TOP) -> Array:
    """Share of draws in which each domain (in reported `order`) ranks among the first `top`."""
    ranks = draw_ranks(domain_draws, order)
    inside: Array = (ranks < top).mean(axis=1)
    return inside


def order_by_mean(domain_draws: Array, keys: Sequence[str]) -> list[int]:
    """Catalog indices ranked by mean, highest first; equal means by key."""
    means = domain_draws.mean(axis=1)
    return sorted(range(len(keys)), key=lambda j: (-float(means[j]), keys[j]))


def settled(hold: Array, top: int = TOP, threshold: float = SETTLED_HOLD) -> bool:
    """Whether each of the top `top` domains holds its rank in at least `threshold` of draws."""
    return bool((hold[:top] >= threshold).all())

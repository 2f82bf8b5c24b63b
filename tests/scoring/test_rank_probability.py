"""rank_probability: how often each domain holds its reported rank across the draws."""

from __future__ import annotations

import numpy as np
import pytest
from factories import make_input

from scoring import INPUTS, score
from scoring.ranking import draw_ranks, rank_probabilities, settled


def test_rank_probability_in_unit_interval_and_deterministic() -> None:
    inp = make_input({"decision_wait_days": 4.0}, draws=1_000)

    first, second = score(inp), score(inp)

    probs = [d.rank_probability for d in first.domains]
    assert all(0.0 <= p <= 1.0 for p in probs)
    assert probs == [d.rank_probability for d in second.domains]


def test_rank_probability_certain_inputs_hold_every_rank() -> None:
    exact = {key: {"low": 1.0, "likely": 1.0, "high": 1.0} for key in INPUTS}
    exact["ownership_clarity"] = {"low": 2.0, "likely": 2.0, "high": 2.0}
    result = score(make_input(exact, draws=500))

    assert [d.rank_probability for d in result.domains] == [1.0] * 9


def test_rank_probabilities_ties_broken_by_reported_order() -> None:
    draws = np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [3.0, 1.0, 2.0]])

    # Domain 2 first; domains 0 and 1 tie at zero in every draw: the reported order decides.
    assert rank_probabilities(draws, [2, 1, 0])[0].tolist() == [1.0, 1.0, 1.0]
    assert draw_ranks(draws, [2, 0, 1])[:, 0].tolist() == [0, 1, 2]


def test_rank_probabilities_counts_swaps() -> None:
    draws = np.array([[2.0, 2.0, 0.0, 2.0], [1.0, 1.0, 3.0, 1.0]])

    held, _ = rank_probabilities(draws, [0, 1])

    assert held.tolist() == [0.75, 0.75]
    assert not settled(held, top=2)
    assert settled(np.array([0.95, 0.9, 0.91, 0.1]))


def test_top3_probability_counts_three_domains_per_draw() -> None:
    result = score(make_input({"decision_wait_days": {"low": 1, "likely": 4, "high": 20}}))

    top3 = [d.top3_probability for d in result.domains]
    # Every draw has exactly three domains in its top three.
    assert sum(top3) == pytest.approx(3.0, abs=1e-3)
    for d in result.domains[:3]:
        assert d.top3_probability >= d.rank_probability
    assert all(0.0 <= p <= 1.0 for p in top3)


def test_top_probability_of_a_known_draw_table() -> None:
    draws = np.array([[5.0, 1.0], [4.0, 6.0], [3.0, 3.0], [0.0, 2.0]])

    # Reported order 1, 0, 2, 3. First draw: 0, 1, 2 are the top three; second draw: 1, 2, 3
    # (domain 0 falls to last).
    assert rank_probabilities(draws, [1, 0, 2, 3])[1].tolist() == [1.0, 0.5, 1.0, 0.5]


def test_draw_ranks_match_a_stable_sort_per_draw_with_ties() -> None:
    # Reference: per draw, domains sorted by value (highest first), ties in reported order.
    rng = np.random.default_rng(7)
    draws = rng.integers(0, 4, size=(2, 9, 300)).astype(np.float64)  # many ties
    orders = np.array([rng.permutation(9) for _ in range(2)])
    ranks = draw_ranks(draws, orders)
    for b in range(2):
        ordered = draws[b, orders[b]]
        for d in range(draws.shape[-1]):
            by_rank = sorted(range(9), key=lambda i: (-ordered[i, d], i))
            assert [by_rank.index(i) for i in range(9)] == ranks[b, :, d].tolist()

"""Value of information: which unanswered input would most settle the top of the ranking.

Estimator (one simulation batch, vectorized): simulate the current state (answers where given,
benchmark ranges elsewhere) and record, per draw, two kinds of outcome: whether each of the top
three domains holds its reported rank (what the stop rule asks), and whether each domain is in
the top three at all (what a reader acts on; a domain now ranked sixth can enter it). Knowing
input k exactly would remove the part of each outcome's variance that k's draw explains. With
common random numbers each input's draw is a monotone function of its own standard normal z_k,
so that part is estimated by cutting the draws into equal-count bins of z_k and taking the
variance of the outcome's mean across bins. Bins, unlike a linear covariance, also catch an
input that matters only in its tail (a breach cost that reorders the ranking only when it is
large). The value of input k is the sum over outcomes, each less its sampling-noise floor
(bins - 1) / draws x Var(outcome), which an unrelated input's bins show in expectation (so noise
ranks at zero, not by chance).

An input others already answered is discounted by 1 / (n + 1): one more voice in an
equal-weight mixture of n respondents moves a 1 / (n + 1) share of its draws.

The ranking is *settled* when each of the top three holds its rank in at least 90% of draws;
then no input is worth asking for the ranking's sake. Deterministic: the seed comes from the
input's hash, like `score`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scoring.catalog import INPUT_KEYS
from scoring.model import ScoringInput
from scoring.ranking import SETTLED_HOLD, TOP, Array, draw_ranks, order_by_mean, settled
from scoring.resolve import resolve_inputs
from scoring.score import input_sha256, seed_for
from scoring.simulate import DOMAIN_KEYS, simulate_draws

# Enough draws to tell a 90% hold from an 85% one (standard error ~0.7 points), few enough for a
# chat turn: the whole estimate takes a few milliseconds.
VOI_DRAWS = 2_000
# Bins of an input's draws: few enough that each holds 250 draws at VOI_DRAWS.
VOI_BINS = 8


@dataclass(frozen=True, slots=True)
class RankingUncertainty:
    """How settled the ranking is and what each input's answer would be worth."""

    input_sha256: str
    order: tuple[str, ...]  # domain keys by mean, first-ranked first
    hold: dict[str, float]  # domain key -> share of draws holding its rank
    settled: bool
    values: dict[str, float]  # input key -> value of information (>= 0)

    def best(self, candidates: list[str]) -> str | None:
        """The candidate input worth most; ties (zeros included) go to the earliest listed."""
        if not candidates:
            return None
        return max(candidates, key=lambda k: (self.values.get(k, 0.0), -candidates.index(k)))


def value_of_information(
    inp: ScoringInput, *, draws: int = VOI_DRAWS, digest: str | None = None
) -> RankingUncertainty:
    """Rank hold probabilities and each input's value of information for the top three.

    `digest` is `input_sha256(inp)` when the caller already computed it (a cache key).
    """
    digest = digest or input_sha256(inp)
    resolved = resolve_inputs(inp)
    normals, domain_draws, _ = simulate_draws(
        [resolved],
        headcounts=[inp.organization.headcount],
        seeds=[seed_for(digest)],
        draws=draws,
    )
    totals = domain_draws[0]
    order = order_by_mean(totals, DOMAIN_KEYS)
    ranks = draw_ranks(totals, order)
    holds = (ranks == np.arange(len(order))[:, None]).astype(np.float64)
    hold = holds.mean(axis=1)
    in_top = (ranks < TOP).astype(np.float64)
    value = _explained(normals[0], np.vstack([holds[:TOP], in_top]))
    voices = np.array([resolved.inputs[k].people for k in INPUT_KEYS], dtype=np.float64)
    answered = np.array([resolved.inputs[k].source == "answer" for k in INPUT_KEYS])
    value = np.where(answered, value / (voices + 1.0), value)
    # Exact answers (scales, yes/no, choices) do not read their normals: nothing left to learn.
    exact = np.array([resolved.inputs[k].exact for k in INPUT_KEYS])
    value = np.where(exact, 0.0, value)
    return RankingUncertainty(
        input_sha256=digest,
        order=tuple(DOMAIN_KEYS[j] for j in order),
        hold={DOMAIN_KEYS[j]: round(float(hold[i]), 4) for i, j in enumerate(order)},
        settled=settled(hold, TOP, SETTLED_HOLD),
        values={k: float(v) for k, v in zip(INPUT_KEYS, value, strict=True)},
    )


def _explained(normals: npt.NDArray[np.float64], outcomes: npt.NDArray[np.float64]) -> Array:
    """Per input (rows of `normals`, inputs x draws), the variance of the outcomes (rows of 0/1
    per draw) that its draw explains, binned, less the noise floor, summed over outcomes."""
    inputs, draws = normals.shape
    bins = min(VOI_BINS, draws)
    share = outcomes.mean(axis=1)
    floor = (bins - 1) / draws * share * (1.0 - share)
    varies = floor > 0.0  # an outcome the same in every draw explains nothing
    if not varies.any():
        return np.zeros(inputs)
    varying, share, floor = outcomes[varies], share[varies], floor[varies]
    # Each input's draws in order of its normal, cut into `bins` near-equal runs.
    order = np.argsort(normals, axis=1, kind="stable")
    edges = np.arange(bins) * draws // bins
    counts = np.diff(np.append(edges, draws)).astype(np.float64)
    sums = np.add.reduceat(varying[:, order], edges, axis=2)  # (outcomes, inputs, bins)
    means = sums / counts
    centered = means - share[:, None, None]
    explained = (counts * centered * centered).sum(axis=2) / draws
    gain: Array = np.maximum(explained - floor[:, None], 0.0).sum(axis=0)
    return gain

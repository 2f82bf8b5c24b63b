"""Value of information: which unanswered input would most settle the ranking of the top domains.

Estimator (one simulation batch, vectorized): simulate the current state (answers where given,
benchmark ranges elsewhere) and, per draw, record for each of the top three domains whether it
holds its reported rank (an indicator I_d). Knowing input k exactly would remove the part of
Var(I_d) that k's draw explains. With common random numbers each input's draw is a monotone
function of its own standard normal z_k, so the linear part of that explained variance is
cov(I_d, z_k)^2 / Var(z_k), for every input at once in one matrix product. The value of input k
is the sum over the top three, less the sampling-noise floor Var(I_d) / draws that an unrelated
input's squared covariance has in expectation (so noise ranks at zero, not by chance).

An input others already answered is discounted by 1 / (n + 1): one more voice in an
equal-weight mixture of n respondents moves a 1 / (n + 1) share of its draws.

The ranking is *settled* when each of the top three holds its rank in at least 90% of draws;
then no input is worth asking for the ranking's sake. Deterministic: the seed comes from the
input's hash, like `score`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scoring.catalog import INPUT_KEYS
from scoring.model import ScoringInput
from scoring.ranking import SETTLED_HOLD, TOP, draw_ranks, order_by_mean, settled
from scoring.resolve import resolve_inputs
from scoring.score import input_sha256, seed_for
from scoring.simulate import DOMAIN_KEYS, simulate_draws

# Enough draws to tell a 90% hold from an 85% one (standard error ~0.7 points), few enough for a
# chat turn: the whole estimate takes a few milliseconds.
VOI_DRAWS = 2_000


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
    top = holds[:TOP] - hold[:TOP, None]
    z = normals[0] - normals[0].mean(axis=1, keepdims=True)
    cov = z @ top.T / draws  # (inputs, top)
    spread = (z * z).mean(axis=1)
    explained = cov * cov / np.where(spread > 0.0, spread, 1.0)[:, None]
    noise = hold[:TOP] * (1.0 - hold[:TOP]) / draws
    value = np.maximum(explained - noise, 0.0).sum(axis=1)
    voices = np.array([resolved.inputs[k].params.shape[0] for k in INPUT_KEYS], dtype=np.float64)
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

"""Vectorized Monte Carlo over a batch of assessments.

Distribution choice: every estimate is a 90% range (low = P5, likely = median, high = P95) and is
sampled from a *split lognormal*: below the median a lognormal whose P5 is `low`, above it one whose
P95 is `high`. It keeps answers positive, takes skew from the respondent (3-5 days with a likely 3
is right-skewed), and, unlike PERT, has a closed-form quantile, so one standard normal per input
and draw drives it (common random numbers: moving one input moves every draw the same way, so
what-ifs and monotonicity hold draw by draw). A zero low end cannot be a lognormal: that side is
linear (a half-normal through zero, floored at 0), so "0-5" keeps a real chance of none.

Several respondents on one input form a mixture in which each person weighs the same: every draw
takes one respondent's range, never an average of them. Which respondent a draw takes is dealt
per input by a Weyl sequence, frac((j + 1/2) x alpha_k) with alpha_k the fractional part of the
square root of the k-th prime: each respondent gets their weight's share of the draws, evenly
spread, and the deals of two inputs are independent of each other (square roots of distinct
primes are rationally independent, so the pairs fill the unit square evenly). Pairing by list
position instead tied person 1's answer on one input to person 1's on every other, so reordering
the same answers moved a driver. Rows arrive in a canonical order (`scoring.resolve`), so the same
answers in any order give the same draws. Randomness comes only from
`np.random.Generator(PCG64(seed))`, one per assessment; the deal uses none. The normals come in
antithetic pairs: draw j + ceil(D/2) is draw j mirrored.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scoring.catalog import DOMAINS, INPUT_KEYS, INPUTS, POOLS, pool_input_key
from scoring.drivers import (
    CAPACITY_RECOVERY,
    DRIVERS,
    EVENT_CHANCES,
    EVENT_RATES,
    HEADCOUNT,
    Array,
    answered_flags,
)
from scoring.quantiles import quantiles as draw_quantiles
from scoring.resolve import ResolvedAssessment, ResolvedInput

Z95 = 1.6448536269514722  # standard normal quantile at 0.95
QUANTILES = (0.1, 0.5, 0.9)
# The loss exceedance curve: one year's loss exceeded with these probabilities (1 in 2 years,
# 1 in 5, 1 in 10, 1 in 20, 1 in 50, 1 in 100).
EXCEEDANCE = (0.5, 0.2, 0.1, 0.05, 0.02, 0.01)
# The event counts draw from their own stream, so adding them left every input's standard
# normals, and so every expected-loss figure, as they were.
EVENT_STREAM = 1
# numpy's Poisson sampler refuses rates near 2^63; far below that a count is its rate.
_MAX_RATE = 1e12
_MAX_CLAIM = 1e12
# How several respondents on one input combine, as the methodology states it.
MIXTURE_RULE = (
    "Several respondents on one input form a mixture in which each person weighs the same (one "
    "person's two answers on one input share that person's weight): each draw takes one "
    "respondent's range, so their views are never averaged away, and which respondent a draw "
    "takes is dealt independently per input and does not depend on the order of the answers."
)
DOMAIN_KEYS = tuple(d.key for d in DOMAINS)
DRIVER_INDEX = {d.key: i for i, d in enumerate(DRIVERS)}
_DOMAIN_OF_DRIVER = np.array([DOMAIN_KEYS.index(d.domain) for d in DRIVERS])
# Sampled values are >= 0 by construction; each input is clipped to its upper bound (none:
# infinity) in one pass over the whole block, and only these inputs to their lower bounds.
_HIGH_BOUNDS = np.array([INPUTS[key].high_bound or np.inf for key in INPUT_KEYS], dtype=np.float64)[
    :, None
]
_LOW_BOUNDED = [
    (k, INPUTS[key].low_bound) for k, key in enumerate(INPUT_KEYS) if INPUTS[key].low_bound
]


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """Raw simulation results for B assessments (unrounded)."""

    driver_means: Array  # (B, drivers)
    driver_pool_scale: Array  # (B, drivers): mean scale applied to a pool share, 1 elsewhere
    domain_quantiles: Array  # (B, domains, 3): P10, P50, P90
    total_quantiles: Array  # (B, 3)
    pool_amounts: Array  # (B, pools): mean pool amount
    pool_claimed: Array  # (B, pools): mean sum of claimants' shares before scaling
    pool_scale: Array  # (B, pools): mean scale factor
    # (B, drivers): a capacity driver's mean before the recovery share (0 for other drivers)
    capacity_gross: Array
    # Per-draw domain totals, for rank statistics (how often a domain holds its rank).
    domain_draws: Array  # (B, domains, D)
    # One year's loss per draw, event-like drivers as discrete events (see `annual_losses`).
    annual_draws: Array  # (B, D)


def split_lognormal(z: Array, low: Array, likely: Array, high: Array) -> Array:
    """Quantile of the split lognormal at standard-normal draws `z` (see module docstring)."""
    upper = z >= 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        log_ratio = np.where(upper, np.log(high / likely), np.log(likely / low))
        width = np.where(upper, high - likely, likely - low)
    log_side = np.where(upper, likely > 0.0, low > 0.0)
    log_value = likely * np.exp(z * np.where(log_side, log_ratio, 0.0) / Z95)
    linear_value = likely + z * width / Z95
    return np.maximum(np.where(log_side, log_value, linear_value), 0.0)


def _log_exponent(z: Array, sigma_up: Array, sigma_down: Array) -> Array:
    """z × (sigma_up where z >= 0 else sigma_down); arithmetic is ~2x faster than np.where."""
    exponent = (z >= 0.0).astype(np.float64)
    exponent *= sigma_up - sigma_down
    exponent += sigma_down
    exponent *= z
    return exponent


def _primes(count: int) -> list[int]:
    found: list[int] = []
    candidate = 2
    while len(found) < count:
        if all(candidate % p for p in found if p * p <= candidate):
            found.append(candidate)
        candidate += 1
    return found


# One irrational step per catalog input: the fractional part of the square root of a prime.
_DEAL_STEP = np.array([np.sqrt(p) % 1.0 for p in _primes(len(INPUT_KEYS))])


@functools.lru_cache(maxsize=4096)
def _deal(k: int, weights: tuple[float, ...] | None, rows: int, draws: int) -> npt.NDArray[np.intp]:
    """Which row each draw of input k takes: row i gets weights[i] of the draws, spread evenly.

    Draw j reads u_j = frac((j + 1/2) x step_k), a low-discrepancy sequence, and takes the row
    whose cumulative weight first exceeds it.
    """
    cumulative = np.cumsum(weights if weights is not None else np.full(rows, 1.0 / rows))
    u = ((np.arange(draws) + 0.5) * _DEAL_STEP[k]) % 1.0
    index = np.searchsorted(cumulative, u * cumulative[-1], side="right")
    result: npt.NDArray[np.intp] = np.minimum(index, rows - 1)
    result.flags.writeable = False
    return result


def _per_draw(k: int, item: ResolvedInput, column: int, draws: int) -> Array:
    """A row-level parameter spread over draws by input k's deal."""
    if len(item.rows) == 1:
        return np.full(draws, item.rows[0][column])
    values = item.params[:, column]
    return values[_deal(k, item.weights, len(item.rows), draws)]


def _sample_inputs(
    batch: Sequence[ResolvedAssessment], normals: Array, draws: int
) -> dict[str, Array]:
    """Sample every input of every assessment into a (B, inputs, D) block.

    The common case (one estimate per input, positive low end) is one vectorized pass over the
    whole block. Mixtures of respondents with positive low ends swap in their own exponents
    before the one exponential of the block; exact answers and zero low ends (rare) are done
    row by row.
    """
    first = np.stack([resolved.first for resolved in batch])
    low, likely, high = first[..., 0:1], first[..., 1:2], first[..., 2:3]
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma_up = np.where(likely > 0.0, np.log(high / likely), 0.0) / Z95
        sigma_down = np.where(low > 0.0, np.log(likely / low), 0.0) / Z95
    sampled = _log_exponent(normals, sigma_up, sigma_down)
    mixtures: list[tuple[int, int, ResolvedInput]] = []
    by_row: list[tuple[int, int, ResolvedInput]] = []
    for b, resolved in enumerate(batch):
        for k in resolved.special:
            item = resolved.inputs[INPUT_KEYS[k]]
            if not item.exact and item.low > 0.0:
                mixtures.append((b, k, item))
            else:
                by_row.append((b, k, item))
    scale = likely
    if mixtures:
        bs, ks, mixture_likely = _mixture_exponents(mixtures, sampled, normals, draws)
        scale = likely.copy()
        scale[bs, ks] = 1.0
    np.exp(sampled, out=sampled)
    sampled *= scale
    if mixtures:
        sampled[bs, ks] *= mixture_likely
    for b, k, item in by_row:
        if item.exact:
            sampled[b, k] = _per_draw(k, item, 1, draws)
        else:
            sampled[b, k] = split_lognormal(
                normals[b, k],
                _per_draw(k, item, 0, draws),
                _per_draw(k, item, 1, draws),
                _per_draw(k, item, 2, draws),
            )
    np.minimum(sampled, _HIGH_BOUNDS, out=sampled)
    for k, bound in _LOW_BOUNDED:
        np.maximum(sampled[:, k, :], bound, out=sampled[:, k, :])
    return {key: sampled[:, k, :] for k, key in enumerate(INPUT_KEYS)}


def _mixture_exponents(
    rows: list[tuple[int, int, ResolvedInput]], exponents: Array, normals: Array, draws: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], Array]:
    """Write the log-side exponents of the mixture rows into `exponents`, all rows in one
    vectorized pass, and return the rows' (b, k) and their per-draw likely values.

    Every row's respondents are stacked into one table; draw j of row r reads respondent
    offset_r + deal_r[j], and the side of its split (below or above the median) picks the
    sigma: one gather for the sigma, one for the likely value.
    """
    counts = np.array([len(item.rows) for _, _, item in rows])
    flat = np.array([row for _, _, item in rows for row in item.rows], dtype=np.float64)
    offsets = np.cumsum(counts) - counts
    index = offsets[:, None] + np.stack(
        [_deal(k, item.weights, len(item.rows), draws) for _, k, item in rows]
    )
    # Below the median the first half of the table, above it the second.
    sigmas = np.concatenate([np.log(flat[:, 1] / flat[:, 0]), np.log(flat[:, 2] / flat[:, 1])])
    sigmas /= Z95
    bs = np.array([b for b, _, _ in rows])
    ks = np.array([k for _, k, _ in rows])
    z = normals[bs, ks]
    side = (z >= 0.0).astype(np.intp)
    side *= flat.shape[0]
    side += index
    exponents[bs, ks] = z * sigmas.take(side)
    return bs, ks, flat[:, 1].take(index)


_NET = [(DRIVER_INDEX[d.key], DRIVER_INDEX[d.net_of]) for d in DRIVERS if d.net_of]
# Each pool's line: its share claimants and its per-event drivers.
_POOL_LINES = {pool: tuple(d for d in DRIVERS if d.ceiling == pool) for pool in POOLS}


def _driver_losses(values: dict[str, Array], shape: tuple[int, int]) -> tuple[Array, ...]:
    """Loss draws per driver (B, drivers, D) with pool lines capped, plus pool stats and the
    capacity drivers' hours before the recovery share (B, drivers; 0 elsewhere).

    A pool's line holds its share claimants (share × pool) and its per-event drivers; together
    they never claim more than the pool: an over-claim scales them all down alike. Then every
    driver priced net of another gives up what that one already counts.
    """
    losses = np.empty((shape[0], len(DRIVERS), shape[1]))
    pool_scale_by_driver = np.ones((shape[0], len(DRIVERS)))
    n_pools = len(POOLS)
    amounts, claimed, scales = (np.zeros((shape[0], n_pools)) for _ in range(3))
    gross = np.zeros((shape[0], len(DRIVERS)))
    for driver in DRIVERS:
        i = DRIVER_INDEX[driver.key]
        if driver.money == "capacity":
            # On no pool's line and net of nothing (checked in drivers.py): its hours at full
            # cost are its formula, and its loss those hours at the recovery share.
            hours = np.broadcast_to(driver.compute(values), shape)
            gross[:, i] = hours.mean(axis=1)
            losses[:, i, :] = hours * values[CAPACITY_RECOVERY]
        elif driver.ceiling is None:
            losses[:, i, :] = driver.price(values)
    for p, pool in enumerate(POOLS):
        amount = np.broadcast_to(values[pool_input_key(pool)], shape)
        line = _POOL_LINES[pool]
        claims = [
            np.broadcast_to(d.price(values) * (amount if d.pool else 1.0), shape) for d in line
        ]
        total = np.sum(claims, axis=0)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            share = np.where(amount > 0.0, total / amount, np.where(total > 0.0, np.inf, 0.0))
        # The pool is the most its line can claim: over-claims scale down together.
        scale = 1.0 / np.maximum(share, 1.0)
        for driver, claim in zip(line, claims, strict=True):
            losses[:, DRIVER_INDEX[driver.key], :] = claim * scale
            pool_scale_by_driver[:, DRIVER_INDEX[driver.key]] = scale.mean(axis=1)
        amounts[:, p] = amount.mean(axis=1)
        # Reported claims stop at a trillion times the pool (a near-zero pool claims ~inf).
        claimed[:, p] = np.minimum(share, _MAX_CLAIM).mean(axis=1)
        scales[:, p] = scale.mean(axis=1)
    for own, other in _NET:
        np.maximum(losses[:, own, :] - losses[:, other, :], 0.0, out=losses[:, own, :])
    return losses, pool_scale_by_driver, amounts, claimed, scales, gross


EVENT_DRIVERS = (*EVENT_RATES, *EVENT_CHANCES)
_EVENT_INDEX = np.array([DRIVER_INDEX[key] for key in EVENT_DRIVERS])
_COUNTED = len(EVENT_RATES)


def annual_losses(losses: Array, expected: Array, seeds: Sequence[int]) -> Array:
    """One year's loss per draw (B, D): every driver's expected loss, except that an event-like
    driver's is replaced by what that year's events cost: N ~ Poisson(rate) events, or one event
    with its chance and none otherwise, each at the draw's cost of one (its expected loss /
    expected events). A quiet year costs nothing, a bad one several events; in expectation a
    year's loss equals the expected loss, and its spread is a year's.

    `expected` is (B, events, D): the counted drivers' rates (EVENT_RATES), then the one-or-none
    drivers' chances (EVENT_CHANCES). Each assessment's counts come from its own stream.
    """
    mean = np.minimum(expected, _MAX_RATE)
    counts = np.empty_like(mean)
    for b, seed in enumerate(seeds):
        rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, EVENT_STREAM])))
        counts[b, :_COUNTED] = rng.poisson(mean[b, :_COUNTED])
        counts[b, _COUNTED:] = rng.random(mean[b, _COUNTED:].shape) < mean[b, _COUNTED:]
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(mean > 0.0, counts / mean, 0.0)
    factor -= 1.0
    factor *= losses[:, _EVENT_INDEX, :]
    annual: Array = losses.sum(axis=1)
    annual += factor.sum(axis=1)
    return annual


def simulate_draws(
    batch: Sequence[ResolvedAssessment],
    *,
    headcounts: Sequence[int],
    seeds: Sequence[int],
    draws: int,
) -> tuple[Array, Array, tuple[Array, ...]]:
    """The raw draws: standard normals (B, inputs, D), domain totals (B, domains, D), and the
    driver-level results (losses, pool scale per driver, pool amounts, claims and scales).

    The normals are what each input's draw is a monotone function of (common random numbers),
    so value-of-information estimates can correlate them with rank outcomes directly.
    """
    size = len(batch)
    normals = np.empty((size, len(INPUT_KEYS), draws))
    half = (draws + 1) // 2
    for b, seed in enumerate(seeds):
        rng = np.random.Generator(np.random.PCG64(seed))
        normals[b, :, :half] = rng.standard_normal((len(INPUT_KEYS), half))
    # Antithetic pairs: the second half of the draws mirrors the first (z and -z). Each input's
    # normals keep their exact distribution, the symmetric error of the mean cancels pair by
    # pair, and half as many normals are drawn.
    np.negative(normals[:, :, : draws - half], out=normals[:, :, half:])
    values = _sample_inputs(batch, normals, draws)
    values[HEADCOUNT] = np.asarray(headcounts, dtype=np.float64)[:, None]
    values.update(answered_flags(batch))
    driver_results = _driver_losses(values, (size, draws))
    expected = np.empty((size, len(EVENT_DRIVERS), draws))
    for e, key in enumerate(EVENT_DRIVERS):
        expected[:, e, :] = (EVENT_RATES | EVENT_CHANCES)[key](values)
    del values
    losses = driver_results[0]
    driver_results = (*driver_results, annual_losses(losses, expected, seeds))
    domain_draws = np.empty((size, len(DOMAINS), draws))
    for j in range(len(DOMAINS)):
        domain_draws[:, j, :] = losses[:, _DOMAIN_OF_DRIVER == j, :].sum(axis=1)
    return normals, domain_draws, driver_results


def simulate_batch(
    batch: Sequence[ResolvedAssessment],
    *,
    headcounts: Sequence[int],
    seeds: Sequence[int],
    draws: int,
) -> BatchSummary:
    """Simulate B resolved assessments with `draws` draws each, one seeded generator apiece."""
    normals, domain_draws, driver_results = simulate_draws(
        batch, headcounts=headcounts, seeds=seeds, draws=draws
    )
    del normals
    losses, driver_scale, amounts, claimed, scales, gross, annual = driver_results
    # The total as a tenth row beside the nine domains: one sort gives every range.
    rows = np.concatenate([domain_draws, domain_draws.sum(axis=1, keepdims=True)], axis=1)
    quantiles = draw_quantiles(rows, QUANTILES, in_place=True)  # rows is scratch
    return BatchSummary(
        driver_means=losses.mean(axis=2),
        driver_pool_scale=driver_scale,
        domain_quantiles=quantiles[:, : len(DOMAINS)],
        total_quantiles=quantiles[:, len(DOMAINS)],
        pool_amounts=amounts,
        pool_claimed=claimed,
        pool_scale=scales,
        capacity_gross=gross,
        domain_draws=domain_draws,
        annual_draws=annual,
    )

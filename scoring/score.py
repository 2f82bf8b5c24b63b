"""Public entry points: score one assessment or many.

Rounding rules (so that the parts add up exactly): every driver's mean is rounded to the cent
(half to even); a domain's mean is the sum of its drivers' cents, and the total mean the sum of
the domains' cents. Percentiles are rounded to the cent on their own (they do not add up, and
are not meant to). Shares are rounded to 4 decimals and basis points to 2.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.catalog import DOMAINS, INPUTS, POOLS
from scoring.drivers import (
    CAPACITY_RECOVERY,
    CONTRIBUTION_MARGIN,
    DRIVERS,
    HEADCOUNT,
    INPUT_DOMAINS,
    LEDGER_LINES,
    MONEY_KINDS,
)
from scoring.explain import departments, domain_explanation, format_input
from scoring.model import (
    MODEL_VERSION,
    AnnualLoss,
    AssumptionUsed,
    Confidence,
    Disagreement,
    DomainResult,
    DriverResult,
    ExceedancePoint,
    InputUse,
    Ledger,
    LedgerLine,
    Observation,
    PoolClaim,
    Range,
    Respondent,
    ScoreResult,
    ScoringInput,
    StatedValue,
)
from scoring.plausibility import CEILING_SHARE_OF_OPERATING_INCOME, plausibility
from scoring.quantiles import quantiles as draw_quantiles
from scoring.ranking import Array, rank_probabilities
from scoring.resolve import PROFILE, ResolvedInput, canonical_key, resolve_inputs
from scoring.simulate import (
    DOMAIN_KEYS,
    DRIVER_INDEX,
    EVENT_DRIVERS,
    EXCEEDANCE,
    QUANTILES,
    BatchSummary,
    simulate_batch,
)

DISAGREEMENT_RATIO = 2.0
# One chunk's (assessments, inputs, draws) block near 1M floats (8 MB), whatever the draw
# count: the block and its few working copies then stay in the L3 cache. Measured at 1,000
# draws, chunks of 16 assessments simulate ~20% faster than chunks of 64.
CHUNK_ELEMENTS = 1_000_000


# Catalog facts every result reads: computed once, not per assessment.
_DOMAIN_DRIVERS = {domain.key: [d for d in DRIVERS if d.domain == domain.key] for domain in DOMAINS}
_DOMAIN_INPUTS = {
    key: frozenset(k for d in drivers for k in d.inputs) for key, drivers in _DOMAIN_DRIVERS.items()
}
_POOL_CLAIMANTS = {pool: tuple(d.key for d in DRIVERS if d.ceiling == pool) for pool in POOLS}
_DOMAIN_DRIVER_INDEX = tuple(
    tuple(DRIVER_INDEX[d.key] for d in _DOMAIN_DRIVERS[domain.key]) for domain in DOMAINS
)
# One partition of a year's loss draws gives the range's three levels and the exceedance curve.
_ANNUAL_LEVELS = (*QUANTILES, *(1.0 - p for p in EXCEEDANCE))


def input_sha256(inp: ScoringInput) -> str:
    """SHA-256 of the input's canonical JSON: the model's own JSON (fields in schema order, no
    whitespace) with inputs and benchmarks sorted by key and every input's observations in
    canonical order (`_observation_key`), so the same answers in any order hash alike."""
    canonical = inp.model_copy(
        update={
            "inputs": {
                key: sorted(observations, key=_observation_key)
                if len(observations) > 1
                else observations
                for key, observations in sorted(inp.inputs.items())
            },
            "benchmarks": dict(sorted(inp.benchmarks.items())),
        }
    )
    return hashlib.sha256(canonical.model_dump_json().encode()).hexdigest()


def _observation_key(observation: Observation) -> tuple[object, ...]:
    """What an observation says, in full: resolve's canonical order, then which of its text
    fields are absent rather than empty, so two observations tie only when their JSON does."""
    who = observation.respondent
    absent = (
        who is None,
        who is not None and who.role is None,
        who is not None and who.department is None,
        observation.evidence is None,
    )
    return (*canonical_key(observation), *absent)


def seed_for(digest: str) -> int:
    """The simulation seed: derived from the input hash and the model version, never global."""
    return int.from_bytes(hashlib.sha256(f"{MODEL_VERSION}:{digest}".encode()).digest()[:8], "big")


def _cents(value: float) -> int:
    return round(float(value) * 100.0)


def _money(cents: int) -> float:
    return cents / 100.0


def _ratio(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole > 0 else 0.0


def _bps(amount: float, revenue: float) -> float:
    return round(amount / revenue * 10_000.0, 2)


def _input_use(item: ResolvedInput) -> InputUse:
    return InputUse(
        key=item.spec.key,
        label=item.spec.label,
        value=round(item.central, 6),
        low=round(item.low, 6),
        high=round(item.high, 6),
        unit=item.spec.unit,
        source="answer" if item.source == "answer" else "assumption",
        respondents=item.respondents,
    )


def _headcount_use(headcount: int) -> InputUse:
    value = float(headcount)
    return InputUse(
        key=HEADCOUNT,
        label="Headcount",
        value=value,
        low=value,
        high=value,
        unit="total",
        source="answer",
        respondents=[PROFILE],
    )


def _first(pair: tuple[float, Respondent]) -> float:
    return pair[0]


def find_disagreements(resolved: dict[str, ResolvedInput], currency: str) -> list[Disagreement]:
    """Inputs where people's likely values differ by more than 2x (or one says zero)."""
    found = []
    for key, item in resolved.items():
        # Per person (a person who answered two questions on one input cannot disagree with
        # themselves), named people only.
        named = [(value, who) for who, value in item.stated if who is not None]
        if len(named) < 2:
            continue
        (low, lo_who), (high, hi_who) = min(named, key=_first), max(named, key=_first)
        if high == 0 or (low > 0 and high / low <= DISAGREEMENT_RATIO):
            continue
        ratio = round(high / low, 2) if low > 0 else None
        spec = INPUTS[key]
        said = f"{format_input(spec, high, currency)} against {format_input(spec, low, currency)}"
        gap = f"{ratio:.1f}× what" if ratio is not None else "above zero where"
        subject = spec.label[0].lower() + spec.label[1:]
        found.append(
            Disagreement(
                key=key,
                label=spec.label,
                domains=list(INPUT_DOMAINS[key]),
                ratio=ratio,
                values=[
                    StatedValue(respondent=r.name, department=r.department, value=v)
                    for v, r in named
                ],
                summary=(
                    f"{departments([hi_who.display])} puts {subject} at {gap} "
                    f"{departments([lo_who.display])} does ({said})."
                ),
            )
        )
    return found


# Confidence: high when mostly answered by enough people who agree; low when mostly assumed.
HIGH_COVERAGE = 0.7
HIGH_RESPONDENTS = 2
MEDIUM_COVERAGE = 0.4


def _confidence(coverage: float, respondents: int, disputed: bool) -> Confidence:
    if coverage >= HIGH_COVERAGE and respondents >= HIGH_RESPONDENTS and not disputed:
        return "high"
    if coverage >= MEDIUM_COVERAGE:
        return "medium"
    return "low"


@dataclass(frozen=True, slots=True)
class _ChunkStats:
    """What a chunk's results read from the draws, computed for the whole chunk at once: one
    numpy pass per statistic instead of one per assessment."""

    driver_cents: list[list[int]]  # (B, drivers): each driver's mean in cents
    orders: list[list[int]]  # (B, domains): catalog indices of the domains, first-ranked down
    held: Array  # (B, domains): share of draws each ranked domain holds its rank
    in_top: Array  # (B, domains): share of draws each ranked domain is in the top three
    annual_levels: Array  # (B, levels): a year's loss at _ANNUAL_LEVELS

    @classmethod
    def of(cls, summary: BatchSummary) -> _ChunkStats:
        cents = [[_cents(mean) for mean in row] for row in summary.driver_means.tolist()]
        orders = [_domain_order(row) for row in cents]
        held, in_top = rank_probabilities(summary.domain_draws, np.array(orders, dtype=np.intp))
        levels = draw_quantiles(summary.annual_draws, _ANNUAL_LEVELS)
        return cls(cents, orders, held, in_top, levels)


def _domain_order(driver_cents: list[int]) -> list[int]:
    """Catalog indices of the domains ranked by their cents, highest first; ties by key."""
    totals = [sum(driver_cents[i] for i in members) for members in _DOMAIN_DRIVER_INDEX]
    return sorted(range(len(DOMAINS)), key=lambda j: (-totals[j], DOMAIN_KEYS[j]))


def _build_result(
    inp: ScoringInput,
    digest: str,
    resolved: dict[str, ResolvedInput],
    summary: BatchSummary,
    stats: _ChunkStats,
    b: int,
) -> ScoreResult:
    org = inp.organization
    cur = org.currency
    revenue = org.revenue
    oi = org.operating_income
    disagreements = find_disagreements(resolved, cur)
    uses = {key: _input_use(item) for key, item in resolved.items()}
    domains: list[DomainResult] = []
    for j, domain in enumerate(DOMAINS):
        drivers, keys = _DOMAIN_DRIVERS[domain.key], _DOMAIN_INPUTS[domain.key]
        cents = {d.key: stats.driver_cents[b][DRIVER_INDEX[d.key]] for d in drivers}
        total_cents = sum(cents.values())
        mean = _money(total_cents)
        results = []
        answered_weight = 0.0
        people: set[str] = set()
        for d in sorted(drivers, key=lambda d: (-cents[d.key], d.key)):
            items = [resolved[k] for k in d.inputs]
            answered = sum(1 for i in items if i.source == "answer") / len(items)
            answered_weight += answered * (cents[d.key] if total_cents else 1)
            people.update(r for i in items for r in i.respondents if r != PROFILE)
            driver_uses = [uses[k] for k in d.inputs]
            if HEADCOUNT in d.profile_inputs:
                driver_uses.append(_headcount_use(org.headcount))
            scale = float(summary.driver_pool_scale[b, DRIVER_INDEX[d.key]])
            results.append(
                DriverResult(
                    key=d.key,
                    label=d.label,
                    kind=d.kind,
                    mean=_money(cents[d.key]),
                    share_of_domain=_ratio(cents[d.key], total_cents),
                    formula=d.formula,
                    pool=d.pool,
                    pool_scale=round(scale, 4) if d.ceiling else None,
                    line=d.line,
                    money=d.money,
                    net_of=d.net_of,
                    inputs=driver_uses,
                )
            )
        coverage = answered_weight / (total_cents if total_cents else len(drivers))
        mine = [x for x in disagreements if x.key in keys]
        p10, p50, p90 = (_money(_cents(q)) for q in summary.domain_quantiles[b, j])
        assumed = sum(1 for k in keys if resolved[k].source != "answer")
        domains.append(
            DomainResult(
                key=domain.key,
                label=domain.label,
                rank=0,
                rank_probability=0.0,
                top3_probability=0.0,
                mean=mean,
                p10=p10,
                p50=p50,
                p90=p90,
                bps_of_revenue=_bps(mean, revenue),
                share_of_total=0.0,
                share_of_operating_income=_ratio(mean, oi) if oi > 0 else None,
                confidence=_confidence(coverage, len(people), bool(mine)),
                coverage=round(coverage, 4),
                respondents=len(people),
                drivers=results,
                explanation=domain_explanation(
                    label=domain.label,
                    mean=mean,
                    p10=p10,
                    p90=p90,
                    bps=_bps(mean, revenue),
                    currency=cur,
                    drivers=results,
                    specs=INPUTS,
                    disagreements=mine,
                    assumed_inputs=assumed,
                    total_inputs=len(keys),
                ),
            )
        )
    total_cents = sum(stats.driver_cents[b])
    total_mean = _money(total_cents)
    # The order the rank statistics were computed for: ranked once, by the same cents.
    ranked = [domains[j] for j in stats.orders[b]]
    held, in_top = stats.held[b], stats.in_top[b]
    domains = [
        d.model_copy(
            update={
                "rank": r,
                "rank_probability": round(float(held[r - 1]), 4),
                "top3_probability": round(float(in_top[r - 1]), 4),
                "share_of_total": _ratio(d.mean, total_mean),
            }
        )
        for r, d in enumerate(ranked, start=1)
    ]
    t10, t50, t90 = (_money(_cents(q)) for q in summary.total_quantiles[b])
    claims = _pool_claims(summary, b)
    return ScoreResult(
        model_version=MODEL_VERSION,
        input_sha256=digest,
        organization=org.name,
        currency=cur,
        revenue=revenue,
        operating_income=round(oi, 2),
        draws=inp.draws,
        total=Range(
            mean=total_mean,
            p10=t10,
            p50=t50,
            p90=t90,
            bps_of_revenue=_bps(total_mean, revenue),
            share_of_operating_income=_ratio(total_mean, oi) if oi > 0 else None,
        ),
        domains=domains,
        assumptions=_assumptions(resolved),
        disagreements=disagreements,
        pool_claims=claims,
        annual_loss=_annual_loss(summary.annual_draws[b], stats.annual_levels[b], oi),
        ledger=_ledger(domains, resolved, summary, b, claims),
        plausibility=plausibility(
            _bps(total_mean, revenue), _ratio(total_mean, oi) if oi > 0 else None, domains
        ),
    )


def _assumptions(resolved: dict[str, ResolvedInput]) -> list[AssumptionUsed]:
    used = []
    for key, item in resolved.items():
        if item.benchmark is None:
            continue
        used.append(
            AssumptionUsed(
                key=key,
                label=item.spec.label,
                value=round(item.rows[0][1], 6),
                low=round(item.rows[0][0], 6),
                high=round(item.rows[0][2], 6),
                unit=item.spec.unit,
                basis=item.benchmark.basis,
                rationale=item.benchmark.rationale,
                source=item.benchmark.source,
                domains=list(INPUT_DOMAINS[key]),
            )
        )
    return used


def _annual_loss(draws: Array, quantiles: Array, oi: float) -> AnnualLoss:
    """A year's loss from its draws and their quantiles at _ANNUAL_LEVELS."""
    p10, p50, p90 = (_money(_cents(q)) for q in quantiles[: len(QUANTILES)])
    levels = quantiles[len(QUANTILES) :]
    ceiling = CEILING_SHARE_OF_OPERATING_INCOME * oi
    return AnnualLoss(
        mean=_money(_cents(draws.mean())),
        p10=p10,
        p50=p50,
        p90=p90,
        exceedance=[
            ExceedancePoint(probability=p, loss=_money(_cents(level)))
            for p, level in zip(EXCEEDANCE, levels, strict=True)
        ],
        probability_above_ceiling=round(float((draws > ceiling).mean()), 4) if oi > 0 else None,
        event_drivers=list(EVENT_DRIVERS),
    )


_BY_MONEY = {kind: tuple(d.key for d in DRIVERS if d.money == kind) for kind in MONEY_KINDS}
# Each line's drivers and its kind of money (every line holds one kind: the ledger table).
_LINE_MEMBERS = {
    line: (
        next(d.money for d in DRIVERS if d.line == line),
        tuple(d.key for d in DRIVERS if d.line == line),
    )
    for line in LEDGER_LINES
}


def _ledger(
    domains: Sequence[DomainResult],
    resolved: dict[str, ResolvedInput],
    summary: BatchSummary,
    b: int,
    claims: Sequence[PoolClaim],
) -> Ledger:
    drivers = {d.key: d for domain in domains for d in domain.drivers}
    cents = {key: _cents(d.mean) for key, d in drivers.items()}
    by_money = {kind: sum(cents[k] for k in keys) for kind, keys in _BY_MONEY.items()}
    ceilings = {claim.pool: claim.amount for claim in claims}
    lines = [
        LedgerLine(
            key=line,
            label=LEDGER_LINES[line],
            money=money_kind,
            mean=_money(sum(cents[k] for k in keys)),
            drivers=list(keys),
            ceiling=ceilings.get(line),
        )
        for line, (money_kind, keys) in _LINE_MEMBERS.items()
    ]
    gross = sum(_cents(summary.capacity_gross[b, DRIVER_INDEX[k]]) for k in _BY_MONEY["capacity"])
    margin, recovery = resolved[CONTRIBUTION_MARGIN], resolved[CAPACITY_RECOVERY]
    return Ledger(
        cash=_money(by_money["cash"]),
        contribution=_money(by_money["contribution"]),
        capacity=_money(by_money["capacity"]),
        capacity_hours_value=_money(gross),
        contribution_margin=round(margin.central, 6),
        contribution_margin_source="answer" if margin.source == "answer" else "assumption",
        capacity_recovery_share=round(recovery.central, 6),
        capacity_recovery_source="answer" if recovery.source == "answer" else "assumption",
        lines=sorted(lines, key=lambda line: (-line.mean, line.key)),
    )


def _pool_claims(summary: BatchSummary, b: int) -> list[PoolClaim]:
    return [
        PoolClaim(
            pool=pool,
            label=label,
            amount=_money(_cents(summary.pool_amounts[b, p])),
            claimed_share=round(float(summary.pool_claimed[b, p]), 4),
            scale=round(float(summary.pool_scale[b, p]), 4),
            claimants=list(_POOL_CLAIMANTS[pool]),
        )
        for p, (pool, label) in enumerate(POOLS.items())
    ]


def _score_seeded(chunk: Sequence[ScoringInput], seeds: Sequence[int] | None) -> list[ScoreResult]:
    digests = [input_sha256(inp) for inp in chunk]
    resolved = [resolve_inputs(inp) for inp in chunk]
    summary = simulate_batch(
        resolved,
        headcounts=[inp.organization.headcount for inp in chunk],
        seeds=seeds if seeds is not None else [seed_for(d) for d in digests],
        draws=chunk[0].draws,
    )
    stats = _ChunkStats.of(summary)
    return [
        _build_result(inp, digest, res.inputs, summary, stats, b)
        for b, (inp, digest, res) in enumerate(zip(chunk, digests, resolved, strict=True))
    ]


def score(inp: ScoringInput, *, seed: int | None = None) -> ScoreResult:
    """Score one assessment. `seed` overrides the hash-derived seed (for what-ifs and tests)."""
    return _score_seeded([inp], None if seed is None else [seed])[0]


def score_many(
    inputs: Iterable[ScoringInput],
    *,
    chunk_size: int | None = None,
    processes: int = 1,
) -> Iterator[ScoreResult]:
    """Score many assessments lazily, in order; each result equals `score` on that input.

    Assessments are simulated together in chunks of equal draw counts (one vectorized pass per
    chunk), and results are yielded as each chunk finishes, so memory stays flat however many
    are scored: wrap in `list()` to keep them all. `processes` > 1 scores the chunks in that
    many worker processes (`scoring.pool`): the same results, byte for byte, in the same order.
    """
    if processes > 1:
        from scoring.pool import score_in_processes

        yield from score_in_processes(chunks(inputs, chunk_size), processes, score_chunk)
        return
    for chunk in chunks(inputs, chunk_size):
        yield from score_chunk(chunk)


def chunks(
    inputs: Iterable[ScoringInput], chunk_size: int | None = None
) -> Iterator[list[ScoringInput]]:
    """Consecutive runs of equal draw counts, each at most a chunk long (`_chunk_len`)."""
    chunk: list[ScoringInput] = []
    for inp in inputs:
        if chunk and (inp.draws != chunk[0].draws or len(chunk) >= _chunk_len(chunk, chunk_size)):
            yield chunk
            chunk = []
        chunk.append(inp)
    if chunk:
        yield chunk


def score_chunk(chunk: Sequence[ScoringInput]) -> list[ScoreResult]:
    """Score a chunk with the cyclic garbage collector paused (and restored before yielding).

    A chunk allocates hundreds of thousands of short-lived objects and no reference cycles,
    and each allocation burst triggers collections that walk the whole heap: measured, they
    cost a fifth of a batch's time. Reference counting still frees everything as it goes.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _score_seeded(chunk, None)
    finally:
        if paused:
            gc.enable()


def _chunk_len(chunk: Sequence[ScoringInput], chunk_size: int | None) -> int:
    if chunk_size is not None:
        return max(1, chunk_size)
    return max(1, CHUNK_ELEMENTS // (len(INPUTS) * chunk[0].draws))

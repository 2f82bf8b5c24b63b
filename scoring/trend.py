"""Round over round: how far each domain's drag moved, how sure we are that it fell, and which
answers moved it.

The change in dollars is the difference of the two frozen snapshots, to the cent, so a trend
never disagrees with the rounds it compares. Whether a domain's drag *truly* fell is a separate
question: the two rounds are simulated again with common random numbers (the same seed, so the
same standard normals drive the same input in both), and the probability of a decrease is the
share of paired draws in which the later round's domain total is below the earlier one's (ties
count half). Common random numbers make the comparison about the answers, not the noise: an
unchanged domain reads 0.5 (no evidence either way), one whose inputs were halved reads ~1.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from scoring.catalog import DOMAINS, INPUTS
from scoring.drivers import DRIVERS_BY_KEY, drivers_moved_by
from scoring.model import ScoreResult, ScoringInput
from scoring.resolve import resolve_inputs
from scoring.score import input_sha256
from scoring.simulate import simulate_batch

# Below this share of paired draws a domain's drag rose; above one minus it, it fell.
SURE = 0.9
# An input moved when its central value changed by more than this share (or its source did).
MOVED = 0.005

Verdict = Literal["fell", "rose", "unclear", "unchanged"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InputMove(_Frozen):
    key: str
    label: str
    unit: str
    before: float | None = Field(description="Central value in the earlier round; None: unused.")
    after: float | None
    before_source: str | None
    after_source: str | None
    change_share: float | None = Field(description="after / before − 1; None from zero.")
    moved: bool


class DomainChange(_Frozen):
    key: str
    label: str
    before: float
    after: float
    change: float = Field(description="after − before, to the cent, from the two snapshots.")
    change_share: float | None
    before_rank: int | None
    after_rank: int | None
    probability_decreased: float = Field(
        description="Share of paired draws (common random numbers) in which the later round's "
        "figure is below the earlier one's; ties count half."
    )
    verdict: Verdict
    moved_inputs: list[InputMove] = Field(description="Inputs behind it that moved, most first.")


class RoundComparison(_Frozen):
    before_sha256: str
    after_sha256: str
    draws: int
    seed: str
    currency: str
    total: DomainChange
    domains: list[DomainChange] = Field(description="In the later round's rank order.")
    method: str


METHOD = (
    "Changes are the later snapshot minus the earlier, to the cent. The probability that a "
    "figure fell comes from simulating both rounds again with common random numbers (one seed, "
    "so each input's draws move together): the share of paired draws in which the later round "
    f"is lower, ties counting half. At or above {SURE:.0%} it fell, at or below {1 - SURE:.0%} "
    "it rose, otherwise the rounds cannot tell it apart from noise; when every paired draw is "
    "equal, no answer behind it moved (unchanged)."
)


def _cents(value: float) -> int:
    return round(value * 100.0)


def _share(after: float, before: float) -> float | None:
    return round(after / before - 1.0, 4) if before else None


def _uses(result: ScoreResult, domain: str | None) -> dict[str, tuple[float, str]]:
    """Input key -> (central value, source) for the inputs behind a domain (None: all)."""
    found: dict[str, tuple[float, str]] = {}
    for d in result.domains:
        if domain is not None and d.key != domain:
            continue
        for driver in d.drivers:
            for use in driver.inputs:
                found.setdefault(use.key, (use.value, use.source))
    return found


def input_moves(
    keys: Iterable[str], before: ScoreResult, after: ScoreResult, *, only_moved: bool = False
) -> list[InputMove]:
    """How each input in `keys` changed between two scores, largest relative move first."""
    old, new = _uses(before, None), _uses(after, None)
    moves = []
    for key in dict.fromkeys(keys):
        spec = INPUTS.get(key)
        if spec is None:
            continue
        b, a = old.get(key), new.get(key)
        b_value, a_value = (b[0] if b else None), (a[0] if a else None)
        share = _share(a_value, b_value) if a_value is not None and b_value is not None else None
        changed_value = b_value != a_value and (share is None or abs(share) > MOVED)
        moved = changed_value or (b is not None and a is not None and b[1] != a[1])
        if only_moved and not moved:
            continue
        moves.append(
            InputMove(
                key=key,
                label=spec.label,
                unit=spec.unit,
                before=b_value,
                after=a_value,
                before_source=b[1] if b else None,
                after_source=a[1] if a else None,
                change_share=share,
                moved=moved,
            )
        )
    return sorted(moves, key=lambda m: (-abs(m.change_share or 0.0), not m.moved, m.key))


# Every input that can move a domain's figure: its drivers' own, and those of the drivers they
# are priced net of or share a pool's ceiling with (`drivers_moved_by`, turned round).
_MOVED_DOMAINS = {
    key: {DRIVERS_BY_KEY[d].domain for d in drivers_moved_by({key})} for key in INPUTS
}
_BEHIND = {
    domain.key: sorted(key for key, moved in _MOVED_DOMAINS.items() if domain.key in moved)
    for domain in DOMAINS
}


def _verdict(p: float, ties: float) -> Verdict:
    # Every paired draw equal: no answer behind the figure moved (the snapshots may still
    # differ by a few dollars of simulation noise, each round having its own seed).
    if ties == 1.0:
        return "unchanged"
    if p >= SURE:
        return "fell"
    if p <= 1.0 - SURE:
        return "rose"
    return "unclear"


def _paired(before: np.ndarray, after: np.ndarray) -> tuple[float, float]:
    """P(after < before) with ties counting half, and the share of tied draws."""
    lower = float((after < before).mean())
    ties = float((after == before).mean())
    return round(lower + 0.5 * ties, 4), ties


def _seed(before: str, after: str) -> int:
    digest = hashlib.sha256(f"trend:{before}:{after}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def compare_rounds(
    before_input: ScoringInput,
    before: ScoreResult,
    after_input: ScoringInput,
    after: ScoreResult,
) -> RoundComparison:
    """Compare two frozen rounds (each its scoring input and the score it froze with).

    Pure and deterministic: the common seed comes from the two input hashes.
    """
    draws = max(before_input.draws, after_input.draws)
    b_hash, a_hash = input_sha256(before_input), input_sha256(after_input)
    seed = _seed(b_hash, a_hash)
    summary = simulate_batch(
        [resolve_inputs(before_input), resolve_inputs(after_input)],
        headcounts=[before_input.organization.headcount, after_input.organization.headcount],
        seeds=[seed, seed],
        draws=draws,
    )
    b_domains = {d.key: d for d in before.domains}
    a_domains = {d.key: d for d in after.domains}
    changes = []
    for j, domain in enumerate(DOMAINS):
        old, new = b_domains[domain.key], a_domains[domain.key]
        change = _cents(new.mean) - _cents(old.mean)
        p, ties = _paired(summary.domain_draws[0, j], summary.domain_draws[1, j])
        changes.append(
            DomainChange(
                key=domain.key,
                label=domain.label,
                before=old.mean,
                after=new.mean,
                change=change / 100.0,
                change_share=_share(new.mean, old.mean),
                before_rank=old.rank,
                after_rank=new.rank,
                probability_decreased=p,
                verdict=_verdict(p, ties),
                moved_inputs=input_moves(_BEHIND[domain.key], before, after, only_moved=True),
            )
        )
    total_change = _cents(after.total.mean) - _cents(before.total.mean)
    p_total, ties_total = _paired(
        summary.domain_draws[0].sum(axis=0), summary.domain_draws[1].sum(axis=0)
    )
    total = DomainChange(
        key="total",
        label="Operating Income at Risk",
        before=before.total.mean,
        after=after.total.mean,
        change=total_change / 100.0,
        change_share=_share(after.total.mean, before.total.mean),
        before_rank=None,
        after_rank=None,
        probability_decreased=p_total,
        verdict=_verdict(p_total, ties_total),
        moved_inputs=[],
    )
    return RoundComparison(
        before_sha256=b_hash,
        after_sha256=a_hash,
        draws=draws,
        seed=str(seed),
        currency=after.currency,
        total=total,
        domains=sorted(changes, key=lambda c: (c.after_rank or 99, c.key)),
        method=METHOD,
    )

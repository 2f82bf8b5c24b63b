"""What-if: the same assessment with some inputs replaced, scored on the same draws.

Both the baseline and the scenario run on the baseline's seed (derived from the baseline's
`input_sha256`), so every input keeps its standard normals and only the overridden inputs move
(common random numbers). The delta is therefore a deterministic function of the change: no
Monte Carlo noise in it, an empty override set gives exactly zero, and a domain none of whose
drivers reads an overridden input (directly or through a shared pool) has a delta of exactly 0.

An override replaces every respondent's value for that input. A bare number is read like a
point answer (widened to the usual ×0.8–×1.25 band), so "1 day" compares like for like with
answers that were points too; a {low, likely, high} is taken as given.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scoring.catalog import INPUTS
from scoring.drivers import DRIVERS, drivers_moved_by
from scoring.errors import InvalidInputError
from scoring.model import MODEL_VERSION, Estimate, Observation, ScoreResult, ScoringInput
from scoring.resolve import _check_bounds
from scoring.score import input_sha256, score, seed_for

OverrideValue = float | int | Estimate | Mapping[str, float]


class OverrideError(InvalidInputError):
    """An override names an unknown input or gives it a value the input cannot take."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"overrides.{key}: {problem}")
        self.key = key
        self.problem = problem


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DomainDelta(_Frozen):
    key: str
    label: str
    rank: int = Field(description="Rank in the scenario.")
    baseline_rank: int
    rank_probability: float = Field(description="Scenario: share of draws holding `rank`.")
    baseline_mean: float
    mean: float = Field(description="Scenario mean.")
    delta: float = Field(description="Scenario mean minus baseline mean (exact, to the cent).")


class WhatIfResult(_Frozen):
    model_version: str
    input_sha256: str = Field(description="The baseline input's hash; its seed drove both runs.")
    overrides: dict[str, Estimate]
    currency: str
    baseline_total: float
    total: float
    total_delta: float
    affected_domains: list[str] = Field(
        description="Domains whose drivers read an overridden input, share a pool's ceiling "
        "with one that does, or are priced net of one."
    )
    domains: list[DomainDelta] = Field(description="In the scenario's rank order.")
    scenario: ScoreResult


def nearest_inputs(key: str, limit: int = 3) -> list[str]:
    """Catalog keys closest in spelling to `key`, best first (for "did you mean")."""
    return difflib.get_close_matches(key, list(INPUTS), n=limit, cutoff=0.4)


def unknown_input_message(key: str) -> str:
    near = nearest_inputs(key)
    hint = f"; did you mean {', '.join(near)}?" if near else "; see `oiar questions` for keys"
    return f"unknown input {key!r}{hint}"


def _estimate(key: str, value: Any) -> tuple[Estimate, bool]:
    """The override as an estimate, and whether it was a bare number (a point)."""
    if isinstance(value, bool):
        value = float(value)
    try:
        if isinstance(value, int | float):
            return Estimate.exact(float(value)), True
        if isinstance(value, Estimate):
            return value, False
        return Estimate.model_validate(value), False
    except ValidationError as exc:
        problem = str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
        raise OverrideError(key, f"{problem} (got {value!r})") from exc


def parse_overrides(overrides: Mapping[str, Any]) -> dict[str, tuple[Estimate, bool]]:
    """Validate override keys against the catalog and values against each input's bounds.

    Raises:
        OverrideError: an unknown key (naming the nearest valid ones) or a bad value.
    """
    parsed: dict[str, tuple[Estimate, bool]] = {}
    for key in sorted(overrides):
        spec = INPUTS.get(key)
        if spec is None:
            raise OverrideError(key, unknown_input_message(key))
        estimate, point = _estimate(key, overrides[key])
        try:
            _check_bounds(spec, estimate)
        except InvalidInputError as exc:
            raise OverrideError(key, str(exc)) from exc
        parsed[key] = (estimate, point)
    return parsed


def affected_domains(keys: set[str]) -> list[str]:
    """Domains an input change can move (`drivers_moved_by`)."""
    moved = drivers_moved_by(keys)
    return sorted({d.domain for d in DRIVERS if d.key in moved})


def scenario_input(inp: ScoringInput, overrides: Mapping[str, Any]) -> ScoringInput:
    """The assessment with each overridden input's answers replaced by the override."""
    parsed = parse_overrides(overrides)
    if not parsed:
        return inp
    inputs = dict(inp.inputs)
    for key, (estimate, point) in parsed.items():
        inputs[key] = [Observation.model_construct(value=estimate, point=point)]
    return inp.model_copy(update={"inputs": inputs})


def _cents(value: float) -> int:
    return round(value * 100.0)


def what_if(
    inp: ScoringInput,
    overrides: Mapping[str, Any],
    *,
    seed: int | None = None,
    baseline: ScoreResult | None = None,
) -> WhatIfResult:
    """Score `inp` and the scenario with `overrides` on the same draws; deltas per domain.

    Args:
        inp: The baseline assessment (the organization's current answers).
        overrides: Input key -> a number (read as a point answer) or {low, likely, high}.
        seed: Both runs' seed; None means the baseline's own hash-derived seed, so the baseline
            equals `score(inp)` exactly.
        baseline: `score(inp)` when the caller already has it (a cache); only with seed None.

    Raises:
        OverrideError: an unknown input key or a value outside the input's bounds.
    """
    parsed = parse_overrides(overrides)
    digest = input_sha256(inp)
    run_seed = seed_for(digest) if seed is None else seed
    if baseline is None or seed is not None or baseline.input_sha256 != digest:
        baseline = score(inp, seed=run_seed)
    scenario = baseline if not parsed else score(scenario_input(inp, overrides), seed=run_seed)
    before = {d.key: d for d in baseline.domains}
    deltas = [
        DomainDelta(
            key=d.key,
            label=d.label,
            rank=d.rank,
            baseline_rank=before[d.key].rank,
            rank_probability=d.rank_probability,
            baseline_mean=before[d.key].mean,
            mean=d.mean,
            delta=(_cents(d.mean) - _cents(before[d.key].mean)) / 100.0,
        )
        for d in scenario.domains
    ]
    return WhatIfResult(
        model_version=MODEL_VERSION,
        input_sha256=digest,
        overrides={key: estimate for key, (estimate, _) in parsed.items()},
        currency=baseline.currency,
        baseline_total=baseline.total.mean,
        total=scenario.total.mean,
        total_delta=(_cents(scenario.total.mean) - _cents(baseline.total.mean)) / 100.0,
        affected_domains=affected_domains(set(parsed)),
        domains=deltas,
        scenario=scenario,
    )

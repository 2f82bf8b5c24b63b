"""Turn an assessment's answers and benchmark assumptions into one estimate set per input.

Every input ends up as one or more (low, likely, high) triples, one per respondent, each read as
a 90% range. How a value becomes a range:

- a respondent's range, or an explicit {low, likely, high}, is used as given;
- a respondent's point answer on a continuous quantity is widened to ×0.8–×1.25 (a log-symmetric
  band: a single estimate is rarely better than ±25%); a finance pool amount, an observed actual,
  to ×0.9–×1.11; near a bound (a share near 100%) the band narrows on both sides to fit, so the
  stated value stays the likely one and the mean, and a value at a bound is taken as stated;
- discrete answers (scales, yes/no, choices) are taken exactly: the uncertainty there is between
  respondents, not within one;
- an input nobody answered takes its benchmark assumption's own range, scaled by its basis.

Several respondents on one input are combined without regard to the order their answers came
in: rows are sorted into a canonical order (by person, then value), and each *person* weighs
the same, however many of their answers feed the input (two questions on one quantity split
that person's weight between them rather than doubling it).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scoring.catalog import INPUTS, InputSpec
from scoring.errors import InvalidInputError, MissingBenchmarkError
from scoring.model import (
    Benchmark,
    Estimate,
    Observation,
    OrganizationProfile,
    Respondent,
    ScoringInput,
)

ANSWER_POINT_SPREAD = (0.8, 1.25)
POOL_POINT_SPREAD = (0.9, 1.0 / 0.9)
PROFILE = "organization profile"


# Not frozen: a frozen dataclass's __init__ costs ~2.5 us more per instance (63 per
# assessment); nothing mutates one after `resolve_inputs` builds it.
@dataclass(slots=True)
class ResolvedInput:
    """One input's estimates, one row per respondent, and where they came from."""

    spec: InputSpec
    # One (low, likely, high) per row, in canonical order. Plain floats: most inputs have one
    # row, and the simulator packs the first rows of a whole batch into one array itself.
    rows: tuple[tuple[float, float, float], ...]
    source: str  # "answer" | "assumption"
    central: float  # median of the likely values: the figure an explanation quotes
    respondents: list[str]
    low: float  # the lowest low end across rows
    high: float  # the highest high end across rows
    observations: tuple[Observation, ...] = ()
    benchmark: Benchmark | None = None
    # Each row's share of the mixture: every person weighs 1 / people, split evenly across
    # their own rows. None means equal rows (one row, or a benchmark).
    weights: tuple[float, ...] | None = None
    # Each person's likely value (the median of theirs when they gave several), in row order of
    # their first row; None for an unattributed answer, a person of its own. Empty: a benchmark.
    stated: tuple[tuple[Respondent | None, float], ...] = ()

    @property
    def params(self) -> npt.NDArray[np.float64]:
        """The rows as a (rows, 3) array: low, likely, high."""
        return np.array(self.rows, dtype=np.float64)

    @property
    def people(self) -> int:
        """Distinct people behind the answers (0 for a benchmark)."""
        return len(self.stated)

    @property
    def exact(self) -> bool:
        """Answered scales, yes/no and choices are taken as stated, without a spread."""
        return self.spec.is_discrete and self.source == "answer"

    @property
    def needs_row_sampling(self) -> bool:
        """Mixtures, exact answers and zero low ends leave the simulator's fast path."""
        return self.exact or len(self.rows) > 1 or not self.rows[0][0] > 0.0


@dataclass(frozen=True, slots=True)
class ResolvedAssessment:
    """Every catalog input resolved, plus the packed form the simulator reads."""

    inputs: dict[str, ResolvedInput]
    first: npt.NDArray[np.float64]  # (inputs, 3): each input's first estimate
    special: tuple[int, ...]  # catalog indices of inputs that need row sampling


def _basis_factor(benchmark: Benchmark, org: OrganizationProfile) -> float:
    match benchmark.basis:
        case "revenue":
            return org.revenue
        case "revenue_per_employee":
            return org.revenue / org.headcount
        case "headcount":
            return float(org.headcount)
        case _:
            return 1.0


def _check_bounds(spec: InputSpec, estimate: Estimate) -> None:
    # An Estimate is ordered (low <= likely <= high, checked when it is made), so its ends
    # decide; only an out-of-bounds answer pays for finding which value to name.
    high_bound = spec.high_bound
    in_bounds = estimate.low >= spec.low_bound and (
        high_bound is None or estimate.high <= high_bound
    )
    if in_bounds and spec.kind != "scale":
        return
    for value in (estimate.low, estimate.likely, estimate.high):
        too_high = spec.high_bound is not None and value > spec.high_bound
        if value < spec.low_bound or too_high:
            allowed = f"{spec.low_bound:g} to {spec.high_bound:g}" if spec.high_bound else ">= 0"
            msg = f"input {spec.key!r}: value {value:.12g} is outside {allowed} ({spec.unit})"
            raise InvalidInputError(msg)
    if spec.kind == "scale" and not all(
        float(v).is_integer() for v in (estimate.low, estimate.likely, estimate.high)
    ):
        msg = f"input {spec.key!r}: a 1-5 scale takes whole numbers, got {estimate.likely:g}"
        raise InvalidInputError(msg)


def _widen(spec: InputSpec, observation: Observation) -> tuple[float, float, float]:
    estimate = observation.value
    if not observation.point or spec.is_discrete:
        return estimate.low, estimate.likely, estimate.high
    likely = estimate.likely
    down, up = POOL_POINT_SPREAD if spec.key.startswith("pool_") else ANSWER_POINT_SPREAD
    # Near a bound the band shrinks on both sides alike rather than being clipped on one: a
    # clipped top with a full ×0.8 bottom moved the mean below the answer (a stated 100% was
    # simulated with a mean of ~95%, a stated 90% ~88%). A value at a bound leaves no room on
    # one side, so it is taken as stated: "all of it" is as exact as "none" (0 × 0.8 = 0).
    factor = min(up, 1.0 / down)
    if spec.high_bound is not None and likely > 0.0:
        factor = min(factor, spec.high_bound / likely)
    if spec.low_bound > 0.0:
        factor = min(factor, likely / spec.low_bound)
    high = likely * factor
    if spec.high_bound is not None:
        high = min(high, spec.high_bound)  # 0.9 × (1 / 0.9) can round a hair past 1
    return max(likely / factor, spec.low_bound), likely, high


def _person(observation: Observation) -> tuple[str, ...]:
    """Who said it, as a sort key; an unattributed answer is a person of its own."""
    who = observation.respondent
    if who is None:
        return ("\uffff", "", "")  # after every named person
    return (who.name, who.role or "", who.department or "")


def canonical_key(observation: Observation) -> tuple[object, ...]:
    """Who said it, then what they said: the order rows and hashes take."""
    value = observation.value
    return (
        *_person(observation),
        value.low,
        value.likely,
        value.high,
        observation.point,
        observation.evidence or "",
    )


def canonical_observations(observations: Sequence[Observation]) -> list[Observation]:
    """The observations in an order that depends only on what they say, never on arrival."""
    return sorted(observations, key=canonical_key)


def _people(observations: Sequence[Observation]) -> list[list[int]]:
    """Row indices grouped by person (unattributed rows stand alone), in row order."""
    groups: dict[tuple[str, ...], list[int]] = {}
    alone: list[list[int]] = []
    for i, observation in enumerate(observations):
        if observation.respondent is None:
            alone.append([i])
        else:
            groups.setdefault(_person(observation), []).append(i)
    return [*groups.values(), *alone]


def _from_answers(spec: InputSpec, observations: Sequence[Observation]) -> ResolvedInput:
    if len(observations) == 1:
        return _from_one_answer(spec, observations[0])
    ordered = canonical_observations(observations)
    rows = []
    for observation in ordered:
        _check_bounds(spec, observation.value)
        rows.append(_widen(spec, observation))
    people = _people(ordered)
    weights = [0.0] * len(rows)
    for group in people:
        for i in group:
            weights[i] = 1.0 / (len(people) * len(group))
    names = [o.respondent.display for o in ordered if o.respondent is not None]
    stated = tuple(
        (ordered[group[0]].respondent, statistics.median(rows[i][1] for i in group))
        for group in people
    )
    return ResolvedInput(
        spec=spec,
        rows=tuple(rows),
        source="answer",
        # The median across people of each person's own: a person counts once.
        central=statistics.median(value for _, value in stated),
        respondents=list(dict.fromkeys(names)),
        low=min(row[0] for row in rows),
        high=max(row[2] for row in rows),
        observations=tuple(ordered),
        weights=tuple(weights) if len(rows) > 1 else None,
        stated=stated,
    )


def _from_one_answer(spec: InputSpec, observation: Observation) -> ResolvedInput:
    _check_bounds(spec, observation.value)
    row = _widen(spec, observation)
    who = observation.respondent
    return ResolvedInput(
        spec=spec,
        rows=(row,),
        source="answer",
        central=row[1],
        respondents=[who.display] if who is not None else [],
        low=row[0],
        high=row[2],
        observations=(observation,),
        stated=((who, row[1]),),
    )


def _from_benchmark(
    spec: InputSpec, benchmark: Benchmark, org: OrganizationProfile
) -> ResolvedInput:
    factor = _basis_factor(benchmark, org)
    low, likely, high = benchmark.low * factor, benchmark.likely * factor, benchmark.high * factor
    if spec.high_bound is not None:
        low, likely, high = (min(v, spec.high_bound) for v in (low, likely, high))
    return ResolvedInput(
        spec=spec,
        rows=((low, likely, high),),
        source="assumption",
        central=likely,
        respondents=[],
        low=low,
        high=high,
        benchmark=benchmark,
    )


def _profile_observations(inp: ScoringInput) -> dict[str, list[Observation]]:
    """Values the organization profile states directly count as answers from the profile."""
    org = inp.organization
    stated = {
        "loaded_labor_cost_per_hour": org.loaded_labor_cost_per_hour,
        "contribution_margin": org.contribution_margin,
    }
    return {
        key: [Observation(value=value, respondent=Respondent(name=PROFILE))]
        for key, value in stated.items()
        if value is not None
    }


def resolve_inputs(inp: ScoringInput) -> ResolvedAssessment:
    """Resolve every catalog input, in catalog order, from answers or benchmarks."""
    unknown = sorted(set(inp.inputs) - set(INPUTS))
    if unknown:
        msg = f"unknown input key(s): {', '.join(unknown)}"
        raise InvalidInputError(msg)
    answered = {**_profile_observations(inp), **{k: v for k, v in inp.inputs.items() if v}}
    resolved: dict[str, ResolvedInput] = {}
    for key, spec in INPUTS.items():
        if key in answered:
            resolved[key] = _from_answers(spec, answered[key])
            continue
        benchmark = inp.benchmarks.get(key)
        if benchmark is None:
            msg = f"input {key!r} has no answer and no benchmark assumption"
            raise MissingBenchmarkError(msg)
        resolved[key] = _from_benchmark(spec, benchmark, inp.organization)
    items = list(resolved.values())
    return ResolvedAssessment(
        inputs=resolved,
        first=np.array([item.rows[0] for item in items], dtype=np.float64),
        special=tuple(k for k, item in enumerate(items) if item.needs_row_sampling),
    )

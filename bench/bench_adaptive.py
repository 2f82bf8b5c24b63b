"""Adaptive interviewing: questions to reach the final top three, adaptive order vs fixed order.

Five synthetic companies (different industries, sizes and drag patterns) have known true
answers to every question. One respondent whose plan covers every input answers truthfully,
once in the instrument's fixed (priority) order and once in the adaptive order (value of
information over the current state). For each order we count the questions needed until the
top three equals the final top three (every question answered) and stays equal, read two
ways: in order, and as a set (which three domains, whatever their order: two domains tied in
the final state swap places on a seed, which no question can settle).
Target: adaptive needs at most 60% of the fixed order's count.

The stop rule (each of the top three holding its rank in 90% of draws) fires only when the
ranking is clear: `stop@` is the question count at which it would end the interview, and
whether the top three then was already the final one (in order / as a set).

Then the next-question choice is timed through the real tools path (a SQLite store, the
organization's answers read back, the VOI estimate on the spot every turn): target < 100 ms.
Prints figures; asserts nothing.

Usage: python bench/bench_adaptive.py [--eval-draws 10000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from knowledge import ROLE_TAGS, Question, load_benchmarks
from scoring import (
    INPUTS,
    OrganizationProfile,
    Respondent,
    ScoringInput,
    input_sha256,
    score,
    seed_for,
)
from scoring.drivers import DRIVERS
from scoring.model import Observation
from scoring.resolve import resolve_inputs
from scoring.simulate import Z95
from scoring.voi import value_of_information
from tools import admin
from tools import interview as iv
from tools.access import Caller
from tools.interview import AdaptiveEstimator
from tools.interview.plan import _plan
from tools.store import Store

RESPONDENT = Respondent(name="Bench Respondent", role="CEO", department="Executive")


@dataclass(frozen=True)
class Company:
    name: str
    industry: str
    revenue: float
    margin: float
    headcount: int
    # Domains whose drag is far above the benchmark (their inputs' true values scaled up).
    heavy: dict[str, float] = field(default_factory=dict)
    seed: int = 0


COMPANIES = (
    Company(
        "Northwind Plastics",
        "manufacturing",
        180e6,
        0.09,
        900,
        {"knowledge_transfer": 2.0, "training_roi": 1.6, "internal_risk": 1.5},
        11,
    ),  # fmt: skip
    Company(
        "Bluefin Freight",
        "logistics",
        420e6,
        0.05,
        2_300,
        {"hiring_friction": 2.2, "cross_functional_alignment": 1.8},
        23,
    ),  # fmt: skip
    Company(
        "Ridgeline Software",
        "generic",
        60e6,
        0.14,
        260,
        {"leadership_bandwidth": 2.5, "ai_readiness": 2.0, "organizational_alignment": 1.5},
        37,
    ),  # fmt: skip
    Company(
        "Cedar Power",
        "energy",
        900e6,
        0.11,
        3_100,
        {"external_risk": 1.8, "organizational_alignment": 1.8},
        41,
    ),  # fmt: skip
    Company(
        "Harbor Foods",
        "manufacturing",
        300e6,
        0.08,
        1_500,
        {"hiring_friction": 3.0, "leadership_bandwidth": 2.6, "cross_functional_alignment": 2.2},
        53,
    ),  # fmt: skip: a pronounced pattern, where the ranking settles early
)


def _profile(c: Company) -> OrganizationProfile:
    return OrganizationProfile(
        name=c.name,
        revenue=c.revenue,
        operating_margin=c.margin,
        headcount=c.headcount,
        industry=c.industry,
    )


def _empty_input(c: Company, draws: int) -> ScoringInput:
    return ScoringInput(
        organization=_profile(c), benchmarks=load_benchmarks(c.industry), draws=draws
    )


def _domains_of(key: str) -> set[str]:
    return {d.domain for d in DRIVERS if key in d.inputs}


def true_answers(c: Company) -> dict[str, float]:
    """One true value per input: a draw from the benchmark range, scaled in heavy domains."""
    rng = np.random.Generator(np.random.PCG64(c.seed))
    resolved = resolve_inputs(_empty_input(c, 1_000)).inputs
    truth: dict[str, float] = {}
    for key, spec in INPUTS.items():
        low, likely, high = resolved[key].rows[0]
        z = float(rng.standard_normal())
        side = high if z >= 0 else low
        value = likely * (side / likely) ** (abs(z) / Z95) if likely > 0 and side > 0 else likely
        boost = max((c.heavy.get(d, 1.0) for d in _domains_of(key)), default=1.0)
        if spec.worse_when == "higher" and not key.startswith("pool_"):
            value *= boost
        elif spec.worse_when == "lower" and spec.kind == "share":
            value /= boost
        if spec.is_discrete:
            value = float(round(value))
        value = max(value, spec.low_bound)
        if spec.high_bound is not None:
            value = min(value, spec.high_bound)
        truth[key] = value
    return truth


def full_plan() -> list[Question]:
    """A respondent whose role tags cover every input: one question per input, by priority."""
    return list(_plan(tuple(ROLE_TAGS), (), False))


def _state(c: Company, truth: dict[str, float], answered: list[str], draws: int) -> ScoringInput:
    inputs = {k: [Observation(value=truth[k], respondent=RESPONDENT)] for k in answered}
    return _empty_input(c, draws).model_copy(update={"inputs": inputs})


def _top3(inp: ScoringInput, seed: int | None) -> tuple[str, ...]:
    return tuple(d.key for d in score(inp, seed=seed).domains[:3])


def questions_to_final(tops: list[tuple[str, ...]], *, as_set: bool = False) -> int:
    """Questions answered until the top three equals the final one and never changes again."""
    same = (lambda a, b: set(a) == set(b)) if as_set else (lambda a, b: a == b)
    final = tops[-1]
    count = len(tops) - 1
    while count > 0 and same(tops[count - 1], final):
        count -= 1
    return count


@dataclass(frozen=True)
class Run:
    ordered: int  # questions to the final top three, in order
    as_set: int  # questions to the final top three, as a set
    stop_at: int | None  # questions answered when the stop rule fires
    stop_ordered: bool  # the top three at the stop was the final one, in order
    stop_set: bool  # ... as a set


def run_order(
    c: Company, truth: dict[str, float], questions: list[Question], *, adaptive_order: bool,
    eval_draws: int, eval_seed: int | None,
) -> tuple[Run, list[float]]:  # fmt: skip
    """Questions to the final top three, when the stop rule fires, and VOI timings (ms).

    `eval_seed` fixed: every state's top three is read on the same draws, so it changes only
    when answers change it; None: each state on its own hash-derived seed (as `score` does).
    """
    answered: list[str] = []
    open_questions = list(questions)
    tops = [_top3(_state(c, truth, answered, eval_draws), eval_seed)]
    stop_at: int | None = None
    voi_ms: list[float] = []
    while open_questions:
        if adaptive_order:
            started = time.perf_counter()
            found = value_of_information(_state(c, truth, answered, 2_000))
            voi_ms.append((time.perf_counter() - started) * 1000)
            if found.settled and stop_at is None:
                stop_at = len(answered)
            feeds = [q.feeds for q in open_questions]
            best = found.best(feeds)
            chosen = open_questions[feeds.index(best) if best is not None else 0]
        else:
            chosen = open_questions[0]
        open_questions.remove(chosen)
        answered.append(chosen.feeds)
        tops.append(_top3(_state(c, truth, answered, eval_draws), eval_seed))
    final = tops[-1]
    at_stop = tops[stop_at] if stop_at is not None else None
    run = Run(
        ordered=questions_to_final(tops),
        as_set=questions_to_final(tops, as_set=True),
        stop_at=stop_at,
        stop_ordered=at_stop == final,
        stop_set=at_stop is not None and set(at_stop) == set(final),
    )
    return run, voi_ms


def time_tool_path(c: Company, folder: Path) -> tuple[list[float], list[float], list[float]]:
    """Next-question choice through the tools (cache cleared), and whole answer turns with
    the adaptive and the fixed order, in milliseconds."""
    store = Store.open(f"sqlite:///{(folder / f'{c.seed}.db').as_posix()}")
    try:
        org, _ = admin.create_org(store, _profile(c))
        caller = Caller(org_id=org.id, role="admin", channel="api")
        choice: list[float] = []
        turns: dict[str, list[float]] = {"adaptive": [], "priority": []}
        for order in ("adaptive", "priority"):
            # Every turn estimates on the spot: the served default reuses an estimate
            # refreshed in the background, which would time a cache hit instead of the choice.
            estimator = AdaptiveEstimator(store, order=order, refresh_s=0.0)
            person = admin.add_respondent(
                store, caller, org.id, name=f"Bench {order}", role="CEO", tags=list(ROLE_TAGS)
            )
            state = iv.start_interview(store, caller, respondent_id=person.id, estimator=estimator)
            while state.pending is not None:
                if order == "adaptive":
                    estimator.forget()
                    with iv.open_interview(
                        store, caller, state.id, write=False, estimator=estimator
                    ) as handle:
                        started = time.perf_counter()
                        handle.next_open(stop_when_settled=False)
                        choice.append((time.perf_counter() - started) * 1000)
                    estimator.forget()
                example = load_question(state.pending.id).example
                started = time.perf_counter()
                iv.record_answer(store, caller, state.id, text=example, estimator=estimator)
                turns[order].append((time.perf_counter() - started) * 1000)
                state = iv.get_state(store, caller, state.id)
        return choice, turns["adaptive"], turns["priority"]
    finally:
        store.dispose()


def load_question(question_id: str) -> Question:
    from knowledge import load_instrument

    return load_instrument().by_id[question_id]


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def compare(questions: list[Question], eval_draws: int, *, reseed: bool) -> list[float]:
    """Print questions-to-final-top-three per company for both orders; the VOI timings."""
    how = "each state on its own seed" if reseed else "every state on the same draws"
    print(f"\ntop three read with {eval_draws:,} draws, {how}")
    print(
        f"{'':<37}{'in order':^24}{'as a set':^24}\n"
        f"{'company':<22}{'industry':<15}"
        + f"{'fixed':>8}{'adaptive':>9}{'ratio':>7}" * 2
        + f"{'stop@':>7}{'final then':>12}"
    )
    ratios: dict[str, list[float]] = {"ordered": [], "as_set": []}
    totals = {"ordered": [0, 0], "as_set": [0, 0]}
    all_voi: list[float] = []
    for c in COMPANIES:
        truth = true_answers(c)
        seed = None if reseed else seed_for(input_sha256(_empty_input(c, eval_draws)))
        fixed, _ = run_order(
            c, truth, questions, adaptive_order=False, eval_draws=eval_draws, eval_seed=seed
        )
        adapt, voi_ms = run_order(
            c, truth, questions, adaptive_order=True, eval_draws=eval_draws, eval_seed=seed
        )
        all_voi += voi_ms
        cells = []
        for metric in ("ordered", "as_set"):
            f, a = getattr(fixed, metric), getattr(adapt, metric)
            ratio = a / f if f else float("nan")
            ratios[metric].append(ratio)
            totals[metric][0] += f
            totals[metric][1] += a
            cells.append(f"{f:>8}{a:>9}{ratio:>7.0%}")
        if adapt.stop_at is None:
            stop, then = "-", "-"
        else:
            stop = str(adapt.stop_at)
            then = f"{'yes' if adapt.stop_ordered else 'no'} / {'yes' if adapt.stop_set else 'no'}"
        print(f"{c.name:<22}{c.industry:<15}{''.join(cells)}{stop:>7}{then:>12}")
    for metric, label in (("ordered", "in order"), ("as_set", "as a set")):
        fixed_total, adaptive_total = totals[metric]
        pooled = adaptive_total / fixed_total if fixed_total else float("nan")
        print(
            f"{label}: pooled ratio {pooled:.0%} (target <= 60%); per-company median "
            f"{statistics.median(ratios[metric]):.0%}, worst {max(ratios[metric]):.0%}"
        )
    return all_voi


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-draws", type=int, default=10_000)
    args = parser.parse_args()
    questions = full_plan()
    print(f"plan: {len(questions)} questions (one per input), {len(COMPANIES)} companies")
    all_voi = compare(questions, args.eval_draws, reseed=False)
    all_voi += compare(questions, args.eval_draws, reseed=True)
    print(
        f"\nVOI estimate alone (scoring core, 2,000 draws): p50 {_pct(all_voi, 50):.1f} ms, "
        f"p95 {_pct(all_voi, 95):.1f} ms"
    )
    with tempfile.TemporaryDirectory() as folder:
        choice, adaptive_turns, fixed_turns = [], [], []
        for c in COMPANIES:
            ch, at, ft = time_tool_path(c, Path(folder))
            choice += ch
            adaptive_turns += at
            fixed_turns += ft
    print(
        f"next-question choice via the tools (store read + VOI, uncached): "
        f"p50 {_pct(choice, 50):.1f} ms, p95 {_pct(choice, 95):.1f} ms (target < 100 ms)"
    )
    print(
        f"answer turn: adaptive p50 {_pct(adaptive_turns, 50):.1f} ms / p95 "
        f"{_pct(adaptive_turns, 95):.1f} ms; fixed order p50 {_pct(fixed_turns, 50):.1f} ms / "
        f"p95 {_pct(fixed_turns, 95):.1f} ms"
    )


if __name__ == "__main__":
    main()

"""Adaptive interviewing: questions to reach the final top three, adaptive order vs fixed order.

Three synthetic companies (different industries, sizes and drag patterns) have known true
answers to every question. One respondent whose plan covers every input answers truthfully,
once in the instrument's fixed (priority) order and once in the adaptive order (value of
information over the current state). For each order we count the questions needed until the
ranked top three equals the final top three (every question answered) and stays equal.
Target: adaptive needs at most 60% of the fixed order's count.

Then the next-question choice is timed through the real tools path (a SQLite store, the
organization's answers read back, the VOI estimate; cache cleared every turn): target < 100 ms.
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
from tools import adaptive, admin
from tools import interview as iv
from tools.access import Caller
from tools.interview_plan import _plan
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
        low, likely, high = (float(v) for v in resolved[key].params[0])
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


def questions_to_final(tops: list[tuple[str, ...]]) -> int:
    """Questions answered until the top three equals the final one and never changes again."""
    final = tops[-1]
    count = len(tops) - 1
    while count > 0 and tops[count - 1] == final:
        count -= 1
    return count


def run_order(
    c: Company, truth: dict[str, float], questions: list[Question], *, adaptive_order: bool,
    eval_draws: int, eval_seed: int | None,
) -> tuple[int, int | None, list[float]]:  # fmt: skip
    """(questions to the final top three, question count when the stop rule fires, VOI ms).

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
    return questions_to_final(tops), stop_at, voi_ms


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
            adaptive.ORDER = order  # type: ignore[assignment]
            person = admin.add_respondent(
                store, caller, org.id, name=f"Bench {order}", role="CEO", tags=list(ROLE_TAGS)
            )
            state = iv.start_interview(store, caller, respondent_id=person.id)
            while state.pending is not None:
                if order == "adaptive":
                    adaptive.forget()
                    with iv.open_interview(store, caller, state.id, write=False) as handle:
                        started = time.perf_counter()
                        handle.next_open(stop_when_settled=False)
                        choice.append((time.perf_counter() - started) * 1000)
                    adaptive.forget()
                example = load_question(state.pending.id).example
                started = time.perf_counter()
                iv.record_answer(store, caller, state.id, text=example)
                turns[order].append((time.perf_counter() - started) * 1000)
                state = iv.get_state(store, caller, state.id)
        return choice, turns["adaptive"], turns["priority"]
    finally:
        adaptive.ORDER = "adaptive"
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
    print(f"{'company':<22}{'industry':<15}{'fixed':>7}{'adaptive':>10}{'ratio':>8}{'stop@':>7}")
    ratios, all_voi = [], []
    fixed_total = adaptive_total = 0
    for c in COMPANIES:
        truth = true_answers(c)
        seed = None if reseed else seed_for(input_sha256(_empty_input(c, eval_draws)))
        fixed, _, _ = run_order(
            c, truth, questions, adaptive_order=False, eval_draws=eval_draws, eval_seed=seed
        )
        adapt, stop_at, voi_ms = run_order(
            c, truth, questions, adaptive_order=True, eval_draws=eval_draws, eval_seed=seed
        )
        all_voi += voi_ms
        ratio = adapt / fixed if fixed else float("nan")
        ratios.append(ratio)
        fixed_total += fixed
        adaptive_total += adapt
        stop = "-" if stop_at is None else str(stop_at)
        print(f"{c.name:<22}{c.industry:<15}{fixed:>7}{adapt:>10}{ratio:>8.0%}{stop:>7}")
    pooled = adaptive_total / fixed_total if fixed_total else float("nan")
    print(
        f"pooled ratio {pooled:.0%} (target <= 60%); per-company median "
        f"{statistics.median(ratios):.0%}"
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

"""Scoring core speed and memory. Prints figures; asserts nothing.

1. One assessment (the sample company) at 10,000 draws: median latency over repeated runs,
   next to the floor set by drawing the standard normals alone.
2. pyfair (the open FAIR Monte Carlo library) on a 9-risk model at 10,000 simulations, timed in
   the same run, when it is installed (`pip install -e '.[bench]'`): oiar prices 29 drivers over
   nine domains with ranges, ceilings, ranks and a year's loss; pyfair nine frequency x
   magnitude risks and their sum.
3. score_many over 10,000 varied assessments at 1,000 draws: wall time and peak RSS (the
   set-up heap frozen out of the cyclic collector first, as a long batch job would), in this
   process, then in one worker process per CPU (`score_many(..., processes=N)`).

Usage: python bench/bench_scoring.py [--runs 50] [--batch 10000] [--processes N]
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import time
from collections.abc import Iterator

import numpy as np

from knowledge import load_sample_assessment
from scoring import INPUTS, ScoringInput, score, score_many
from scoring.model import Estimate, Observation
from tools.analysis.assessment import read_assessment, to_scoring_input


def sample_input(draws: int) -> ScoringInput:
    return to_scoring_input(read_assessment({**load_sample_assessment(), "draws": draws}))


def _scaled(obs: Observation, factor: float, high_bound: float | None) -> Observation:
    v = obs.value
    cap = high_bound if high_bound is not None else float("inf")
    est = Estimate(
        low=min(v.low * factor, cap),
        likely=min(v.likely * factor, cap),
        high=min(v.high * factor, cap),
    )
    return obs.model_copy(update={"value": est})


def variants(base: ScoringInput, n: int, seed: int = 1) -> Iterator[ScoringInput]:
    """n different companies: the sample's answers and profile scaled by random factors."""
    rng = np.random.default_rng(seed)
    for _ in range(n):
        org = base.organization.model_copy(
            update={
                "revenue": base.organization.revenue * float(rng.uniform(0.3, 5.0)),
                "headcount": int(base.organization.headcount * rng.uniform(0.3, 5.0)) + 1,
            }
        )
        inputs = {}
        for key, observations in base.inputs.items():
            spec = INPUTS[key]
            if spec.is_discrete:
                inputs[key] = observations
                continue
            factor = float(rng.lognormal(0.0, 0.5))
            inputs[key] = [_scaled(o, factor, spec.high_bound) for o in observations]
        yield base.model_copy(update={"organization": org, "inputs": inputs})


def bench_single(runs: int) -> float:
    inp = sample_input(10_000)
    score(inp)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        score(inp)
        times.append((time.perf_counter() - start) * 1e3)
    rng_times = []
    for _ in range(runs):
        start = time.perf_counter()
        np.random.Generator(np.random.PCG64(1)).standard_normal((len(INPUTS), 10_000))
        rng_times.append((time.perf_counter() - start) * 1e3)
    median, floor = statistics.median(times), statistics.median(rng_times)
    print(f"single assessment, 10,000 draws, {len(INPUTS)} inputs, 29 drivers ({runs} runs)")
    p90 = float(np.percentile(times, 90))
    print(f"  median {median:.1f} ms   p90 {p90:.1f} ms   min {min(times):.1f} ms")
    print(f"  drawing the normals alone: {floor:.1f} ms ({floor / median:.0%} of the median)")
    return median


def bench_pyfair(runs: int, oiar_median_ms: float) -> None:
    try:
        from pyfair import FairMetaModel, FairModel
    except ImportError:
        print("pyfair: not installed (pip install -e '.[bench]'); comparison skipped")
        return

    def nine_risks() -> None:
        models = []
        for i in range(9):
            model = FairModel(name=f"risk {i}", n_simulations=10_000, random_seed=i)
            model.input_data("Loss Event Frequency", low=0.1, mode=0.5 + i / 10, high=3.0)
            model.input_data("Loss Magnitude", low=5e3, mode=2e4 * (i + 1), high=5e5)
            model.calculate_all()
            models.append(model)
        FairMetaModel(name="nine risks", models=models).calculate_all()

    nine_risks()
    times = []
    for _ in range(max(3, runs // 5)):
        start = time.perf_counter()
        nine_risks()
        times.append((time.perf_counter() - start) * 1e3)
    median = statistics.median(times)
    print("pyfair 9-risk model (PERT frequency x magnitude + meta model), 10,000 simulations")
    print(f"  median {median:.1f} ms; oiar takes {oiar_median_ms / median:.2f}x pyfair's time")


class _Timed:
    """Wraps an iterator and adds up the time spent producing its items."""

    def __init__(self, items: Iterator[ScoringInput]) -> None:
        self.items, self.seconds = items, 0.0

    def __iter__(self) -> Iterator[ScoringInput]:
        return self

    def __next__(self) -> ScoringInput:
        start = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - start


def bench_batch(n: int, processes: int = 1) -> None:
    base = sample_input(1_000)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # What a long batch job does: the set-up heap (modules, catalog, knowledge) moves out of
    # the collector's reach, so the collections the streamed inputs trigger walk only what
    # the batch itself allocates, not the whole process.
    gc.freeze()
    generated = _Timed(variants(base, n))
    start, cpu = time.perf_counter(), time.process_time()
    # Inputs are generated and results consumed as they stream: a nightly batch job's shape.
    totals = [r.total.mean for r in score_many(generated, processes=processes)]
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    scoring = elapsed - generated.seconds
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    where = "in this process" if processes == 1 else f"in {processes} worker processes"
    print(f"score_many: {n:,} assessments x 1,000 draws (streamed, {where})")
    print(f"  {elapsed:.1f} s total, {elapsed / n * 1e3:.2f} ms per assessment")
    print(
        f"  scoring alone {scoring:.1f} s ({scoring / n * 1e3:.2f} ms per assessment); "
        f"generating the varied inputs {generated.seconds:.1f} s"
    )
    # CPU seconds say what the batch costs when other work shares the machine's cores.
    if processes == 1:
        print(f"  process CPU {cpu:.1f} s ({cpu / elapsed:.0%} of the wall time)")
    print(f"  peak RSS {peak:,.0f} MB (this process; {before:,.0f} MB before the batch)")
    if processes > 1:
        workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        bound = peak + processes * workers
        print(
            f"  largest worker's peak RSS {workers:,.0f} MB; all processes at most {bound:,.0f} MB"
        )
    print(f"  total OIaR across the batch: median ${statistics.median(totals) / 1e6:.1f}M")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--batch", type=int, default=10_000)
    parser.add_argument(
        "--processes",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes for the second batch run (1: only the in-process run)",
    )
    args = parser.parse_args()
    median = bench_single(args.runs)
    bench_pyfair(args.runs, median)
    bench_batch(args.batch)
    if args.processes > 1:
        bench_batch(args.batch, args.processes)


if __name__ == "__main__":
    main()

"""Closing a round and computing a trend, for an organization with 50 respondents.

Builds a throwaway SQLite workspace: 50 respondents answer every question the sample company
answered (values varied per person), round 1 is closed; they answer again with a quarter's
changes, round 2 is closed, then the trend is computed. Prints the wall time of each step (a
close scores the round at 10,000 draws, builds the governance report and the sprint plan, and
stores the snapshot; the trend re-simulates both rounds with common random numbers). Asserts
nothing.

Usage: python bench/bench_rounds.py [--respondents 50]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from knowledge import load_instrument, load_sample_assessment
from scoring import OrganizationProfile
from tools import Store, admin, rounds
from tools.analysis.assessment import to_model_value
from tools.store import interviews as repo


def _answers(store: Store, org_id: str, people: list[str], factor: float, seed: int) -> int:
    """Every respondent answers every question the sample answered, varied by person."""
    sample = load_sample_assessment()
    instrument = load_instrument()
    rng = np.random.default_rng(seed)
    count = 0
    with store.write() as session:
        for person in people:
            for answer in sample["answers"]:
                question = instrument.by_id[answer["question_id"]]
                value = to_model_value(question, answer["value"], currency="USD", where="bench")
                if value is None:
                    continue
                low, likely, high = (
                    (value["low"], value["likely"], value["high"])
                    if isinstance(value, dict)
                    else (value, value, value)
                )
                discrete = question.type in ("scale_1_5", "choice", "yes_no")
                scale = 1.0 if discrete else float(rng.uniform(0.7, 1.3) * factor)
                scale = min(scale, question.bounds[1] / max(high, 1e-9))
                repo.append_event(
                    session,
                    org_id=org_id,
                    respondent_id=person,
                    interview_id=None,
                    question_id=question.id,
                    kind="answer",
                    raw_text=str(likely),
                    channel="bench",
                    value={
                        "low": low * scale,
                        "likely": likely * scale,
                        "high": high * scale,
                        "point": not isinstance(value, dict),
                    },
                )
                count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=50)
    args = parser.parse_args()
    sample = load_sample_assessment()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{(Path(tmp) / 'bench.db').as_posix()}")
        try:
            org, key = admin.create_org(
                store, OrganizationProfile.model_validate(sample["organization"])
            )
            caller = admin.authenticate(store, key.key or "")
            assert caller is not None
            people = [
                admin.add_respondent(store, caller, org.id, name=f"Person {i}", department=dep).id
                for i, dep in enumerate(["Operations", "Finance", "Sales", "HR", "IT"] * 10)
            ][: args.respondents]
            first = rounds.open_round(store, caller, org.id, label="2027-Q1")
            events = _answers(store, org.id, people, 1.0, 1)
            start = time.perf_counter()
            rounds.close_round(store, caller, org.id, first.id)
            close_1 = time.perf_counter() - start
            second = rounds.open_round(store, caller, org.id, label="2027-Q2")
            _answers(store, org.id, people, 0.8, 2)
            start = time.perf_counter()
            rounds.close_round(store, caller, org.id, second.id)
            close_2 = time.perf_counter() - start
            start = time.perf_counter()
            built = rounds.trend(store, caller, org.id)
            trend_s = time.perf_counter() - start
            start = time.perf_counter()
            rounds.trend(store, caller, org.id)
            again_s = time.perf_counter() - start
        finally:
            store.dispose()
    print(f"rounds: {len(people)} respondents, {events:,} answer events a round, 10,000 draws")
    print(f"  close round 1: {close_1 * 1e3:.0f} ms   close round 2: {close_2 * 1e3:.0f} ms")
    print(
        f"  trend (2 rounds, CRN re-simulation): {trend_s * 1e3:.0f} ms first, "
        f"{again_s * 1e3:.0f} ms cached"
    )
    print(f"  close + trend: {(close_2 + trend_s) * 1e3:.0f} ms (target < 1,000 ms)")
    print(f"  {built.summary}")


if __name__ == "__main__":
    main()

"""Report build and rendering time, per format. Prints figures; asserts nothing.

Two organizations, each answered through the tools into a throwaway SQLite store:
1. the sample company (Cedar Ridge Components, four leaders);
2. a synthetic 30-respondent organization across five departments (the sample's answers,
   each person's figures scaled by a deterministic factor).

For each: the report model built cold (scoring included) and warm (scoring cached), then each
format rendered (median of --runs), with its size.

Usage: python bench/bench_report.py [--runs 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assistant.reports import FORMATS, org_report, render
from assistant.reports.charts import ranked_png
from assistant.reports.sample import seed_sample
from knowledge import load_sample_assessment
from scoring import OrganizationProfile
from tools import admin, interview
from tools.access import Caller
from tools.errors import ToolError
from tools.store import Store

DEPARTMENTS = ("Operations", "Finance", "People", "IT", "Sales")
PEOPLE = 30
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _ms(func: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), out


def _scaled(text: str, factor: float) -> str:
    return _NUMBER.sub(lambda m: f"{float(m.group(0)) * factor:.3g}", text)


def seed_synthetic(store: Store) -> tuple[str, Caller]:
    sample = load_sample_assessment()
    profile = OrganizationProfile.model_validate(
        {**sample["organization"], "name": "Synthetic 30", "headcount": 1200}
    )
    org, key = admin.create_org(store, profile)
    caller = admin.authenticate(store, key.key or "")
    assert caller is not None
    answers = sample["answers"]
    for i in range(PEOPLE):
        dept = DEPARTMENTS[i % len(DEPARTMENTS)]
        person = admin.add_respondent(
            store, caller, org.id, name=f"Person {i:02d}", role="Manager", department=dept
        )
        started = interview.start_interview(
            store, caller, respondent_id=person.id, full_instrument=True
        )
        factor = 0.6 + 0.1 * (i % 9)
        for answer in answers[i % 3 :: 2]:
            value = answer["value"]
            text = value if isinstance(value, str) else f"{value}"
            try:
                interview.record_answer(
                    store,
                    caller,
                    started.id,
                    text=_scaled(text, factor),
                    question_id=answer["question_id"],
                    evidence=answer.get("evidence"),
                )
            except ToolError:
                continue  # a scaled share over 100%: that person skips it
    return org.id, caller


def bench(name: str, store: Store, org_id: str, caller: Caller, runs: int) -> None:
    cold_start = time.perf_counter()
    report = org_report(store, caller, org_id)
    cold = (time.perf_counter() - cold_start) * 1000
    warm, _ = _ms(lambda: org_report(store, caller, org_id), runs)
    print(
        f"\n{name}: {len(report.departments)} departments, "
        f"{sum(c.answered for c in report.departments)} respondents, "
        f"{sum(c.answers for c in report.departments)} answers"
    )
    print(f"  build report   cold {cold:8.1f} ms   warm {warm:8.1f} ms")
    for fmt in FORMATS:
        ms, rendered = _ms(lambda fmt=fmt: render(report, fmt), runs)
        print(f"  render {fmt:<5}  {ms:8.1f} ms   {len(rendered.content) / 1024:8.1f} KiB")
    ms, png = _ms(lambda: ranked_png(report), runs)
    print(f"  chart png      {ms:8.1f} ms   {len(png) / 1024:8.1f} KiB (Slack upload)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, seed in (("sample company", None), (f"synthetic {PEOPLE} respondents", 1)):
            store = Store.open(f"sqlite:///{(Path(tmp) / f'{name[:6]}.db').as_posix()}")
            start = time.perf_counter()
            if seed is None:
                org, caller = seed_sample(store)
                org_id = org.id
            else:
                org_id, caller = seed_synthetic(store)
            print(f"seeded {name} in {(time.perf_counter() - start):.2f} s")
            bench(name, store, org_id, caller, args.runs)
            store.dispose()


if __name__ == "__main__":
    main()

"""The confirmation an interviewer asks for before a figure that alone would price a driver
at a large share of revenue counts ("That prices decision latency at $14M a year, 14% of
revenue: did you mean 3 days rather than 30 days?").

The check (`scoring.answer_check`) prices the answer's drivers with everything else at the
organization's typical values (its profile and benchmark assumptions), so it costs no read of
other people's answers; those typical values are cached on the store per organization profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from knowledge import Question, load_benchmarks
from scoring import INPUTS, OrganizationProfile, ScoringInput
from scoring.answer_check import central_values, check_answer
from scoring.explain import format_input, money
from scoring.model import MIN_DRAWS
from tools.store.db import Store


def typical_values(store: Store, profile: OrganizationProfile) -> Mapping[str, float]:
    """The organization's typical value of every input (profile, else benchmarks for its size
    and industry), cached on the store per profile."""

    def build() -> dict[str, float]:
        inp = ScoringInput(
            organization=profile,
            inputs={},
            benchmarks=load_benchmarks(profile.industry),
            draws=MIN_DRAWS,
        )
        return central_values(inp)

    central = store.derived.get_or_compute(("typical", profile.model_dump_json()), build)
    return cast(Mapping[str, float], central)


def answer_warning(
    store: Store, profile: OrganizationProfile, question: Question, likely: float
) -> str | None:
    """What to ask before counting `likely` as the answer to `question`, or None."""
    spec = INPUTS.get(question.feeds)
    if spec is None or spec.is_discrete:
        return None
    currency = profile.currency
    central = typical_values(store, profile)
    found = check_answer(central, profile, question.feeds, likely)
    if found is None:
        return None
    stated = format_input(spec, likely, currency)
    price = found.price
    guess = (
        f" Did you mean {format_input(spec, found.suggestion, currency)} rather than {stated}?"
        if found.suggestion is not None
        else ""
    )
    return (
        f"That prices {price.label.lower()} at {money(price.annual, currency)} a year, "
        f"{price.share_of_revenue:.0%} of revenue, on its own.{guess} "
        f"Say *yes* to keep {stated}, or give the figure again."
    )

"""Example answers scaled to the organization asking: "about 2 a month" for a 40-person firm,
"about 25 a month" for a 4,000-person one.

The instrument's fixed examples ("about 15 a month", "$8k a day") suit one mid-size company; shown
to a $30M firm they invite answers that price its drag above its operating income. An example
is the organization's typical value for the input (its profile and benchmark assumptions,
scaled by size and industry), phrased as the question's unit reads, so the example the
interviewer shows is also a figure the scoring core finds plausible.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from knowledge import Question
from scoring.explain import money

_MONEY_SUFFIX = {"per_year": " a year", "per_day": " a day", "per_hour": " an hour", "each": ""}
_COUNT_SUFFIX = {"per_month": " a month", "per_year": " a year"}
_DURATION_SUFFIX = {
    "days": " days",
    "weeks": " weeks",
    "hours": " hours",
    "hours_per_week": " hours a week",
}
# Discrete answers have no typical figure worth showing: their fixed example stays.
_KEEP_FIXED = frozenset({"choice", "yes_no", "scale_1_5"})


def _round2(value: float) -> float:
    """Two significant figures: an example is a figure a person would say."""
    if value <= 0:
        return 0.0
    digits = 1 - math.floor(math.log10(value))
    return round(value, digits)


def _count(value: float) -> str:
    rounded = _round2(value)
    return f"{rounded:,.0f}" if rounded >= 10 else f"{rounded:g}"


def scaled_example(question: Question, typical: Mapping[str, float] | None, currency: str) -> str:
    """The question's example at the organization's typical value; its fixed one without it."""
    value = typical.get(question.feeds) if typical is not None else None
    fixed = question.example or ""
    if value is None or not math.isfinite(value) or question.type in _KEEP_FIXED:
        return fixed
    unit = question.unit or ""
    match question.type:
        case "money" if unit in _MONEY_SUFFIX:
            return f"about {money(_round2(value), currency)}{_MONEY_SUFFIX[unit]}"
        case "count" if unit == "total":
            # People and roles come whole; the fixed example names what is counted.
            noun = re.search(r"\d[\d,.]*\s*(\D*)$", fixed)
            what = f" {noun.group(1).strip()}" if noun and noun.group(1).strip() else ""
            return f"about {max(1, round(_round2(value))):,}{what}"
        case "count" if unit in _COUNT_SUFFIX:
            return f"about {_count(value)}{_COUNT_SUFFIX[unit]}"
        case "duration" if unit in _DURATION_SUFFIX:
            return f"about {_count(value)}{_DURATION_SUFFIX[unit]}"
        case "percent":
            percent = f"about {_count(value * 100)}%"
            return percent + " a year" if unit == "per_year" else percent
    return fixed

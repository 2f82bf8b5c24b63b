"""Units of time, the periods people put after an amount, and the conversions between them.

Two kinds of time appear in answers:

- a *unit* is part of an amount: "3 days", "90 minutes" (how long);
- a *period* says how often: "a month" in "$40k a month", "every other week".

Conventions (one place, so every reader agrees):

- Money and counts go through a year: month x12, week x52, day x365 (calendar), working day
  x250, hour x2000 (working hours). So "$100 a day" is $36,500 a year or $18.25 an hour.
- Elapsed time (``days``, ``weeks``): hour 1/24 day, week 7 days, month 365/12 days (30.4)
  but 52/12 weeks (4.33, so "3 months" is 13 weeks), working day 7/5 calendar days.
- Effort (``hours``, ``hours_per_week``): day 8 h, week 40 h, month 52/12 weeks of 40 h;
  "per day" in an effort rate means per working day (x5 a week).
"""

from __future__ import annotations

from typing import Final

# Words for a unit of time -> its canonical name.
TIME_UNITS: Final[dict[str, str]] = {
    **dict.fromkeys(("min", "mins", "minute", "minutes"), "minute"),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), "hour"),
    **dict.fromkeys(("d", "day", "days"), "day"),
    **dict.fromkeys(("workday", "workdays"), "working_day"),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), "week"),
    **dict.fromkeys(("fortnight", "fortnights"), "fortnight"),
    **dict.fromkeys(("mo", "mos", "mth", "mths", "month", "months"), "month"),
    **dict.fromkeys(("quarter", "quarters", "qtr", "qtrs"), "quarter"),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years", "annum"), "year"),
    **dict.fromkeys(("decade", "decades"), "decade"),
}
# "working day", "business days": the word before "day" that makes it a working day.
WORKDAY_PREFIXES: Final = frozenset({"working", "business", "work"})

# One-word periods -> (unit, every how many units).
PERIOD_ADVERBS: Final[dict[str, tuple[str, float]]] = {
    "hourly": ("hour", 1.0),
    "daily": ("day", 1.0),
    "weekly": ("week", 1.0),
    "biweekly": ("week", 2.0),
    "fortnightly": ("fortnight", 1.0),
    "monthly": ("month", 1.0),
    "quarterly": ("quarter", 1.0),
    "yearly": ("year", 1.0),
    "annually": ("year", 1.0),
    "annual": ("year", 1.0),
    "pa": ("year", 1.0),
}

# How many of each period fit in a year.
PER_YEAR: Final[dict[str, float]] = {
    "minute": 2000.0 * 60,
    "hour": 2000.0,
    "working_day": 250.0,
    "day": 365.0,
    "week": 52.0,
    "fortnight": 26.0,
    "month": 12.0,
    "quarter": 4.0,
    "year": 1.0,
    "decade": 0.1,
}

# Canonical unit of a money or count rate -> periods of it in a year.
MONEY_UNITS: Final[dict[str, float]] = {
    "per_year": 1.0,
    "per_month": 12.0,
    "per_day": 365.0,
    "per_hour": 2000.0,
}
COUNT_UNITS: Final[dict[str, float]] = {"per_year": 1.0, "per_month": 12.0, "per_week": 52.0}

_EFFORT_HOURS: Final[dict[str, float]] = {
    "minute": 1 / 60,
    "hour": 1.0,
    "day": 8.0,
    "working_day": 8.0,
    "week": 40.0,
    "fortnight": 80.0,
    "month": 40.0 * 52 / 12,
    "quarter": 40.0 * 13,
    "year": 40.0 * 52,
    "decade": 40.0 * 520,
}

# Duration unit of a question -> (unit of time -> how many of the question's unit it is).
DURATION_UNITS: Final[dict[str, dict[str, float]]] = {
    "days": {
        "minute": 1 / 1440,
        "hour": 1 / 24,
        "day": 1.0,
        "working_day": 7 / 5,
        "week": 7.0,
        "fortnight": 14.0,
        "month": 365 / 12,
        "quarter": 365 / 4,
        "year": 365.0,
        "decade": 3650.0,
    },
    "weeks": {
        "minute": 1 / 10080,
        "hour": 1 / 168,
        "day": 1 / 7,
        "working_day": 1 / 5,
        "week": 1.0,
        "fortnight": 2.0,
        "month": 52 / 12,
        "quarter": 13.0,
        "year": 52.0,
        "decade": 520.0,
    },
    "hours": _EFFORT_HOURS,
    "hours_per_week": _EFFORT_HOURS,
}
# The unit a bare number is read in ("3" to a days question is 3 days).
BARE_UNIT: Final[dict[str, str]] = {
    "days": "day",
    "weeks": "week",
    "hours": "hour",
    "hours_per_week": "hour",
}

# For an effort rate: how many times a period comes round in a working week.
PER_WORKING_WEEK: Final[dict[str, float]] = {
    "minute": 40.0 * 60,
    "hour": 40.0,
    "day": 5.0,
    "working_day": 5.0,
    "week": 1.0,
    "fortnight": 0.5,
    "month": 12 / 52,
    "quarter": 4 / 52,
    "year": 1 / 52,
    "decade": 1 / 520,
}

# Valid units per question type; the first is the default when a question gives none.
UNITS: Final[dict[str, tuple[str, ...]]] = {
    "money": ("per_year", "per_month", "per_day", "per_hour", "each"),
    "count": ("total", "per_month", "per_week", "per_year"),
    "duration": ("days", "hours", "weeks", "hours_per_week"),
    "percent": ("fraction", "per_year"),
}


def check_unit(qtype: str, unit: str | None) -> str | None:
    """Return the question's unit (or its default); None for types without units.

    Raises:
        ValueError: The unit is not one of the type's units (a question-definition bug).
    """
    units = UNITS.get(qtype)
    if units is None:
        return None
    if unit is None:
        return units[0]
    if unit not in units:
        msg = f"unit {unit!r} is not valid for a {qtype} question; expected one of {units}"
        raise ValueError(msg)
    return unit

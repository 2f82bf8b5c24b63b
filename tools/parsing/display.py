"""How values are echoed back to the person and shown in reports.

    money     "$40,000 a year", "$18.25 an hour", "$1.2M a year", "€500 each", "40,000 a year"
    count     "15 a month", "12 people"
    duration  "3 days", "2.5 hours", "4 hours a week", "13 weeks"
    percent   "15%", "10–20%"
    other     "4 of 5", "Yes" / "No" / "Partly"

A range joins its ends with an en dash and names the unit once: "2–5 a month".

Money is exact, with thousands separators, below one million ("$40,000"; cents below $1,000
when there are any: "$18.25") and compact from one million ("$1.2M", "$2.5B"): small amounts
exact because people check them against what they typed, large ones compact because nobody
reads seven digits. Other numbers: whole from 100, one decimal from 10, two decimals from 0.1,
two significant digits below that; trailing zeros dropped ("30.4", "2.17", "0.063").
"""

from __future__ import annotations

import math
from typing import Final

from tools.parsing.currency import symbol
from tools.parsing.parsed import QuestionType
from tools.parsing.units import check_unit

EN_DASH: Final = "–"

_MONEY_SUFFIX: Final[dict[str, str]] = {
    "per_year": " a year",
    "per_month": " a month",
    "per_day": " a day",
    "per_hour": " an hour",
    "each": " each",
}
_COUNT_SUFFIX: Final[dict[str, tuple[str, str]]] = {
    "per_month": (" a month", " a month"),
    "per_week": (" a week", " a week"),
    "per_year": (" a year", " a year"),
    "total": (" person", " people"),
}
_DURATION_SUFFIX: Final[dict[str, tuple[str, str]]] = {
    "days": (" day", " days"),
    "hours": (" hour", " hours"),
    "weeks": (" week", " weeks"),
    "hours_per_week": (" hour a week", " hours a week"),
}


def format_number(value: float) -> str:
    """Show a plain number: "40,000", "30.4", "2.17", "0.063", "0"."""
    if not math.isfinite(value):
        return str(value)
    if value < 0:
        return "-" + format_number(-value)
    if value >= 100:
        return f"{round(value):,}"
    if value >= 10:
        return _trim(f"{value:.1f}")
    if value >= 0.1:
        return _trim(f"{value:.2f}")
    if value == 0:
        return "0"
    # Two significant digits, but no more than six decimals: below that it reads as zero.
    decimals = min(6, 1 - math.floor(math.log10(value)))
    return _trim(f"{value:.{decimals}f}")


def format_value(
    value: float, *, qtype: QuestionType, unit: str | None = None, currency: str | None = None
) -> str:
    """Show one value the way answers are echoed back.

    Args:
        value: In the question's canonical unit (a percent as a fraction: 0.15).
        qtype: The question type.
        unit: The question's unit; None means the type's default.
        currency: ISO code for money ("USD" -> "$40,000"); None shows a plain number.

    Returns:
        E.g. ``format_value(40000, qtype="money", unit="per_year", currency="USD")``
        is "$40,000 a year"; a choice or text value is shown as a plain number.
    """
    return format_range(value, value, qtype=qtype, unit=unit, currency=currency)


def format_range(
    low: float,
    high: float,
    *,
    qtype: QuestionType,
    unit: str | None = None,
    currency: str | None = None,
    noun: str | None = None,
) -> str:
    """Show a value or range: "$40,000–$60,000 a year", "2–5 a month", "10–20%", "3 days".

    Args:
        low: Low end, in the question's canonical unit.
        high: High end (equal to ``low`` for one value).
        qtype: The question type.
        unit: The question's unit; None means the type's default.
        currency: ISO code for money.
        noun: What a total count counts ("roles"), instead of "people".
    """
    if qtype == "yes_no":
        return "Yes" if high >= 0.75 else "No" if high <= 0.25 else "Partly"
    if qtype == "scale_1_5":
        return f"{format_number(high)} of 5"
    unit = check_unit(qtype, unit)
    low_text, high_text = _number(low, qtype, currency), _number(high, qtype, currency)
    plural = high_text != _number(1.0, qtype, currency)
    suffix = f" {noun}" if noun and qtype == "count" and unit == "total" else ""
    if low_text == high_text:
        return high_text + (suffix or _suffix(qtype, unit, plural))
    suffix = suffix or _suffix(qtype, unit, plural=True)
    return f"{low_text.removesuffix('%')}{EN_DASH}{high_text}{suffix}"


def format_bounds(
    low: float | None,
    high: float | None,
    *,
    qtype: QuestionType,
    unit: str | None = None,
    currency: str | None = None,
) -> str:
    """Say what values are allowed: "between 0 and 365 days", "of at least $1,000 a year"."""
    if low is not None and high is not None:
        suffix = "" if qtype == "scale_1_5" else _suffix(qtype, check_unit(qtype, unit), True)
        return (
            f"between {_number(low, qtype, currency)} and {_number(high, qtype, currency)}{suffix}"
        )
    if low is not None:
        return f"of at least {format_value(low, qtype=qtype, unit=unit, currency=currency)}"
    if high is not None:
        return f"of at most {format_value(high, qtype=qtype, unit=unit, currency=currency)}"
    return "of any size"


def _number(value: float, qtype: str, currency: str | None) -> str:
    if qtype == "money":
        return symbol(currency) + _money(value)
    if qtype == "percent":
        return format_number(value * 100) + "%"
    return format_number(value)


def _money(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    # Thresholds sit where rounding would carry over: 999,999,999 shows as "1B", not "1000M".
    if value >= 999_995_000:
        return _trim(f"{value / 1e9:,.2f}") + "B"
    if value >= 999_999.5:
        return _trim(f"{value / 1e6:.2f}") + "M"
    if value >= 999.995 or value == round(value):
        return f"{round(value):,}"
    return f"{value:.2f}"


def _suffix(qtype: str, unit: str | None, plural: bool) -> str:
    if qtype == "money" and unit is not None:
        return _MONEY_SUFFIX[unit]
    if qtype == "count" and unit is not None:
        return _COUNT_SUFFIX[unit][plural]
    if qtype == "duration" and unit is not None:
        return _DURATION_SUFFIX[unit][plural]
    return ""


def _trim(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text

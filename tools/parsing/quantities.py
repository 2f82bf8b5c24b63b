"""Reading money, count and duration answers into the question's canonical unit.

Each reader takes what ``grammar`` found (amounts, a period), refuses what doesn't fit the
question ("5 days" for money, "$50" for a duration, "a month" for a one-off cost) and
converts with the tables in ``units``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from tools.parsing.currency import resolve
from tools.parsing.display import format_number
from tools.parsing.errors import ParseError
from tools.parsing.grammar import read_quantity
from tools.parsing.numbers import (
    COUNT_MAGNITUDES,
    MAGNITUDES,
    MONEY_MAGNITUDES,
    normalize,
    tokenize,
)
from tools.parsing.terms import Grammar, Period, Quantity, check_kinds
from tools.parsing.units import (
    BARE_UNIT,
    COUNT_UNITS,
    DURATION_UNITS,
    MONEY_UNITS,
    PER_WORKING_WEEK,
    PER_YEAR,
)

MONEY: Final = Grammar(MONEY_MAGNITUDES)
COUNT: Final = Grammar(COUNT_MAGNITUDES, in_periods=True)
DURATION: Final = Grammar(
    MAGNITUDES,
    ambiguous={"m": "“m” could mean minutes or months. Please spell it out, e.g. 30 minutes."},
)


@dataclass(frozen=True)
class Reading:
    """A value read from an answer, in the question's canonical unit, before display.

    Attributes:
        low: Low end (equal to ``high`` for one value).
        high: High end.
        is_range: Whether the person gave a range.
        currency: ISO code named in a money answer.
        label: What to show instead of a formatted number (a choice's label).
        noun: What a total count counts, as typed ("roles").
    """

    low: float
    high: float
    is_range: bool = False
    currency: str | None = None
    label: str | None = None
    noun: str | None = None


def read(text: str, grammar: Grammar) -> Quantity:
    """Normalize, tokenize and scan an answer."""
    normalized = normalize(text)
    return read_quantity(tokenize(normalized), normalized, grammar)


def no_number(text: str) -> ParseError:
    """The error for an answer without a number ("lots", "a bunch")."""
    shown = text if len(text) <= 40 else text[:39] + "…"
    return ParseError(
        f"I couldn't find a number in “{shown}”. A rough estimate or a range is fine."
    )


def per_year(period: Period, table: dict[str, float] = PER_YEAR) -> tuple[float, float]:
    """How many times a period comes round in a year (or per ``table``'s unit): (low, high)."""
    times = table[period.unit]
    return times / period.every_high, times / period.every_low


def parse_money(text: str, *, unit: str, currency: str | None) -> Reading:
    """Read an amount of money ("$40k a month") into ``unit`` ("per_year", …, "each").

    Raises:
        ParseError: No amount, not money, another currency, or a rate for a one-off cost.
    """
    quantity = read(text, MONEY)
    if not quantity.terms:
        raise no_number(text)
    check_kinds(quantity.terms, allowed={"money"}, asks="an amount of money")
    code = resolve([t.currency for t in quantity.terms if t.currency], currency)
    low_rate = high_rate = 1.0
    if quantity.period is not None:
        if unit == "each":
            msg = (
                f"This question asks for the cost of one event, not an amount "
                f"“{quantity.period.text}”. Please give the cost of one."
            )
            raise ParseError(msg)
        low_rate, high_rate = per_year(quantity.period)
        low_rate, high_rate = low_rate / MONEY_UNITS[unit], high_rate / MONEY_UNITS[unit]
    low, high = quantity.terms[0], quantity.terms[-1]
    return Reading(low.value * low_rate, high.value * high_rate, quantity.is_range, code)


def parse_count(text: str, *, unit: str) -> Reading:
    """Read how many ("about 15", "3 a week", "every other week") into ``unit``.

    Raises:
        ParseError: No number, not a count, a rate for a total, or a fraction of a total.
    """
    quantity = read(text, COUNT)
    if not quantity.terms and quantity.period is None:
        raise no_number(text)
    check_kinds(quantity.terms, allowed={"frequency"}, asks="a number (how many)")
    # "weekly", "every other week": once each time.
    low = quantity.terms[0].value if quantity.terms else 1.0
    high = quantity.terms[-1].value if quantity.terms else 1.0
    if unit == "total":
        if quantity.period is not None or any(t.freq for t in quantity.terms):
            msg = (
                f"This question asks how many in total, not how often (“{quantity.text}”). "
                f"Please give a number, e.g. 12."
            )
            raise ParseError(msg)
        for value in (low, high):
            if value != round(value):
                msg = f"Please give a whole number here, not {format_number(value)}."
                raise ParseError(msg)
        noun = quantity.terms[-1].noun if quantity.terms else None
        return Reading(low, high, quantity.is_range, noun=noun)
    if quantity.period is None:
        return Reading(low, high, quantity.is_range)
    low_rate, high_rate = per_year(quantity.period)
    return Reading(
        low * low_rate / COUNT_UNITS[unit], high * high_rate / COUNT_UNITS[unit], quantity.is_range
    )


def parse_duration(text: str, *, unit: str) -> Reading:
    """Read a length of time ("3-5 days", "90 minutes", "2 hours a day") into ``unit``.

    A bare number is read in the question's unit ("3" -> 3 days). Only ``hours_per_week``
    takes a period ("2 hours a day" is 10 hours a week).

    Raises:
        ParseError: No number, not a length of time, or a period where none belongs.
    """
    quantity = read(text, DURATION)
    if not quantity.terms:
        raise no_number(text)
    check_kinds(quantity.terms, allowed={"duration"}, asks="a length of time")
    table, bare = DURATION_UNITS[unit], BARE_UNIT[unit]
    low_value, high_value = (
        term.value * table[term.unit or bare] + sum(v * table[u] for v, u in term.parts)
        for term in (quantity.terms[0], quantity.terms[-1])
    )
    if unit != "hours_per_week":
        if quantity.period is not None:
            msg = (
                f"This question asks how long, not how often (“{quantity.period.text}”). "
                f"Please give a length of time, e.g. 3 days."
            )
            raise ParseError(msg)
        return Reading(low_value, high_value, quantity.is_range)
    low_rate = high_rate = 1.0
    if quantity.period is not None:
        low_rate, high_rate = per_year(quantity.period, PER_WORKING_WEEK)
    return Reading(low_value * low_rate, high_value * high_rate, quantity.is_range)

"""``parse_answer``: one entry point from a typed answer to a value in the question's unit.

The same function serves the CLI (assessment files), the chat interviewer (which re-asks
with the error's message and example) and an LLM tool, so every refusal is a ParseError
whose message is written for the person who typed the answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from tools.parsing.choices import match_exact, parse_choice, parse_scale, parse_yes_no
from tools.parsing.currency import symbol
from tools.parsing.display import format_bounds, format_range, format_value
from tools.parsing.dont_know import is_dont_know
from tools.parsing.errors import ParseError
from tools.parsing.parsed import Choice, ParsedAnswer, QuestionType
from tools.parsing.percent import parse_percent
from tools.parsing.quantities import Reading, parse_count, parse_duration, parse_money
from tools.parsing.units import check_unit

MAX_TEXT: Final = 2000
# Longer than any sentence that carries one figure; keeps scanning cheap on pasted junk.
MAX_ANSWER: Final = 500
_TOLERANCE: Final = 1e-9

# Answers that work, for questions without an example of their own.
_EXAMPLES: Final[dict[tuple[str, str | None], str]] = {
    ("money", "per_year"): "{sym}40k a year",
    ("money", "per_month"): "{sym}5k a month",
    ("money", "per_day"): "{sym}8k a day",
    ("money", "per_hour"): "{sym}150 an hour",
    ("money", "each"): "{sym}25k",
    ("count", "total"): "about 12",
    ("count", "per_month"): "15 a month",
    ("count", "per_week"): "3 a week",
    ("count", "per_year"): "6 a year",
    ("duration", "days"): "3-5 days",
    ("duration", "hours"): "6 hours",
    ("duration", "weeks"): "6 weeks",
    ("duration", "hours_per_week"): "4 hours a week",
    ("percent", "fraction"): "about 15%",
    ("percent", "per_year"): "about 10%",
    ("scale_1_5", None): "4",
    ("yes_no", None): "yes",
}


def parse_answer(
    text: str,
    *,
    qtype: QuestionType,
    unit: str | None = None,
    choices: Sequence[Choice] = (),
    bounds: tuple[float | None, float | None] = (None, None),
    currency: str | None = None,
    example: str | None = None,
) -> ParsedAnswer | None:
    """Read a typed answer into a value in the question's canonical unit.

    Args:
        text: The answer as typed ("about $40k a month", "3-5 days", "no idea").
        qtype: The question type.
        unit: The question's unit (see ``units.UNITS``); None means the type's default.
        choices: The options of a choice question.
        bounds: Inclusive (low, high) limits in the canonical unit; None for no limit.
        currency: ISO code of a money question; an answer in another currency is refused.
        example: The question's own example answer, put in every ParseError.

    Returns:
        The parsed answer, or None when the person says they don't know (any type but text).

    Raises:
        ParseError: The answer can't be read; ``message`` says why, ``example`` shows one
            that works.
        ValueError: The question itself is misconfigured (unknown unit, no choices).
    """
    unit = check_unit(qtype, unit)
    code = currency.strip().upper() if currency else None
    if qtype == "choice" and not choices:
        msg = "a choice question needs choices; got none"
        raise ValueError(msg)
    try:
        return _parse(text, qtype=qtype, unit=unit, choices=choices, bounds=bounds, code=code)
    except ParseError as err:
        err.example = example or err.example or default_example(qtype, unit, code, choices)
        raise


def default_example(
    qtype: QuestionType, unit: str | None, currency: str | None, choices: Sequence[Choice] = ()
) -> str | None:
    """An answer that works for a question without its own example: "$40k a year", "3-5 days"."""
    if qtype == "choice":
        return choices[0].label if choices else None
    template = _EXAMPLES.get((qtype, unit))
    if template is None:
        return None
    return template.format(sym=symbol(currency or "USD"))


def _parse(
    text: str,
    *,
    qtype: QuestionType,
    unit: str | None,
    choices: Sequence[Choice],
    bounds: tuple[float | None, float | None],
    code: str | None,
) -> ParsedAnswer | None:
    stripped = text.strip()
    if not stripped:
        msg = "The answer is empty. Please type one."
        raise ParseError(msg)
    if qtype == "text":
        return _text(stripped)
    if len(stripped) > MAX_ANSWER:
        msg = f"That answer is too long to read a figure from ({len(stripped):,} characters)."
        raise ParseError(msg)
    # An option literally called "Don't know" is an answer, not a don't-know.
    exact = match_exact(stripped, choices) if qtype == "choice" else None
    if exact is None and is_dont_know(stripped):
        return None
    if exact is not None:
        reading = Reading(exact.value, exact.value, label=exact.label)
    else:
        reading = _read(stripped, qtype=qtype, unit=unit, choices=choices, code=code)
    _check(reading, qtype=qtype, unit=unit, bounds=bounds, code=code)
    low, high = reading.low, reading.high
    display = reading.label or format_range(
        low,
        high,
        qtype=qtype,
        unit=unit,
        currency=reading.currency or code,
        noun=reading.noun,
    )
    return ParsedAnswer(
        low=low,
        likely=low + (high - low) / 2,  # not (low + high) / 2, which can overflow
        high=high,
        is_range=reading.is_range,
        currency=reading.currency,
        display=display,
    )


def _read(
    text: str, *, qtype: str, unit: str | None, choices: Sequence[Choice], code: str | None
) -> Reading:
    if qtype == "money" and unit:
        return parse_money(text, unit=unit, currency=code)
    if qtype == "count" and unit:
        return parse_count(text, unit=unit)
    if qtype == "duration" and unit:
        return parse_duration(text, unit=unit)
    if qtype == "percent" and unit:
        return Reading(*parse_percent(text, unit=unit))
    if qtype == "scale_1_5":
        value = parse_scale(text)
        return Reading(value, value)
    if qtype == "yes_no":
        value = parse_yes_no(text)
        return Reading(value, value)
    choice = parse_choice(text, choices)
    return Reading(choice.value, choice.value, label=choice.label)


def _check(
    reading: Reading,
    *,
    qtype: QuestionType,
    unit: str | None,
    bounds: tuple[float | None, float | None],
    code: str | None,
) -> None:
    """Refuse non-finite values, a range given high-low, and values outside ``bounds``."""
    if not (math.isfinite(reading.low) and math.isfinite(reading.high)):
        msg = "That number is too large to use. Please give a realistic figure."
        raise ParseError(msg)
    currency = reading.currency or code
    if reading.low > reading.high:
        low = format_value(reading.low, qtype=qtype, unit=unit, currency=currency)
        high = format_value(reading.high, qtype=qtype, unit=unit, currency=currency)
        msg = f"The low end ({low}) is above the high end ({high}). Please give it as low-high."
        raise ParseError(msg)
    if qtype in ("choice", "yes_no"):
        return
    floor, ceiling = bounds
    below = floor is not None and reading.low < floor - _TOLERANCE * max(1.0, abs(floor))
    above = ceiling is not None and reading.high > ceiling + _TOLERANCE * max(1.0, abs(ceiling))
    if below or above:
        shown = format_range(reading.low, reading.high, qtype=qtype, unit=unit, currency=currency)
        allowed = format_bounds(floor, ceiling, qtype=qtype, unit=unit, currency=currency)
        msg = f"{shown} is outside what this question allows. Please give a value {allowed}."
        raise ParseError(msg)


def _text(text: str) -> ParsedAnswer:
    if len(text) > MAX_TEXT:
        msg = f"Please keep the answer under {MAX_TEXT:,} characters (this one has {len(text):,})."
        raise ParseError(msg)
    display = text if len(text) <= 80 else text[:79].rstrip() + "…"
    return ParsedAnswer(low=0, likely=0, high=0, is_range=False, text=text, display=display)

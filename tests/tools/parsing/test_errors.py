"""Refusals: junk, wrong types, open ends, bounds; each with a message and an example."""

from __future__ import annotations

import pickle
import re

import pytest

from tools.parsing import Choice, ParseError, QuestionType, parse_answer
from tools.parsing.parse import default_example
from tools.parsing.units import UNITS


@pytest.mark.parametrize(
    ("text", "qtype", "unit", "fragment"),
    [
        ("", "money", "per_year", "empty"),
        ("   ", "count", "total", "empty"),
        ("\n\t", "yes_no", None, "empty"),
        ("-5", "count", "total", "Negative"),
        ("$-5", "money", "per_year", "Negative"),
        ("minus 3 days", "duration", "days", "Negative"),
        ("-10%", "percent", "fraction", "Negative"),
        ("nan", "money", "per_year", "“nan” isn't a number"),
        ("inf", "count", "per_month", "“inf” isn't a number"),
        ("infinity", "duration", "days", "“infinity” isn't a number"),
        ("9" * 400, "money", "per_year", "too large"),
        ("lots", "count", "per_month", "couldn't find a number in “lots”"),
        ("banana", "money", "per_year", "couldn't find a number in “banana”"),
        ("a bunch", "count", "total", "couldn't find a number"),
        ("a few", "duration", "days", "couldn't find a number"),
        ("several hundred", "count", "total", "couldn't find a number"),
        ("monthly", "money", "per_year", "couldn't find a number"),
        ("5 days", "money", "per_year", "“5 days” looks like a length of time"),
        ("15%", "money", "per_year", "“15%” looks like a percentage"),
        ("$50", "duration", "days", "“$50” looks like an amount of money"),
        ("3 days", "count", "per_month", "“3 days” looks like a length of time"),
        ("$50", "count", "total", "looks like an amount of money"),
        ("3 days", "percent", "fraction", "looks like a length of time"),
        ("twice", "money", "each", "how often"),
        ("3 and 7 and 9", "count", "per_month", "more than one number (3, 7, 9)"),
        ("15 a month, maybe 20 in summer", "count", "per_month", "more than one number"),
        ("1,5", "duration", "days", "more than one number"),
        ("24/7", "duration", "hours", "more than one number"),
        ("$40k a month or $500k a year", "money", "per_year", "two periods"),
        ("5-3 days", "duration", "days", "low end (5 days) is above the high end (3 days)"),
        ("$60k-$40k", "money", "per_year", "low end"),
        ("every 0 weeks", "count", "per_month", "doesn't work as a period"),
        ("x" * 501, "count", "total", "too long"),
    ],
)
def test_parse_answer_junk_raises_naming_problem(
    text: str, qtype: QuestionType, unit: str | None, fragment: str
) -> None:
    with pytest.raises(ParseError, match=re.escape(fragment)) as info:
        parse_answer(text, qtype=qtype, unit=unit)
    assert info.value.example


@pytest.mark.parametrize(
    ("text", "qtype", "unit", "suggestion"),
    [
        ("at least 5", "count", "total", "e.g. 5-10"),
        ("more than 5", "count", "per_month", "e.g. 5-10"),
        ("5+", "count", "total", "e.g. 5-10"),
        ("5 or more", "count", "total", "e.g. 5-10"),
        ("up to 5", "count", "total", "e.g. 2-5"),
        ("fewer than 10", "count", "total", "e.g. 5-10"),
        ("at least $5k", "money", "per_year", "e.g. $5k-$10k"),
        ("$40k+", "money", "per_year", "e.g. $40k-$80k"),
        ("over 50%", "percent", "fraction", "e.g. 50-100%"),
        ("under 3 days", "duration", "days", "e.g. 1-3 days"),
        ("within 2 weeks", "duration", "days", "e.g. 1-2 weeks"),
        ("> 10", "count", "total", "e.g. 10-20"),
    ],
)
def test_parse_answer_open_ended_asks_for_range(
    text: str, qtype: QuestionType, unit: str, suggestion: str
) -> None:
    with pytest.raises(ParseError, match="open-ended") as info:
        parse_answer(text, qtype=qtype, unit=unit)
    assert f"“{text}”" in info.value.message
    assert suggestion in info.value.message


@pytest.mark.parametrize(
    ("text", "qtype", "unit"),
    [
        ("just over 5", "count", "total"),
        ("a little under $5k", "money", "per_year"),
        ("from 2 up to 5", "count", "per_month"),
        ("over the year about 12", "count", "per_year"),
    ],
)
def test_parse_answer_softened_or_range_not_open_ended(
    text: str, qtype: QuestionType, unit: str
) -> None:
    assert parse_answer(text, qtype=qtype, unit=unit) is not None


@pytest.mark.parametrize(
    ("text", "qtype", "unit", "bounds", "allowed"),
    [
        ("400 days", "duration", "days", (0, 365), "between 0 and 365 days"),
        ("$2M a year", "money", "per_year", (0, 1_000_000), "between $0 and $1M a year"),
        ("60%", "percent", "fraction", (0, 0.5), "between 0% and 50%"),
        ("5-20 people", "count", "total", (10, None), "of at least 10 people"),
        ("2 hours a day", "duration", "hours_per_week", (None, 8), "of at most 8 hours a week"),
        ("5", "scale_1_5", None, (1, 3), "between 1 and 3"),
    ],
)
def test_parse_answer_outside_bounds_raises_naming_range(
    text: str,
    qtype: QuestionType,
    unit: str | None,
    bounds: tuple[float | None, float | None],
    allowed: str,
) -> None:
    with pytest.raises(ParseError, match="outside what this question allows") as info:
        parse_answer(text, qtype=qtype, unit=unit, bounds=bounds, currency="USD")
    assert allowed in info.value.message


@pytest.mark.parametrize(
    ("text", "qtype", "unit", "bounds"),
    [
        ("365 days", "duration", "days", (0, 365)),
        ("0", "count", "total", (0, 10)),
        ("50%", "percent", "fraction", (0, 0.5)),
        ("3 months", "duration", "weeks", (0, 13)),
    ],
)
def test_parse_answer_on_bound_accepted(
    text: str, qtype: QuestionType, unit: str, bounds: tuple[float, float]
) -> None:
    assert parse_answer(text, qtype=qtype, unit=unit, bounds=bounds) is not None


def test_parse_answer_question_example_put_in_error() -> None:
    with pytest.raises(ParseError) as info:
        parse_answer("lots", qtype="count", unit="per_month", example="about 15 a month")
    assert info.value.example == "about 15 a month"
    assert str(info.value) == info.value.message
    assert "For example" not in str(info.value)


@pytest.mark.parametrize(
    ("qtype", "unit", "currency", "example"),
    [
        ("money", "per_year", None, "$40k a year"),
        ("money", "per_month", "EUR", "€5k a month"),
        ("money", "each", "CHF", "CHF 25k"),
        ("count", "total", None, "about 12"),
        ("duration", "days", None, "3-5 days"),
        ("percent", "fraction", None, "about 15%"),
        ("scale_1_5", None, None, "4"),
        ("yes_no", None, None, "yes"),
    ],
)
def test_default_example_fits_type_and_unit(
    qtype: QuestionType, unit: str | None, currency: str | None, example: str
) -> None:
    assert default_example(qtype, unit, currency) == example


@pytest.mark.parametrize(("qtype", "unit"), [(q, u) for q, units in UNITS.items() for u in units])
def test_default_example_parses_for_every_unit(qtype: QuestionType, unit: str) -> None:
    example = default_example(qtype, unit, "USD")
    assert example is not None
    assert parse_answer(example, qtype=qtype, unit=unit, currency="USD") is not None


def test_parse_error_pickles_with_example() -> None:
    err = pickle.loads(pickle.dumps(ParseError("Bad.", example="3 days")))
    assert (err.message, err.example, str(err)) == ("Bad.", "3 days", "Bad.")


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"qtype": "money", "unit": "per_fortnight"}, "not valid for a money question"),
        ({"qtype": "duration", "unit": "months"}, "not valid for a duration question"),
        ({"qtype": "choice"}, "needs choices"),
    ],
)
def test_parse_answer_bad_question_raises_value_error(
    kwargs: dict[str, str], fragment: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(fragment)) as info:
        parse_answer("3", **kwargs)  # type: ignore[arg-type]
    assert not isinstance(info.value, ParseError)


def test_parse_answer_unit_ignored_for_unitless_types() -> None:
    choices = (Choice(label="Weekly", value=7),)
    parsed = parse_answer("weekly", qtype="choice", unit="days", choices=choices)
    assert parsed is not None
    assert parsed.likely == 7

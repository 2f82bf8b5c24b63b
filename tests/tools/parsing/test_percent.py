"""Percent answers: shares (0..1) and chances per year, including how-often phrasing."""

from __future__ import annotations

import re

import pytest

from tools.parsing import ParsedAnswer, ParseError, parse_answer


def _percent(text: str, unit: str = "fraction") -> ParsedAnswer:
    parsed = parse_answer(text, qtype="percent", unit=unit)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("15%", "fraction", 0.15),
        ("15 %", "fraction", 0.15),
        ("15 percent", "fraction", 0.15),
        ("15 per cent", "fraction", 0.15),
        ("15 pct", "fraction", 0.15),
        ("about 15%", "fraction", 0.15),
        ("15", "fraction", 0.15),
        ("2.5", "fraction", 0.025),
        ("0.5%", "fraction", 0.005),
        ("half a percent", "fraction", 0.005),
        ("100", "fraction", 1.0),
        ("0", "fraction", 0.0),
        ("half", "fraction", 0.5),
        ("about half", "fraction", 0.5),
        ("a third", "fraction", 1 / 3),
        ("a quarter", "fraction", 0.25),
        ("two thirds", "fraction", 2 / 3),
        ("three quarters", "fraction", 0.75),
        ("one in five", "fraction", 0.2),
        ("1 in 5", "fraction", 0.2),
        ("3 out of 10", "fraction", 0.3),
        ("1/5", "fraction", 0.2),
        ("none", "fraction", 0.0),
        ("all", "fraction", 1.0),
        ("all of them", "fraction", 1.0),
        ("never", "fraction", 0.0),
        ("about 25%", "per_year", 0.25),
        ("a 10% chance", "per_year", 0.1),
        ("10% a year", "per_year", 0.1),
        ("1 in 20 chance", "per_year", 0.05),
        ("once every 4 years", "per_year", 0.25),
        ("once a decade", "per_year", 0.1),
        ("once in a decade", "per_year", 0.1),
        ("once in 10 years", "per_year", 0.1),
        ("1 in 10 years", "per_year", 0.1),
        ("every other year", "per_year", 0.5),
        ("every third year", "per_year", 1 / 3),
        ("once a year", "per_year", 1.0),
        ("every year", "per_year", 1.0),
        ("annually", "per_year", 1.0),
        ("never", "per_year", 0.0),
    ],
)
def test_parse_percent_phrasing_reads_fraction(text: str, unit: str, expected: float) -> None:
    parsed = _percent(text, unit)
    assert parsed.likely == pytest.approx(expected)
    assert not parsed.is_range


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("10-20%", "fraction", 0.1, 0.2),
        ("10% to 20%", "fraction", 0.1, 0.2),
        ("10-20", "fraction", 0.1, 0.2),
        ("between 10 and 20 percent", "fraction", 0.1, 0.2),
        ("a third to a half", "fraction", 1 / 3, 0.5),
        ("every 5-10 years", "per_year", 0.1, 0.2),
        ("once or twice a decade", "per_year", 0.1, 0.2),
    ],
)
def test_parse_percent_range_reads_both_ends(text: str, unit: str, low: float, high: float) -> None:
    parsed = _percent(text, unit)
    assert (parsed.low, parsed.likely, parsed.high) == pytest.approx((low, (low + high) / 2, high))
    assert parsed.is_range


@pytest.mark.parametrize(
    ("text", "unit", "fragment"),
    [
        ("0.15", "fraction", "15% or 0.15%"),
        ("0.1-0.2", "fraction", "10% or 0.1%"),
        ("150%", "fraction", "more than 100%"),
        ("150", "per_year", "more than 100%"),
        ("4 out of 3", "fraction", "more than 100%"),
        ("1 in 0", "fraction", "can't be zero"),
        ("twice a year", "per_year", "more than once a year"),
        ("once a quarter", "per_year", "more than once a year"),
        ("once a quarter", "fraction", "asks for a share"),
        ("10% a year", "fraction", "without “a year”"),
        ("5% a month", "per_year", "without “a month”"),
    ],
)
def test_parse_percent_ambiguous_or_impossible_raises(text: str, unit: str, fragment: str) -> None:
    with pytest.raises(ParseError, match=re.escape(fragment)):
        parse_answer(text, qtype="percent", unit=unit)


@pytest.mark.parametrize(
    ("text", "display"),
    [
        ("15%", "15%"),
        ("15", "15%"),
        ("10-20%", "10–20%"),
        ("a third", "33.3%"),
        ("0.5%", "0.5%"),
        ("all", "100%"),
    ],
)
def test_parse_percent_display_shows_percent(text: str, display: str) -> None:
    assert _percent(text).display == display

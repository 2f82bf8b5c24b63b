"""Count answers: numbers, number words and rates, read into the question's unit."""

from __future__ import annotations

import re

import pytest

from tools.parsing import ParsedAnswer, ParseError, parse_answer


def _count(text: str, unit: str) -> ParsedAnswer:
    parsed = parse_answer(text, qtype="count", unit=unit)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("15", "per_month", 15),
        ("about 15", "per_month", 15),
        ("~15", "per_month", 15),
        ("15ish", "per_month", 15),
        ("around 15", "per_month", 15),
        ("roughly 15", "per_month", 15),
        ("approximately 15", "per_month", 15),
        ("maybe 15", "per_month", 15),
        ("probably 15", "per_month", 15),
        ("I'd say 15", "per_month", 15),
        ("something like 15", "per_month", 15),
        ("15 a month", "per_month", 15),
        ("15 per month", "per_month", 15),
        ("3 a week", "per_month", 13),
        ("3 times a week", "per_week", 3),
        ("3x a week", "per_month", 13),
        ("3x/week", "per_month", 13),
        ("a dozen", "per_month", 12),
        ("two", "total", 2),
        ("fifteen", "total", 15),
        ("twenty-five", "total", 25),
        ("twenty five", "total", 25),
        ("a hundred", "total", 100),
        ("one hundred and twenty", "total", 120),
        ("two hundred thousand", "total", 200_000),
        ("2 dozen", "total", 24),
        ("half a dozen", "total", 6),
        ("1.5k", "total", 1_500),
        ("a couple", "total", 2),
        ("a couple of people", "total", 2),
        ("none", "per_month", 0),
        ("zero", "per_month", 0),
        ("never", "per_month", 0),
        ("nobody", "total", 0),
        ("no one", "total", 0),
        ("once a quarter", "per_month", 1 / 3),
        ("twice a year", "per_month", 2 / 12),
        ("twice a year", "per_year", 2),
        ("every other week", "per_month", 26 / 12),
        ("every second week", "per_year", 26),
        ("weekly", "per_month", 52 / 12),
        ("biweekly", "per_year", 26),
        ("daily", "per_year", 365),
        ("every day", "per_month", 365 / 12),
        ("once a month", "per_year", 12),
        ("0.5 a year", "per_year", 0.5),
        ("3 in 10 years", "per_year", 0.3),
        ("15 a month", "per_week", 15 * 12 / 52),
        ("about 12 people", "total", 12),
        ("about 8 roles", "total", 8),
        ("we lose about 4 a month", "per_month", 4),
    ],
)
def test_parse_count_phrasing_reads_value(text: str, unit: str, expected: float) -> None:
    parsed = _count(text, unit)
    assert parsed.likely == pytest.approx(expected)
    assert not parsed.is_range


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("2-5", "per_month", 2, 5),
        ("2–5", "per_month", 2, 5),
        ("2 to 5", "per_month", 2, 5),
        ("between 2 and 5", "per_month", 2, 5),
        ("from 10 up to 20", "per_month", 10, 20),
        ("5 or 6 a month", "per_month", 5, 6),
        ("once or twice a year", "per_year", 1, 2),
        ("every 2-3 weeks", "per_year", 52 / 3, 26),
        ("10-12 people", "total", 10, 12),
    ],
)
def test_parse_count_range_reads_both_ends(text: str, unit: str, low: float, high: float) -> None:
    parsed = _count(text, unit)
    assert (parsed.low, parsed.likely, parsed.high) == pytest.approx((low, (low + high) / 2, high))
    assert parsed.is_range


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("2.5", "whole number"), ("2-3.5", "whole number"), ("15 a month", "in total")],
)
def test_parse_count_total_not_whole_or_rate_raises(text: str, fragment: str) -> None:
    with pytest.raises(ParseError, match=re.escape(fragment)):
        parse_answer(text, qtype="count", unit="total")


@pytest.mark.parametrize(
    ("text", "unit", "display"),
    [
        ("15", "per_month", "15 a month"),
        ("3 a week", "per_month", "13 a month"),
        ("once a quarter", "per_month", "0.33 a month"),
        ("3 a week", "per_week", "3 a week"),
        ("2 or 3 a year", "per_year", "2–3 a year"),
        ("2-5 a month", "per_month", "2–5 a month"),
        ("12", "total", "12 people"),
        ("1", "total", "1 person"),
        ("about 8 roles", "total", "8 roles"),
        ("10-12 managers", "total", "10–12 managers"),
        ("12, across departments", "total", "12 people"),
    ],
)
def test_parse_count_display_echoes_canonical(text: str, unit: str, display: str) -> None:
    assert _count(text, unit).display == display

"""Duration answers: elapsed days and weeks, effort hours, and hours a week."""

from __future__ import annotations

import re

import pytest

from tools.parsing import ParsedAnswer, ParseError, parse_answer


def _duration(text: str, unit: str) -> ParsedAnswer:
    parsed = parse_answer(text, qtype="duration", unit=unit)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("3 days", "days", 3),
        ("3d", "days", 3),
        ("about 3 days", "days", 3),
        ("3", "days", 3),
        ("36 hours", "days", 1.5),
        ("90 minutes", "days", 90 / 1440),
        ("half a day", "days", 0.5),
        ("a week", "days", 7),
        ("two weeks", "days", 14),
        ("3 wks", "days", 21),
        ("a fortnight", "days", 14),
        ("1 month", "days", 365 / 12),
        ("10 working days", "days", 14),
        ("a year", "days", 365),
        ("one and a half days", "days", 1.5),
        ("1½ days", "days", 1.5),
        ("done in 3 days", "days", 3),
        ("2 weeks and 3 days", "days", 17),
        ("3", "hours", 3),
        ("90 minutes", "hours", 1.5),
        ("1.5h", "hours", 1.5),
        ("2.5 hrs", "hours", 2.5),
        ("an hour and a half", "hours", 1.5),
        ("2 and a half hours", "hours", 2.5),
        ("1 hour 30 minutes", "hours", 1.5),
        ("1h30", "hours", 1.5),
        ("half a day", "hours", 4),
        ("3 days", "hours", 24),
        ("a week", "hours", 40),
        ("3 months", "weeks", 13),
        ("3", "weeks", 3),
        ("14 days", "weeks", 2),
        ("a year", "weeks", 52),
        ("4", "hours_per_week", 4),
        ("3 hours a week", "hours_per_week", 3),
        ("2 hours a day", "hours_per_week", 10),
        ("a day a week", "hours_per_week", 8),
        ("4 hours a month", "hours_per_week", 4 * 12 / 52),
        ("half a day a week", "hours_per_week", 4),
        ("15 minutes a day", "hours_per_week", 1.25),
        ("a day every other week", "hours_per_week", 4),
        ("about 200 hours a week", "hours_per_week", 200),
    ],
)
def test_parse_duration_phrasing_reads_value(text: str, unit: str, expected: float) -> None:
    parsed = _duration(text, unit)
    assert parsed.likely == pytest.approx(expected)
    assert not parsed.is_range


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("3-5 days", "days", 3, 5),
        ("3 to 5 days", "days", 3, 5),
        ("between 2 and 3 weeks", "days", 14, 21),
        ("a week or two", "days", 7, 14),
        ("2 days to a week", "days", 2, 7),
        ("2-3 months", "weeks", 26 / 3, 13),
        ("2-4 hours", "hours", 2, 4),
        ("3-5 hours a week", "hours_per_week", 3, 5),
        ("1-2 hours a day", "hours_per_week", 5, 10),
    ],
)
def test_parse_duration_range_reads_both_ends(
    text: str, unit: str, low: float, high: float
) -> None:
    parsed = _duration(text, unit)
    assert (parsed.low, parsed.likely, parsed.high) == pytest.approx((low, (low + high) / 2, high))
    assert parsed.is_range


@pytest.mark.parametrize(
    ("text", "unit", "fragment"),
    [
        ("3 days a week", "days", "how long, not how often"),
        ("2 hours a day", "hours", "how long, not how often"),
        ("twice a week", "days", "how often"),
        ("5m", "days", "minutes or months"),
    ],
)
def test_parse_duration_rate_or_ambiguous_unit_raises(text: str, unit: str, fragment: str) -> None:
    with pytest.raises(ParseError, match=re.escape(fragment)):
        parse_answer(text, qtype="duration", unit=unit)


@pytest.mark.parametrize(
    ("text", "unit", "display"),
    [
        ("3", "days", "3 days"),
        ("3 days", "days", "3 days"),
        ("1 day", "days", "1 day"),
        ("36 hours", "days", "1.5 days"),
        ("2.5", "hours", "2.5 hours"),
        ("1 hour", "hours", "1 hour"),
        ("4", "hours_per_week", "4 hours a week"),
        ("2 hours a day", "hours_per_week", "10 hours a week"),
        ("6 weeks", "weeks", "6 weeks"),
        ("3 months", "weeks", "13 weeks"),
        ("3-5 days", "days", "3–5 days"),
        ("half a day to a day", "days", "0.5–1 days"),
    ],
)
def test_parse_duration_display_names_unit(text: str, unit: str, display: str) -> None:
    assert _duration(text, unit).display == display

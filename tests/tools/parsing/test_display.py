"""format_value: the same echo as ParsedAnswer.display, for one number in reports."""

from __future__ import annotations

import pytest

from tools.parsing import QuestionType, format_value


@pytest.mark.parametrize(
    ("value", "qtype", "unit", "currency", "expected"),
    [
        (40_000, "money", "per_year", "USD", "$40,000 a year"),
        (40_000, "money", "per_year", None, "40,000 a year"),
        (18.25, "money", "per_hour", "USD", "$18.25 an hour"),
        (52, "money", "per_hour", "USD", "$52 an hour"),
        (999_999, "money", "per_year", "USD", "$999,999 a year"),
        (1_000_000, "money", "per_year", "USD", "$1M a year"),
        (1_200_000, "money", "per_year", "USD", "$1.2M a year"),
        (1_250_000, "money", "per_month", "USD", "$1.25M a month"),
        (2_500_000_000, "money", "per_year", "USD", "$2.5B a year"),
        (999_999_999, "money", "per_year", "USD", "$1B a year"),
        (500, "money", "each", "EUR", "€500 each"),
        (3_000, "money", "per_day", "GBP", "£3,000 a day"),
        (40_000, "money", "per_year", "SEK", "SEK 40,000 a year"),
        (15, "count", "per_month", None, "15 a month"),
        (13, "count", "per_month", None, "13 a month"),
        (3, "count", "per_week", None, "3 a week"),
        (12, "count", "total", None, "12 people"),
        (1, "count", "total", None, "1 person"),
        (3, "duration", "days", None, "3 days"),
        (1, "duration", "days", None, "1 day"),
        (2.5, "duration", "hours", None, "2.5 hours"),
        (4, "duration", "hours_per_week", None, "4 hours a week"),
        (6, "duration", "weeks", None, "6 weeks"),
        (365 / 12, "duration", "days", None, "30.4 days"),
        (173.33, "duration", "hours", None, "173 hours"),
        (0.0625, "duration", "days", None, "0.062 days"),
        (0.15, "percent", "fraction", None, "15%"),
        (1 / 3, "percent", "fraction", None, "33.3%"),
        (0.005, "percent", "per_year", None, "0.5%"),
        (4, "scale_1_5", None, None, "4 of 5"),
        (1.0, "yes_no", None, None, "Yes"),
        (0.0, "yes_no", None, None, "No"),
        (0.5, "yes_no", None, None, "Partly"),
        (7, "choice", None, None, "7"),
        (0, "money", "per_year", "USD", "$0 a year"),
    ],
)
def test_format_value_each_type_reads_naturally(
    value: float, qtype: QuestionType, unit: str | None, currency: str | None, expected: str
) -> None:
    assert format_value(value, qtype=qtype, unit=unit, currency=currency) == expected


@pytest.mark.parametrize(
    ("qtype", "expected"),
    [("money", "40,000 a year"), ("count", "40,000 people"), ("duration", "40,000 days")],
)
def test_format_value_no_unit_uses_type_default(qtype: QuestionType, expected: str) -> None:
    assert format_value(40_000, qtype=qtype) == expected


def test_format_value_unknown_unit_raises() -> None:
    with pytest.raises(ValueError, match="per_fortnight"):
        format_value(1, qtype="money", unit="per_fortnight")

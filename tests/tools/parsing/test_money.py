"""Money answers: magnitudes, currencies and periods, read into the question's unit."""

from __future__ import annotations

import re

import pytest

from tools.parsing import ParsedAnswer, ParseError, parse_answer


def _money(text: str, unit: str = "per_year", currency: str | None = None) -> ParsedAnswer:
    parsed = parse_answer(text, qtype="money", unit=unit, currency=currency)
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("$40k", "per_year", 40_000),
        ("40k", "per_year", 40_000),
        ("40K", "per_year", 40_000),
        ("$1.2M", "per_year", 1_200_000),
        ("1.2 million", "per_year", 1_200_000),
        ("$2.5bn", "per_year", 2_500_000_000),
        ("2.5B", "per_year", 2_500_000_000),
        ("40,000", "per_year", 40_000),
        ("$2,100,000", "per_year", 2_100_000),
        ("USD 40,000", "per_year", 40_000),
        ("40000 dollars", "per_year", 40_000),
        ("€500", "each", 500),
        ("£3k", "per_year", 3_000),
        ("half a million", "per_year", 500_000),
        ("a million", "per_year", 1_000_000),
        ("40 grand", "per_year", 40_000),
        ("$1.5mm", "per_year", 1_500_000),
        ("about $8k a day", "per_day", 8_000),
        ("~$5k", "per_year", 5_000),
        ("$5k or so", "per_year", 5_000),
        ("roughly $5k, give or take", "per_year", 5_000),
        ("just over $5k", "per_year", 5_000),
        ("$40k a month", "per_year", 480_000),
        ("$40k per month", "per_year", 480_000),
        ("$40k/mo", "per_year", 480_000),
        ("$40k monthly", "per_year", 480_000),
        ("$1k a week", "per_year", 52_000),
        ("$40k a year", "per_year", 40_000),
        ("$40k annually", "per_year", 40_000),
        ("$40k per annum", "per_year", 40_000),
        ("$40k p.a.", "per_year", 40_000),
        ("$500 a day", "per_year", 182_500),
        ("$500 per working day", "per_year", 125_000),
        ("$500 per business day", "per_year", 125_000),
        ("$50 an hour", "per_year", 100_000),
        ("$50/h", "per_year", 100_000),
        ("$10k a quarter", "per_year", 40_000),
        ("$120k a year", "per_month", 10_000),
        ("$2k a week", "per_month", 2_000 * 52 / 12),
        ("$36,500 a year", "per_day", 100),
        ("$100 a day", "per_hour", 18.25),
        ("$104k a year", "per_hour", 52),
        ("$52 an hour", "per_hour", 52),
        ("$1,200 per person a year", "per_year", 1_200),
        ("about $6k each", "each", 6_000),
        ("$0", "per_year", 0),
        ("nothing", "per_year", 0),
    ],
)
def test_parse_money_phrasing_reads_value(text: str, unit: str, expected: float) -> None:
    parsed = _money(text, unit)
    assert parsed.likely == pytest.approx(expected)
    assert parsed.low == parsed.likely == parsed.high
    assert not parsed.is_range


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("$40k-$60k", 40_000, 60_000),
        ("40-60k", 40_000, 60_000),
        ("$40k–60k", 40_000, 60_000),
        ("between $40k and $60k a year", 40_000, 60_000),
        ("$5k to $10k a month", 60_000, 120_000),
        ("$1M or $2M", 1_000_000, 2_000_000),
        ("$10k ± 2k", 8_000, 12_000),
    ],
)
def test_parse_money_range_reads_both_ends(text: str, low: float, high: float) -> None:
    parsed = _money(text)
    assert (parsed.low, parsed.likely, parsed.high) == pytest.approx((low, (low + high) / 2, high))
    assert parsed.is_range


@pytest.mark.parametrize(
    ("text", "expected", "currency"),
    [
        ("$40k", None, "USD"),
        ("40000 dollars", None, "USD"),
        ("€500", None, "EUR"),
        ("500 euros", None, "EUR"),
        ("£3k", None, "GBP"),
        ("3 thousand pounds", None, "GBP"),
        ("¥5000", None, "JPY"),
        ("CHF 40k", None, "CHF"),
        ("A$500", None, "AUD"),
        ("$500", "CAD", "CAD"),
        ("40k", None, None),
        ("40k", "EUR", None),
    ],
)
def test_parse_money_currency_detected(text: str, expected: str | None, currency: str) -> None:
    assert _money(text, currency=expected).currency == currency


@pytest.mark.parametrize(
    ("text", "expected", "fragment"),
    [
        ("€500", "USD", "in USD"),
        ("$500", "EUR", "in EUR"),
        ("500 pounds", "usd", "in USD"),
        ("US$500", "CAD", "in CAD"),
        ("$40k-€60k", None, "mixes currencies"),
    ],
)
def test_parse_money_other_currency_raises(text: str, expected: str | None, fragment: str) -> None:
    with pytest.raises(ParseError, match=re.escape(fragment)):
        parse_answer(text, qtype="money", unit="per_year", currency=expected)


@pytest.mark.parametrize("text", ["$5k a month", "$5k per year", "$300 a day", "$40k monthly"])
def test_parse_money_period_for_one_event_raises(text: str) -> None:
    with pytest.raises(ParseError, match="one event") as info:
        parse_answer(text, qtype="money", unit="each")
    assert info.value.example == "$25k"


@pytest.mark.parametrize(
    ("text", "unit", "currency", "display"),
    [
        ("$40k", "per_year", None, "$40,000 a year"),
        ("40k", "per_year", None, "40,000 a year"),
        ("40k", "per_year", "USD", "$40,000 a year"),
        ("$1.2M", "per_year", None, "$1.2M a year"),
        ("$2.5bn", "per_year", None, "$2.5B a year"),
        ("€500", "each", None, "€500 each"),
        ("$40k a month", "per_month", None, "$40,000 a month"),
        ("$100 a day", "per_hour", None, "$18.25 an hour"),
        ("$8k a day", "per_day", None, "$8,000 a day"),
        ("$40k-$60k", "per_year", None, "$40,000–$60,000 a year"),
        ("$500", "each", "CAD", "CA$500 each"),
        ("CHF 40k", "per_year", None, "CHF 40,000 a year"),
    ],
)
def test_parse_money_display_echoes_canonical(
    text: str, unit: str, currency: str | None, display: str
) -> None:
    assert _money(text, unit, currency).display == display

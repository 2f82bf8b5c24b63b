"""Properties: any string gives an answer, None or a ParseError (never another exception)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tools.parsing import Choice, ParseError, QuestionType, is_dont_know, parse_answer
from tools.parsing.units import UNITS

CHOICES = (
    Choice(label="Weekly", value=7, aliases=("every week", "once a week")),
    Choice(label="Every two weeks", value=14, aliases=("biweekly", "every other week")),
    Choice(label="1-2 months", value=45),
)
# Pieces of real answers, so the fuzzing reaches past "no number found".
PIECES = st.sampled_from(
    [*"0123456789 .,-–—$€£¥%/+~<>±½kKmMbB?!", "a ", "an ", "half ", "and a half ", "day", "week"]
    + ["month", "year", "hour", "minutes", " to ", " or ", " and ", "between ", "every ", "other "]
    + ["once ", "twice ", "times ", "x", "per ", "in ", "at least ", "up to ", "million", "dozen"]
    + ["twenty", "five", "a third", "out of", "usd", "eur", "dollars", "working ", "nan", "inf"]
    + ["not ", "no ", "yes ", "one ", "none", "all", "US$", "1e400", "9" * 320, "option ", "n/a"]
)
ANSWERS = st.one_of(st.text(max_size=80), st.lists(PIECES, max_size=14).map("".join))
FAST = settings(max_examples=150, deadline=None)


def _check(text: str, qtype: QuestionType, unit: str | None, currency: str | None) -> None:
    try:
        parsed = parse_answer(
            text, qtype=qtype, unit=unit, choices=CHOICES, currency=currency, bounds=(0, 1e9)
        )
    except ParseError as err:
        assert err.message
        assert str(err) == err.message
        assert err.example or qtype == "text"
        return
    if parsed is None:
        assert qtype != "text"
        return
    assert all(math.isfinite(v) for v in (parsed.low, parsed.likely, parsed.high))
    assert 0 <= parsed.low <= parsed.likely <= parsed.high <= 1e9
    assert parsed.display
    if qtype == "percent":
        assert parsed.high <= 1
    if qtype == "scale_1_5":
        assert parsed.likely in (1, 2, 3, 4, 5)


@pytest.mark.parametrize(("qtype", "units"), [(q, u) for q, u in UNITS.items()])
@FAST
@given(text=ANSWERS, data=st.data())
def test_parse_answer_quantity_any_text_never_crashes(
    qtype: QuestionType, units: tuple[str, ...], text: str, data: st.DataObject
) -> None:
    unit = data.draw(st.sampled_from(units))
    currency = data.draw(st.sampled_from([None, "USD", "EUR", "CAD"])) if qtype == "money" else None
    _check(text, qtype, unit, currency)


@pytest.mark.parametrize("qtype", ["scale_1_5", "yes_no", "choice", "text"])
@FAST
@given(text=ANSWERS)
def test_parse_answer_pick_one_any_text_never_crashes(qtype: QuestionType, text: str) -> None:
    _check(text, qtype, None, None)


@FAST
@given(text=ANSWERS)
def test_is_dont_know_any_text_returns_bool(text: str) -> None:
    assert isinstance(is_dont_know(text), bool)


@FAST
@given(text=ANSWERS)
def test_parse_answer_same_text_same_result(text: str) -> None:
    def attempt() -> object:
        try:
            return parse_answer(text, qtype="money", unit="per_month")
        except ParseError as err:
            return err.message

    assert attempt() == attempt()


@FAST
@given(n=st.integers(min_value=0, max_value=10**6))
def test_parse_money_thousands_scales_exactly(n: int) -> None:
    parsed = parse_answer(f"${n:,}k a month", qtype="money", unit="per_year")
    assert parsed is not None
    assert parsed.likely == pytest.approx(n * 12_000)


@FAST
@given(low=st.integers(min_value=0, max_value=10**4), extra=st.integers(min_value=1, max_value=100))
def test_parse_count_range_midpoint_is_likely(low: int, extra: int) -> None:
    parsed = parse_answer(f"between {low} and {low + extra}", qtype="count", unit="total")
    assert parsed is not None
    assert (parsed.low, parsed.high, parsed.is_range) == (low, low + extra, True)
    assert parsed.likely == pytest.approx(low + extra / 2)


@pytest.mark.parametrize(
    "text",
    [
        "⓵",
        "٣ days",
        "１５",
        "9" * 152 + "-" + "9" * 152 + " trillion" * 13,
        "1e400",
        "$" * 400,
        "- - - 5",
        "+/- 5",
        "½",
        "and a half",
        "every",
        "between and",
        "a a a a week",
        "0 in 0",
        "\x00\u200b5",
    ],
)
@pytest.mark.parametrize(("qtype", "unit"), [("money", "per_year"), ("count", "per_month")])
def test_parse_answer_odd_input_never_crashes(text: str, qtype: QuestionType, unit: str) -> None:
    _check(text, qtype, unit, None)

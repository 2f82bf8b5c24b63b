"""Answers that pick one: a 1-5 scale, yes / no / partly, a choice's option, free text."""

from __future__ import annotations

import re

import pytest

from tools.parsing import Choice, ParsedAnswer, ParseError, parse_answer

CADENCE = (
    Choice(label="Daily", value=1, aliases=("every day", "each day", "daily standup")),
    Choice(label="Twice a week", value=3.5, aliases=("2x a week", "twice weekly")),
    Choice(label="Weekly", value=7, aliases=("every week", "once a week", "each week")),
    Choice(label="Every two weeks", value=14, aliases=("biweekly", "fortnightly")),
    Choice(label="Monthly", value=30, aliases=("every month", "once a month")),
    Choice(label="Quarterly", value=91, aliases=("every quarter", "qbr")),
)
BANDS = (
    Choice(label="1-2 weeks", value=10),
    Choice(label="3-4 weeks", value=25),
    Choice(label="More than a month", value=45),
)


def _parse(text: str, qtype: str, choices: tuple[Choice, ...] = CADENCE) -> ParsedAnswer:
    parsed = parse_answer(text, qtype=qtype, choices=choices)  # type: ignore[arg-type]
    assert parsed is not None
    return parsed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4", 4),
        ("4/5", 4),
        ("4 / 5", 4),
        ("4 out of 5", 4),
        ("4 of 5", 4),
        ("four", 4),
        ("a 4", 4),
        ("4 - mostly", 4),
        ("1", 1),
        ("5!", 5),
    ],
)
def test_parse_scale_phrasing_reads_value(text: str, expected: float) -> None:
    parsed = _parse(text, "scale_1_5")
    assert parsed.likely == expected
    assert parsed.display == f"{expected} of 5"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("0", "off the scale"),
        ("6", "off the scale"),
        ("3.5", "whole number"),
        ("mostly", "couldn't find a number"),
        ("3-4", "one number"),
        ("4/10", "not out of 10"),
        ("-3", "Negative"),
        ("40%", "one number"),
    ],
)
def test_parse_scale_off_scale_raises(text: str, fragment: str) -> None:
    with pytest.raises(ParseError, match=re.escape(fragment)):
        parse_answer(text, qtype="scale_1_5")


@pytest.mark.parametrize(
    ("text", "expected", "display"),
    [
        ("yes", 1.0, "Yes"),
        ("Y", 1.0, "Yes"),
        ("yeah", 1.0, "Yes"),
        ("yep", 1.0, "Yes"),
        ("yup", 1.0, "Yes"),
        ("true", 1.0, "Yes"),
        ("correct", 1.0, "Yes"),
        ("we do", 1.0, "Yes"),
        ("yes, mostly", 1.0, "Yes"),
        ("of course", 1.0, "Yes"),
        ("yes, not a problem", 1.0, "Yes"),
        ("no", 0.0, "No"),
        ("N", 0.0, "No"),
        ("nope", 0.0, "No"),
        ("false", 0.0, "No"),
        ("not really", 0.0, "No"),
        ("we don't", 0.0, "No"),
        ("we do not", 0.0, "No"),
        ("absolutely not", 0.0, "No"),
        ("no, but we plan to", 0.0, "No"),
        ("I don't think so", 0.0, "No"),
        ("partly", 0.5, "Partly"),
        ("partially", 0.5, "Partly"),
        ("sometimes", 0.5, "Partly"),
        ("somewhat", 0.5, "Partly"),
        ("in some areas", 0.5, "Partly"),
        ("yes, in some areas", 0.5, "Partly"),
        ("yes and no", 0.5, "Partly"),
        ("not always", 0.5, "Partly"),
    ],
)
def test_parse_yes_no_phrasing_reads_value(text: str, expected: float, display: str) -> None:
    parsed = _parse(text, "yes_no")
    assert parsed.likely == expected
    assert parsed.display == display


@pytest.mark.parametrize("text", ["banana", "5", "maybe", "perhaps later", "%%%"])
def test_parse_yes_no_junk_raises(text: str) -> None:
    with pytest.raises(ParseError, match="yes, no or partly"):
        parse_answer(text, qtype="yes_no")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("weekly", "Weekly"),
        ("Weekly!", "Weekly"),
        ("WEEKLY", "Weekly"),
        ("biweekly", "Every two weeks"),
        ("bi-weekly", "Every two weeks"),
        ("every 2 weeks", "Every two weeks"),
        ("once a week", "Weekly"),
        ("we meet every week on Monday", "Weekly"),
        ("twice weekly", "Twice a week"),
        ("about twice weekly", "Twice a week"),
        ("2", "Twice a week"),
        ("option 3", "Weekly"),
        ("#5", "Monthly"),
        ("fortnight", "Every two weeks"),
        ("month", "Monthly"),
        ("QBR", "Quarterly"),
    ],
)
def test_parse_choice_label_alias_or_number_matches(text: str, label: str) -> None:
    parsed = _parse(text, "choice")
    assert parsed.display == label
    assert parsed.likely == next(c.value for c in CADENCE if c.label == label)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("3-4 weeks", "3-4 weeks"),
        ("3", "3-4 weeks"),
        ("option 1", "1-2 weeks"),
        ("more", "More than a month"),
    ],
)
def test_parse_choice_labels_with_digits_match_digits_first(text: str, label: str) -> None:
    assert _parse(text, "choice", BANDS).display == label


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("week", "could mean Twice a week or Weekly"),
        ("daily or weekly", "could mean Daily or Weekly"),
        ("banana", "isn't one of the options"),
        ("7", "no option 7"),
    ],
)
def test_parse_choice_unknown_or_ambiguous_raises_with_options(text: str, fragment: str) -> None:
    with pytest.raises(ParseError, match=re.escape(fragment)) as info:
        parse_answer(text, qtype="choice", choices=CADENCE)
    assert "Daily, Twice a week, Weekly, Every two weeks, Monthly, Quarterly" in info.value.message
    assert info.value.example == "Daily"


def test_parse_choice_option_named_dont_know_is_an_answer() -> None:
    choices = (Choice(label="Yes", value=1), Choice(label="Don't know", value=0.5))
    parsed = _parse("don't know", "choice", choices)
    assert parsed.display == "Don't know"
    assert parse_answer("no idea", qtype="choice", choices=choices) is None


def test_parse_text_answer_kept_and_display_truncated() -> None:
    text = "We mostly run on spreadsheets, " * 5
    parsed = _parse(f"  {text}  ", "text")
    assert parsed.text == text.strip()
    assert (parsed.low, parsed.likely, parsed.high) == (0, 0, 0)
    assert len(parsed.display) <= 80
    assert parsed.display.endswith("…")


def test_parse_text_dont_know_is_text() -> None:
    parsed = _parse("don't know", "text")
    assert parsed.text == "don't know"
    assert parsed.display == "don't know"


def test_parse_text_too_long_raises() -> None:
    with pytest.raises(ParseError, match="2,000 characters"):
        parse_answer("x" * 2001, qtype="text")

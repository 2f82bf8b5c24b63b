"""Don't-know answers: recognized in many spellings, never mistaken for a real answer."""

from __future__ import annotations

import pytest

from tools.parsing import QuestionType, is_dont_know, parse_answer
from tools.parsing.units import UNITS

DONT_KNOW = [
    "don't know",
    "Don’t know",
    "dont know",
    "I do not know",
    "no idea",
    "Honestly, no idea!",
    "not sure",
    "I'm not sure, sorry",
    "unsure",
    "dunno",
    "IDK",
    "n/a",
    "N/A",
    "na",
    "?",
    "???",
    "can't say",
    "cannot say",
    "no clue",
    "not a clue",
    "pass",
    "Pass.",
    "hard to say",
]


@pytest.mark.parametrize("text", DONT_KNOW)
def test_is_dont_know_phrasing_true(text: str) -> None:
    assert is_dont_know(text)


@pytest.mark.parametrize(
    "text",
    [
        "3 days",
        "not sure, maybe 3 days",
        "no idea, about two weeks",
        "not sure, about half",
        "yes",
        "no",
        "none",
        "we pass 5 audits a year",
        "national",
        "passive",
        "",
    ],
)
def test_is_dont_know_real_answer_false(text: str) -> None:
    assert not is_dont_know(text)


CONFIGS = [(q, u) for q, units in UNITS.items() for u in units] + [
    ("scale_1_5", None),
    ("yes_no", None),
]


@pytest.mark.parametrize(("qtype", "unit"), CONFIGS)
@pytest.mark.parametrize("text", ["no idea", "n/a", "?", "don't know"])
def test_parse_answer_dont_know_returns_none(
    qtype: QuestionType, unit: str | None, text: str
) -> None:
    assert parse_answer(text, qtype=qtype, unit=unit) is None

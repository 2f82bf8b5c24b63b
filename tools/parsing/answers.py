"""One question's plain-words answer through the parsers: shared by files, chat and models."""

from __future__ import annotations

from knowledge import Question
from tools.parsing import Choice, ParsedAnswer, parse_answer


def parsing_choices(question: Question) -> list[Choice]:
    return [Choice(label=c.label, value=c.value, aliases=c.aliases) for c in question.choices]


def parse_for_question(
    question: Question, text: str, *, currency: str, example: str | None = None
) -> ParsedAnswer | None:
    """Parse `text` by the question's type, unit, choices and bounds; None means don't know.

    Raises:
        tools.parsing.ParseError: the text cannot be read; its message and example are meant
            for the person who wrote it.
    """
    return parse_answer(
        text,
        qtype=question.type,
        unit=question.unit,
        choices=parsing_choices(question),
        bounds=question.bounds,
        currency=currency,
        example=example if example is not None else question.example,
    )

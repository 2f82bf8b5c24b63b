"""What the parser takes and gives: question types, choices and parsed answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, model_validator

QuestionType = Literal[
    "money", "count", "duration", "percent", "scale_1_5", "yes_no", "choice", "text"
]


class Choice(BaseModel, frozen=True):
    """One option of a choice question.

    Attributes:
        label: What the person sees, e.g. "Weekly".
        value: What it means in the question's unit, e.g. 7 (days).
        aliases: Other words people use for it, e.g. ("every week", "once a week").
    """

    label: str
    value: float
    aliases: tuple[str, ...] = ()


class ParsedAnswer(BaseModel, frozen=True):
    """An answer read into the question's canonical unit.

    Attributes:
        low: Low end, in the question's canonical unit (equal to ``likely`` for one value).
        likely: The value, or the midpoint of a range.
        high: High end.
        is_range: Whether the person gave a range ("2-5").
        text: The answer itself, for text questions only (the values are then 0).
        currency: ISO code named in a money answer ("$40k" -> "USD"), if any.
        display: How to echo it back: "$40,000 a year", "2–5 a month", "15%", "Partly".
    """

    low: float
    likely: float
    high: float
    is_range: bool
    text: str | None = None
    currency: str | None = None
    display: str

    @model_validator(mode="after")
    def _ordered(self) -> ParsedAnswer:
        # Downstream distributions assume low <= likely <= high; catch a bad build here.
        if not self.low <= self.likely <= self.high:
            msg = f"low, likely, high must be ordered; got {self.low}, {self.likely}, {self.high}"
            raise ValueError(msg)
        return self

"""The pieces of a quantity answer and how one amount or a range is put together from them.

``grammar`` finds the pieces; this module checks their arrangement:

    Term                     "about 15"
    Term Term                "1 hour 30 minutes" (one amount in two units)
    Term Sep Term            "2-5", "between 2 and 5", "$40k-$60k", "2 or 3"
    Term ± Term              "15 +/- 5"
    (any of these) Period    "... a month"; a Period alone: "weekly", "every other week"

and lets one end of a range lend what it lacks to the other ("40-60k", "3-5 days",
"10-20%", "a week or two").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from tools.parsing.errors import ParseError

# Units of time from small to large: "1 hour 30 minutes" is one amount, "30 minutes 1 hour" not.
_UNIT_ORDER: Final = (
    "minute",
    "hour",
    "working_day",
    "day",
    "week",
    "fortnight",
    "month",
    "quarter",
    "year",
    "decade",
)
# What a term looks like, for "… looks like X, but this question asks for Y".
KIND_WORDS: Final[dict[str, str]] = {
    "percent": "a percentage",
    "money": "an amount of money",
    "duration": "a length of time",
    "frequency": "how often something happens",
}


# What may follow a count as the thing counted ("8 roles"), echoed back instead of "people".
_NOUNS: Final = frozenset({"people", "staff", "fte", "ftes", "employees", "headcount", "folks"})
_NOT_NOUNS: Final = frozenset(
    {"plus", "tops", "times", "this", "thus", "perhaps", "always", "towards", "thereabouts"}
    | {"odds", "does", "yes", "ours", "theirs", "yours", "besides"}
)


def is_noun(word: str) -> bool:
    """Whether a word after a count names what is counted ("roles", "people")."""
    if word in _NOUNS:
        return True
    # Plural words, but not "less", "across", "various" and the like.
    return (
        len(word) >= 4
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith(("ss", "ous"))
        and word not in _NOT_NOUNS
    )


@dataclass(frozen=True)
class Grammar:
    """What a question type reads after a number.

    Attributes:
        magnitudes: Multiplier words ("k", "million"; "m" only where it can't be minutes).
        in_periods: Whether "in" starts a period ("once in 10 years"); not for durations,
            where "done in 3 days" is an amount.
        ambiguous: Words refused with a message ("m" in a duration: minutes or months?).
    """

    magnitudes: Mapping[str, float]
    in_periods: bool = False
    ambiguous: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Term:
    """One amount as typed: a number with what came with it.

    Attributes:
        value: The number times its magnitude (40000 for "$40k").
        text: The amount as typed (normalized), for messages.
        magnitude: The multiplier typed with it, if any (lent across a range).
        currency: ISO code or ``currency.DOLLAR`` named with it.
        percent: Whether it carried "%" / "percent".
        unit: A unit of time that is part of the amount ("day" in "3 days").
        freq: Whether it counts occurrences ("once", "3 times").
        parts: Further amounts in smaller units ("30 minutes" in "1 hour 30 minutes").
        noun: What is counted, when typed right after the number ("roles" in "8 roles").
    """

    value: float
    text: str
    magnitude: float | None = None
    currency: str | None = None
    percent: bool = False
    unit: str | None = None
    freq: bool = False
    parts: tuple[tuple[float, str], ...] = ()
    noun: str | None = None

    @property
    def kind(self) -> str | None:
        """What the term looks like ("money", "percent", "duration", "frequency"), if anything."""
        if self.percent:
            return "percent"
        if self.currency:
            return "money"
        if self.unit:
            return "duration"
        return "frequency" if self.freq else None


@dataclass(frozen=True)
class Period:
    """How often: "a month" is Period("month"); "every 2-3 weeks" is Period("week", 2, 3)."""

    unit: str
    text: str
    every_low: float = 1.0
    every_high: float = 1.0


@dataclass(frozen=True)
class Sep:
    """A range separator between two terms: "-", "to", "or", "and" (after "between"), "±"."""

    text: str


Item = Term | Period | Sep


@dataclass(frozen=True)
class Quantity:
    """An answer's amount (none, one or a low/high pair) and its period, if any."""

    terms: tuple[Term, ...]
    period: Period | None
    text: str

    @property
    def is_range(self) -> bool:
        """Whether the person gave a range (of amounts or of periods)."""
        period = self.period
        return len(self.terms) == 2 or (period is not None and period.every_low < period.every_high)


def build(items: Sequence[Item], text: str) -> Quantity:
    """Check how the scanned pieces are arranged and make a Quantity of them.

    Raises:
        ParseError: More than one number that is not a range, or two different periods.
    """
    periods = {(p.unit, p.every_low, p.every_high): p for p in items if isinstance(p, Period)}
    if len(periods) > 1:
        shown = " and ".join(f"“{p.text}”" for p in periods.values())
        msg = f"That answer has two periods ({shown}). Please give one, e.g. 15 a month."
        raise ParseError(msg)
    period = next(iter(periods.values()), None)
    rest = _compound([item for item in items if not isinstance(item, Period)])
    terms = [item for item in rest if isinstance(item, Term)]
    if len(rest) == 3 and isinstance(rest[1], Sep) and len(terms) == 2:
        low, high = _lend(terms[0], terms[1])
        if rest[1].text == "±":
            centre, spread = low.value, high.value
            low, high = replace(low, value=centre - spread), replace(low, value=centre + spread)
            if low.value < 0:
                msg = f"“{text}” goes below zero. Please give the range low-high, e.g. 10-20."
                raise ParseError(msg)
        return Quantity((low, high), period, text)
    if len(rest) == 1 and terms:
        return Quantity((terms[0],), period, text)
    if not terms:
        return Quantity((), period, text)
    shown = ", ".join(term.text for term in terms[:3]) + (", …" if len(terms) > 3 else "")
    msg = (
        f"I found more than one number ({shown}). "
        f"Please give one number or a range, e.g. {terms[0].text}-{terms[1].text}."
    )
    raise ParseError(msg)


def _lend(low: Term, high: Term) -> tuple[Term, Term]:
    """Let each end of a range take what the other has and it lacks ("40-60k", "3-5 days")."""
    if low.magnitude is None and high.magnitude is not None:
        low = replace(low, value=low.value * high.magnitude, magnitude=high.magnitude)
    elif high.magnitude is None and low.magnitude is not None:
        high = replace(high, value=high.value * low.magnitude, magnitude=low.magnitude)
    percent, freq = low.percent or high.percent, low.freq or high.freq
    return (
        replace(
            low,
            currency=low.currency or high.currency,
            unit=low.unit or high.unit,
            percent=percent,
            freq=freq,
        ),
        replace(
            high,
            currency=high.currency or low.currency,
            unit=high.unit or low.unit,
            percent=percent,
            freq=freq,
            noun=high.noun or low.noun,
        ),
    )


def _compound(items: Sequence[Item]) -> list[Item]:
    """Join "1 hour 30 minutes", "2 weeks and 3 days", "1h30" into one amount."""
    out: list[Item] = []
    for item in items:
        prev = out[-1] if out else None
        if isinstance(item, Term) and isinstance(prev, Term) and prev.unit is not None:
            last = prev.parts[-1][1] if prev.parts else prev.unit
            # A bare number after hours is minutes ("1h30").
            unit = item.unit or ("minute" if last == "hour" and item.value < 60 else None)
            plain = item.kind in (None, "duration") and not item.parts
            if unit is not None and plain and _UNIT_ORDER.index(unit) < _UNIT_ORDER.index(last):
                parts = (*prev.parts, (item.value, unit))
                out[-1] = replace(prev, parts=parts, text=f"{prev.text} {item.text}")
                continue
        out.append(item)
    return out


def check_kinds(terms: Sequence[Term], *, allowed: set[str], asks: str) -> None:
    """Refuse a term that looks like another type's answer ("5 days" to a money question).

    Raises:
        ParseError: Naming what the term looks like and what the question asks for.
    """
    for term in terms:
        kind = term.kind
        if kind is not None and kind not in allowed:
            msg = f"“{term.text}” looks like {KIND_WORDS[kind]}, but this question asks for {asks}."
            raise ParseError(msg)

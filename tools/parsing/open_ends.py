"""Open-ended answers ("at least 5", "$40k+", "within a week"): found, and answered with a range.

We need a low and a high end to put a distribution on an answer, so an open end is refused
with a range built from the person's own number: "at least $5k" -> "e.g. $5k-$10k",
"up to 5" -> "e.g. 2-5". "Just over 5" is an estimate, not a bound, and is read as 5.
"""

from __future__ import annotations

from typing import Final

from tools.parsing.currency import DOLLAR, symbol
from tools.parsing.display import format_number
from tools.parsing.errors import ParseError
from tools.parsing.terms import Term

# Open-ended phrases, by which end they leave open.
LOWER_PAIRS: Final = frozenset(
    {("at", "least"), ("more", "than"), ("greater", "than"), ("no", "less"), ("or", "more")}
    | {("or", "above"), ("or", "over"), ("or", "higher"), ("or", "longer"), ("and", "up")}
    | {("and", "above"), ("upwards", "of"), ("in", "excess")}
)
UPPER_PAIRS: Final = frozenset(
    {("at", "most"), ("less", "than"), ("fewer", "than"), ("up", "to"), ("no", "more")}
    | {("not", "more"), ("or", "less"), ("or", "fewer"), ("or", "under"), ("or", "below")}
)
LOWER_WORDS: Final = frozenset({"over", "above", "minimum", "exceeding", "beyond", ">", "≥"})
UPPER_WORDS: Final = frozenset({"under", "below", "within", "maximum", "max", "upto", "<", "≤"})
SOFTENERS: Final = frozenset({"just", "bit", "little", "slightly"})


def open_ended_error(phrase: str, text: str, first: Term | None, *, lower: bool) -> ParseError:
    """The error for an open-ended answer, offering a range from its first amount.

    Args:
        phrase: The open-ended phrase found ("at least"; "+" for "5+").
        text: The normalized answer.
        first: The answer's first amount, if any.
        lower: Whether the phrase gives the low end and leaves the high end open.
    """
    if phrase == "+":
        phrase = f"{first.text}+" if first is not None else phrase
    # The whole answer says it best ("at least $5k"), unless it is a paragraph.
    phrase = text if len(text) <= 40 else phrase
    return ParseError(
        f"“{phrase}” leaves the answer open-ended. "
        f"Please give a range instead, e.g. {_suggest(first, lower=lower)}."
    )


def _suggest(term: Term | None, *, lower: bool) -> str:
    """A range to offer for an open-ended answer: "at least $5k" -> "$5k-$10k"."""
    n = term.value if term is not None and term.value > 0 else 5.0
    low, high = (n, 2 * n) if lower else (n // 2 if n >= 2 and n == int(n) else n / 2, n)
    if term is None:
        return f"{_compact(low)}-{_compact(high)}"
    if term.percent:
        return f"{_compact(min(low, 50.0))}-{_compact(min(high, 100.0))}%"
    sign = "$" if term.currency == DOLLAR else symbol(term.currency)
    unit = f" {term.unit.replace('_', ' ')}s" if term.unit else ""
    return f"{sign}{_compact(low)}-{sign}{_compact(high)}{unit}"


def _compact(value: float) -> str:
    if value >= 1e6:
        return format_number(value / 1e6) + "M"
    if value >= 1e3:
        return format_number(value / 1e3) + "k"
    return format_number(value)

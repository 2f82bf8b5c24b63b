"""Reading a percentage: a share (``fraction``) or a chance per year (``per_year``), 0..1.

Shares come as "15%", "10-20%", "half", "a third", "one in five", "3 out of 10", "all"; a
bare whole number is percent points ("15" is 15%), a bare decimal below 1 is refused as
ambiguous ("0.15": 15% or 0.15%?). A chance per year may also come as how often:
"once every 4 years" is 25%, "every other year" 50%; more than once a year is refused.
"""

from __future__ import annotations

from typing import Final

from tools.parsing.display import format_number
from tools.parsing.errors import ParseError
from tools.parsing.grammar import read_quantity
from tools.parsing.numbers import MAGNITUDES, Token, is_number, normalize, tokenize
from tools.parsing.quantities import no_number, per_year
from tools.parsing.terms import Grammar, Quantity, check_kinds
from tools.parsing.units import TIME_UNITS

SHARE: Final = Grammar(MAGNITUDES, in_periods=True)

_DENOMINATORS: Final[dict[str, float]] = {
    **dict.fromkeys(("half", "halves"), 2.0),
    **dict.fromkeys(("third", "thirds"), 3.0),
    **dict.fromkeys(("quarter", "quarters"), 4.0),
    **dict.fromkeys(("fifth", "fifths"), 5.0),
    **dict.fromkeys(("sixth", "sixths"), 6.0),
    **dict.fromkeys(("eighth", "eighths"), 8.0),
    **dict.fromkeys(("tenth", "tenths"), 10.0),
}
# After these, "a quarter" is a period ("once a quarter"), not 25%.
_FREQUENCY_CUES: Final = frozenset(
    {"once", "twice", "thrice", "times", "x", "every", "per", "each"}
)
_ALL: Final = frozenset({"all", "everyone", "everybody", "everything", "always"})
_EPSILON: Final = 1e-9


def parse_percent(text: str, *, unit: str) -> tuple[float, float, bool]:
    """Read a percentage answer into a fraction: (low, high, is_range).

    Raises:
        ParseError: No number, not a percentage, ambiguous, over 100%, or (for a chance per
            year) more than once a year.
    """
    normalized = normalize(text)
    tokens = _whole(_fractions(tokenize(normalized)))
    quantity = read_quantity(tokens, normalized, SHARE)
    if any(t.freq for t in quantity.terms) or (
        quantity.period is not None and not any(t.percent for t in quantity.terms)
    ):
        return _frequency(quantity, text, unit=unit)
    return _share(quantity, text, unit=unit)


def _share(quantity: Quantity, text: str, *, unit: str) -> tuple[float, float, bool]:
    if not quantity.terms:
        raise no_number(text)
    check_kinds(quantity.terms, allowed={"percent"}, asks="a percentage")
    period = quantity.period
    # "10% a year" is how a chance per year is often said; any other period is not a share.
    if period is not None and not (unit == "per_year" and period.unit == "year"):
        msg = f"Please give one percentage without “{period.text}”, e.g. 15%."
        raise ParseError(msg)
    values = []
    for term in quantity.terms:
        if not term.percent and 0 < term.value < 1:
            points, raw = format_number(term.value * 100), format_number(term.value)
            msg = f"Did you mean {points}% or {raw}%? Please add the % sign, e.g. {points}%."
            raise ParseError(msg)
        values.append(term.value / 100)
    if max(values) > 1 + _EPSILON:
        shown = format_number(max(values) * 100)
        msg = f"A percentage can't be more than 100% (you gave {shown}%)."
        raise ParseError(msg)
    return min(values[0], 1.0), min(values[-1], 1.0), quantity.is_range


def _frequency(quantity: Quantity, text: str, *, unit: str) -> tuple[float, float, bool]:
    terms = quantity.terms
    rates = [t.value for t in terms] or [1.0]
    if rates[-1] == 0:
        return 0.0, 0.0, False  # "never": no share and no chance, whichever was asked
    if unit != "per_year":
        msg = f"“{quantity.text}” says how often; this question asks for a share, e.g. 15%."
        raise ParseError(msg)
    check_kinds(terms, allowed={"frequency"}, asks="a chance per year")
    low, high = rates[0], rates[-1]
    if quantity.period is not None:
        low_rate, high_rate = per_year(quantity.period)
        low, high = low * low_rate, high * high_rate
    if high > 1 + _EPSILON:
        msg = (
            f"“{quantity.text}” is more than once a year. "
            f"Please give the share of years it happens in, e.g. 100%."
        )
        raise ParseError(msg)
    return low, min(high, 1.0), quantity.is_range


def _percent(value: float, first: Token, last: Token) -> list[Token]:
    """Tokens for a percentage found in words, spanning the words it came from."""
    return [
        Token("num", format_number(value), first.start, last.end, value),
        Token("sym", "%", last.end, last.end),
    ]


def _fractions(tokens: list[Token]) -> list[Token]:
    """Turn "a third", "two thirds", "half", "one in five", "3 out of 10" into percentages."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        after = [t.text for t in tokens[i + 1 : i + 3]]
        cued = bool(out) and out[-1].text in _FREQUENCY_CUES
        numerator = 1.0 if token.text in ("a", "an") else token.value
        if (
            after[:1]
            and after[0] in _DENOMINATORS
            and not cued
            and (token.text in ("a", "an") or is_number(token))
        ):
            out += _percent(100 * numerator / _DENOMINATORS[after[0]], token, tokens[i + 1])
            i += 2
        elif token.text == "half":
            out += _percent(50.0, token, token)
            i += 1
        elif is_number(token) and (ratio := _ratio(tokens, i)) is not None:
            value, end = ratio
            out += _percent(value, token, tokens[end - 1])
            i = end
        else:
            out.append(token)
            i += 1
    return out


def _ratio(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """Read "1 in 5", "3 out of 10", "1/5" at ``i`` as a percentage; None if it isn't one."""
    words = [t.text for t in tokens[i + 1 : i + 3]]
    width = 2 if words == ["out", "of"] else 1 if words[:1] in (["in"], ["/"]) else 0
    end = i + 1 + width
    if not width or end >= len(tokens) or not is_number(tokens[end]):
        return None
    # "1 in 10 years" is a frequency, read as a period later.
    if end + 1 < len(tokens) and tokens[end + 1].text in TIME_UNITS:
        return None
    if tokens[end].value == 0:
        msg = "The second number of a ratio can't be zero. Please give one like “1 in 5”."
        raise ParseError(msg)
    return 100 * tokens[i].value / tokens[end].value, end + 1


def _whole(tokens: list[Token]) -> list[Token]:
    """Read "all" / "everyone" as 100% when the answer has no number of its own."""
    if any(t.kind == "num" for t in tokens):
        return tokens
    for i, token in enumerate(tokens):
        # "not at all" is not 100%.
        if token.text in _ALL and (i == 0 or tokens[i - 1].text != "at"):
            return tokens[:i] + _percent(100.0, token, token) + tokens[i + 1 :]
    return tokens

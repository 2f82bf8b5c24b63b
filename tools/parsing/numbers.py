"""Numbers as people type them: normalizing, tokens, number words, halves and magnitudes.

Every reader works on the tokens made here, so the quirks of typed numbers ("40,000",
"twenty-five", "half a day", "1½", "a dozen") are dealt with once:

    "About twenty-five, maybe 1½ a day"
    -> about | 25 | , | maybe | 1.5 | a | day
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from tools.parsing.errors import ParseError

TokenKind = Literal["num", "word", "sym"]

# Multipliers after a number ("40k", "1.2 million"); money and counts add "m"/"b" (below),
# which in a duration could as well mean minutes or months.
MAGNITUDES: Final[dict[str, float]] = {
    "k": 1e3,
    "thousand": 1e3,
    "hundred": 100.0,
    "dozen": 12.0,
    "million": 1e6,
    "mil": 1e6,
    "mio": 1e6,
    "mn": 1e6,
    "mm": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bil": 1e9,
    "trillion": 1e12,
}
MONEY_MAGNITUDES: Final[dict[str, float]] = {**MAGNITUDES, "m": 1e6, "b": 1e9, "grand": 1e3}
COUNT_MAGNITUDES: Final[dict[str, float]] = {**MAGNITUDES, "m": 1e6, "b": 1e9}

# Number words that say how often, not how many: "once", "twice", "never".
FREQUENCY_WORDS: Final = frozenset({"once", "twice", "thrice", "never"})

_SMALL: Final[dict[str, float]] = {
    word: float(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen"
        " fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS: Final[dict[str, float]] = {
    word: float(10 * n)
    for n, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_HUNDREDS: Final[dict[str, float]] = {"hundred": 100.0, "dozen": 12.0}
_BIG: Final[dict[str, float]] = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_SPECIAL: Final[dict[str, float]] = {
    "couple": 2.0,
    "once": 1.0,
    "twice": 2.0,
    "thrice": 3.0,
    "none": 0.0,
    "nothing": 0.0,
    "nil": 0.0,
    "nobody": 0.0,
    "never": 0.0,
}

# Vulgar fractions go before NFKC, which would turn "1½" into "11⁄2".
_VULGAR: Final = str.maketrans({"½": ".5", "¼": ".25", "¾": ".75"})
_CHARS: Final = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-", "‒": "-", "―": "-", "−": "-", "⁄": "/"}
)
_THOUSANDS: Final = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_WORD_HYPHEN: Final = re.compile(r"(?<=[a-z])-(?=[a-z])")
_PER_CENT: Final = re.compile(r"\bper\s?cent\b")
_PER_ANNUM: Final = re.compile(r"\bp\.\s?a\b\.?")
# ASCII digits only: Python's \d also matches other scripts' digits.
_TOKEN: Final = re.compile(
    r"(?P<num>[0-9]+(?:\.[0-9]+)?|\.[0-9]+)|(?P<word>[a-z]+(?:'[a-z]+)*)|(?P<sym>\S)"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of a normalized answer.

    Attributes:
        kind: "num", "word" or "sym".
        text: The text as normalized ("twenty five" for a number written in words).
        start: Where it starts in the normalized answer.
        end: Where it ends (exclusive).
        value: The number's value (0 for words and symbols).
    """

    kind: TokenKind
    text: str
    start: int
    end: int
    value: float = 0.0


def normalize(text: str) -> str:
    """Lower-case an answer and iron out typing variants (dashes, quotes, "40,000", "per cent")."""
    text = unicodedata.normalize("NFKC", text.translate(_VULGAR)).lower().translate(_CHARS)
    text = _THOUSANDS.sub("", text)
    text = _WORD_HYPHEN.sub(" ", text)
    text = _PER_CENT.sub("percent", text)
    text = _PER_ANNUM.sub("pa", text)
    return " ".join(text.split())


def tokenize(text: str) -> list[Token]:
    """Split a normalized answer into tokens, reading number words as numbers.

    Raises:
        ParseError: A number too large to hold ("1e400" typed out).
    """
    tokens = [_token(match) for match in _TOKEN.finditer(text)]
    return _and_a_half(_number_words(_half_a(tokens)))


def is_number(token: Token | None) -> bool:
    """Whether a token is a number (and not a frequency word like "once")."""
    return token is not None and token.kind == "num" and token.text not in FREQUENCY_WORDS


def _token(match: re.Match[str]) -> Token:
    text = match.group()
    if match.lastgroup == "num":
        value = float(text)
        if not math.isfinite(value):
            msg = f"That number is too large to use ({text[:12]}…)."
            raise ParseError(msg)
        return Token("num", text, match.start(), match.end(), value)
    kind: TokenKind = "word" if match.lastgroup == "word" else "sym"
    return Token(kind, text, match.start(), match.end())


def _num(first: Token, last: Token, value: float) -> Token:
    return Token("num", f"{first.text}…{last.text}", first.start, last.end, value)


def _half_a(tokens: list[Token]) -> list[Token]:
    """Read "half a day" and "a half day" as 0.5 before "a million" can claim the "a"."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        here = [t.text for t in tokens[i : i + 3]]
        after_and = bool(out) and out[-1].text == "and"
        if len(here) == 3 and here[0] == "half" and here[1] in ("a", "an") and here[2].isalpha():
            out.append(_num(tokens[i], tokens[i + 1], 0.5))
            i += 2
        elif (
            len(here) == 3
            and here[0] in ("a", "an")
            and here[1] == "half"
            and here[2].isalpha()
            and here[2] not in ("of", "the")
            and not after_and
        ):
            out.append(_num(tokens[i], tokens[i + 1], 0.5))
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def _and_a_half(tokens: list[Token]) -> list[Token]:
    """Read "two and a half" as 2.5."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        tail = [t.text for t in tokens[i + 1 : i + 4]]
        if is_number(tokens[i]) and tail == ["and", "a", "half"]:
            out.append(_num(tokens[i], tokens[i + 3], tokens[i].value + 0.5))
            i += 4
        else:
            out.append(tokens[i])
            i += 1
    return out


def _number_words(tokens: list[Token]) -> list[Token]:
    """Replace runs of number words ("twenty five thousand", "a dozen") with numbers."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else ""
        if token.text in ("a", "an") and nxt == "couple":
            out.append(_num(token, tokens[i + 1], 2.0))
            i += 2
        elif token.text in ("no", "not") and nxt == "one":
            out.append(_num(token, tokens[i + 1], 0.0))
            i += 2
        elif token.text in _SPECIAL:
            out.append(Token("num", token.text, token.start, token.end, _SPECIAL[token.text]))
            i += 1
        elif (
            token.text in _SMALL
            or token.text in _TENS
            or (token.text in ("a", "an") and (nxt in _HUNDREDS or nxt in _BIG))
        ):
            value, end = _compose(tokens, i)
            out.append(_num(token, tokens[end - 1], value))
            i = end
        else:
            out.append(token)
            i += 1
    return out


def _compose(tokens: list[Token], start: int) -> tuple[float, int]:
    """Read one number written in words from ``start``; return it and where it ended.

    A run stops where the words stop making one number, so "three four" is two numbers
    (and later "more than one number") rather than seven.
    """
    total, current, last, i = 0.0, 0.0, "", start
    if tokens[i].text in ("a", "an"):
        current, last, i = 1.0, "a", i + 1
    while i < len(tokens) and tokens[i].kind == "word":
        word = tokens[i].text
        if word in _SMALL:
            small = _SMALL[word]
            if last == "small" or (last == "tens" and (small >= 10 or small == 0)):
                break
            current, last = current + small, "small"
        elif word in _TENS:
            if last in ("small", "tens"):
                break
            current, last = current + _TENS[word], "tens"
        elif word in _HUNDREDS:
            if last == "hundred":
                break
            current, last = (current or 1.0) * _HUNDREDS[word], "hundred"
        elif word in _BIG:
            total, current, last = total + (current or 1.0) * _BIG[word], 0.0, "big"
        elif not (word == "and" and last in ("hundred", "big") and _small_follows(tokens, i)):
            break
        i += 1
    return total + current, i


def _small_follows(tokens: list[Token], i: int) -> bool:
    return i + 1 < len(tokens) and (tokens[i + 1].text in _SMALL or tokens[i + 1].text in _TENS)

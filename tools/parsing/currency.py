"""Currencies named in money answers: symbols, codes and words, and how we show them.

There is no FX conversion: an answer in another currency than the question's is refused
with a message saying which one to use.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from tools.parsing.errors import ParseError

# A bare "$" is whichever dollar the question is in (USD unless it says CAD or AUD).
DOLLAR: Final = "$"
_DOLLARS: Final = frozenset({"USD", "CAD", "AUD"})

SYMBOLS: Final[dict[str, str]] = {"$": DOLLAR, "€": "EUR", "£": "GBP", "¥": "JPY"}
WORDS: Final[dict[str, str]] = {
    **{code.lower(): code for code in ("USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY")},
    **dict.fromkeys(("dollar", "dollars", "bucks"), DOLLAR),
    **dict.fromkeys(("euro", "euros"), "EUR"),
    **dict.fromkeys(("pound", "pounds", "quid", "sterling"), "GBP"),
    **dict.fromkeys(("yen",), "JPY"),
    **dict.fromkeys(("franc", "francs"), "CHF"),
}
# Letters glued to "$" that name a specific dollar: "US$", "CA$", "C$", "A$", "AU$".
DOLLAR_PREFIXES: Final[dict[str, str]] = {
    "us": "USD",
    "ca": "CAD",
    "c": "CAD",
    "a": "AUD",
    "au": "AUD",
}
_DISPLAY: Final[dict[str, str]] = {
    "USD": "$",
    "EUR": "€",
    "GBP": "£",
    "JPY": "¥",
    "CAD": "CA$",
    "AUD": "A$",
}


def resolve(markers: Iterable[str], expected: str | None) -> str | None:
    """Return the ISO code an answer's currency markers name, checked against the question's.

    Args:
        markers: ISO codes or ``DOLLAR`` found in the answer.
        expected: The question's currency (upper-case ISO code), if it has one.

    Raises:
        ParseError: The answer mixes currencies or names another one than ``expected``.
    """
    dollar = expected if expected in _DOLLARS else "USD"
    codes = sorted({dollar if marker == DOLLAR else marker for marker in markers})
    if len(codes) > 1:
        msg = f"That answer mixes currencies ({' and '.join(codes)}). Please use one."
        raise ParseError(msg)
    code = codes[0] if codes else None
    if expected and code and code != expected:
        msg = f"Please give the amount in {expected}, not {code}: we don't convert currencies."
        raise ParseError(msg)
    return code


def symbol(code: str | None) -> str:
    """How an amount in ``code`` starts: "$", "€", "CA$", "CHF " (nothing without a code)."""
    if not code:
        return ""
    return _DISPLAY.get(code, f"{code} ")

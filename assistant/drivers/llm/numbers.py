"""The guard that keeps the model from computing figures: every number in its reply must be
one it was given.

Numbers are compared as written, after normalizing separators ("1,200" = "1200", "1.50" =
"1.5"): the model may say "$1.2M a year" when a tool said "$1.2M", but not "$100k a month",
which it would have had to compute. Letters glued before a digit make an identifier, not a
number ("P10", "Q3"); list markers at the start of a line ("1.", "2)") are layout.

>>> unsupported_numbers("Recorded: 15 a month (question 2 of 14).", ["15 a month", "2 of 14"])
[]
>>> unsupported_numbers("That is about 180 a year.", ["15 a month"])
['180']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

_NUMBER: Final = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_LIST_MARKER: Final = re.compile(r"^\s*\d{1,2}[.)]\s", re.MULTILINE)


def _normal(token: str) -> str:
    token = token.replace(",", "")
    if "." in token:
        token = token.rstrip("0").rstrip(".")
    return token.lstrip("0") or "0"


def numbers_in(text: str) -> set[str]:
    """The numbers written in `text`, normalized."""
    return {_normal(m.group()) for m in _NUMBER.finditer(text)}


def unsupported_numbers(reply: str, sources: Iterable[str]) -> list[str]:
    """Numbers of `reply` found in none of `sources`, in the order they appear."""
    known: set[str] = set()
    for source in sources:
        known |= numbers_in(source)
    body = _LIST_MARKER.sub(" ", reply)
    seen: list[str] = []
    for match in _NUMBER.finditer(body):
        number = _normal(match.group())
        if number not in known and number not in seen:
            seen.append(number)
    return seen

"""Recognizing "I don't know" in its many spellings.

A don't-know answer leaves the input to its benchmark assumption, so we must not mistake a
real answer for one: "not sure, maybe 3 days" has a number and is an answer.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Phrases that mean "don't know" wherever they appear ("honestly, no idea").
_PHRASES: Final = tuple(
    f" {phrase} "
    for phrase in (
        "dont know|do not know|didnt know|no idea|not sure|unsure|dunno|idk|cant say|cannot say"
        "|cant tell|couldnt say|couldnt tell|no clue|not a clue|havent a clue|hard to say"
        "|not known|no data|dont have the data|no way of knowing|not certain"
    ).split("|")
)
# Words that mean it only as the whole answer: "pass" but not "we pass 5 audits a year".
_WHOLE: Final = frozenset({"na", "pass", "skip", "unknown", "unsure", "?"})
_FILLER: Final = frozenset(
    "i im honestly frankly really sorry well um uh erm hmm so oh just to be honest tbh"
    " ill ok okay".split()
)
_NUMBER_WORDS: Final = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty"
    " forty fifty hundred thousand million dozen couple half once twice none never".split()
)


def is_dont_know(text: str) -> bool:
    """Whether an answer says the person doesn't know ("no idea", "n/a", "?", "pass").

    Case, punctuation and surrounding words are ignored ("Honestly, no idea!"); an answer
    with a number in it is never a don't-know ("not sure, maybe 3").
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    if re.search(r"[0-9]", text):
        return False
    text = re.sub(r"\bn/a\b", " na ", text).replace("'", "")
    words = re.findall(r"[a-z]+|\?", text)
    if any(word in _NUMBER_WORDS for word in words):
        return False
    joined = f" {' '.join(words)} "
    if any(phrase in joined for phrase in _PHRASES):
        return True
    rest = [word for word in words if word not in _FILLER]
    if rest and all(word == "?" for word in rest):
        return True
    return len(rest) == 1 and rest[0] in _WHOLE

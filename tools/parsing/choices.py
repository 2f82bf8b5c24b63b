"""Reading answers that pick one: a choice's option, yes / no / partly, a 1-5 scale.

Choice matching goes from strict to loose and stops at the first tier that finds something
("biweekly" never matches "weekly", and "twice weekly" beats "weekly"):

1. the label or an alias, ignoring case, punctuation and number words ("two" = "2");
2. the option's number ("2", "option 2"), unless labels themselves have digits;
3. a label or alias inside the answer ("we meet every week"); the longest wins;
4. the answer inside a label or alias, or a label starting with it ("fortnight").

Two options in one tier is ambiguous and refused, listing the options.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

from tools.parsing.display import format_number
from tools.parsing.errors import ParseError
from tools.parsing.numbers import is_number, normalize, tokenize
from tools.parsing.parsed import Choice

_HYPHEN: Final = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_OPTION_NUMBER: Final = re.compile(r"(?:option|number|no\.?|choice|#)?\s*([0-9]+)\.?")


def choice_key(text: str) -> tuple[str, ...]:
    """Words of a label or answer, for matching: "Every two weeks!" -> ("every", "2", "weeks")."""
    return tuple(
        format_number(t.value) if t.kind == "num" else t.text
        for t in tokenize(normalize(text))
        if t.kind != "sym"
    )


def variants(text: str) -> list[tuple[str, ...]]:
    """Keys of a text with hyphenated words joined ("bi-weekly": "biweekly") and split."""
    return list(dict.fromkeys((choice_key(_HYPHEN.sub("", text)), choice_key(text))))


def match_exact(text: str, choices: Sequence[Choice]) -> Choice | None:
    """The choice whose label or an alias is exactly the answer (ignoring case, punctuation)."""
    keys = set(variants(text))
    return next((choices[i] for i, key in _keys(choices) if key in keys), None)


def parse_choice(text: str, choices: Sequence[Choice]) -> Choice:
    """Match an answer to one of ``choices`` (see the module docstring for how).

    Raises:
        ParseError: No option matches, or more than one does; the message lists the options.
    """
    exact = match_exact(text, choices)
    if exact is not None:
        return exact
    options = ", ".join(c.label for c in choices)
    number = _OPTION_NUMBER.fullmatch(normalize(text))
    bare = number is not None and number.group(0) == number.group(1)
    if number is not None and not (bare and any(_has_digit(c.label) for c in choices)):
        index = int(number.group(1))
        if not 1 <= index <= len(choices):
            msg = f"There is no option {index}. Please pick one of: {options}."
            raise ParseError(msg)
        return choices[index - 1]
    for tier in (_contained_in_answer, _containing_answer):
        for answer in variants(text):
            found = tier(answer, choices)
            if len(found) == 1:
                return choices[found[0]]
            if found:
                labels = [choices[i].label for i in found]
                named = f"{', '.join(labels[:-1])} or {labels[-1]}"
                msg = f"“{_short(text)}” could mean {named}. Please pick one of: {options}."
                raise ParseError(msg)
    msg = f"“{_short(text)}” isn't one of the options. Please pick one of: {options}."
    raise ParseError(msg)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _keys(choices: Sequence[Choice]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """(option index, key) for every label and alias, in both hyphen variants."""
    return _option_keys(tuple(choices))


# A question's options are fixed, and tokenizing them was a tenth of a chat turn's CPU.
@lru_cache(maxsize=1024)
def _option_keys(choices: tuple[Choice, ...]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    return tuple(
        (i, key)
        for i, c in enumerate(choices)
        for name in (c.label, *c.aliases)
        for key in variants(name)
        if key
    )


def _contained_in_answer(answer: tuple[str, ...], choices: Sequence[Choice]) -> list[int]:
    """Options whose label or alias appears in the answer; a longer match hides a shorter one."""
    spans = [
        (i, start, start + len(key))
        for i, key in _keys(choices)
        for start in range(len(answer) - len(key) + 1)
        if answer[start : start + len(key)] == key
    ]
    kept = {
        i
        for i, start, end in spans
        if not any(j != i and s <= start and end <= e and e - s > end - start for j, s, e in spans)
    }
    return sorted(kept)


def _containing_answer(answer: tuple[str, ...], choices: Sequence[Choice]) -> list[int]:
    """Options whose label or alias contains the answer's words, or starts with it."""
    typed = " ".join(answer)
    found = set()
    for i, key in _keys(choices):
        inside = any(key[s : s + len(answer)] == answer for s in range(len(key) - len(answer) + 1))
        if answer and (inside or (len(typed) >= 3 and " ".join(key).startswith(typed))):
            found.add(i)
    return sorted(found)


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 40 else text[:39] + "…"


_PARTLY: Final = tuple(
    tuple(p.split())
    for p in (
        "partly partially partial sometimes somewhat occasionally kinda sorta some half"
        " halfway mixed patchy depends inconsistent inconsistently"
    ).split()
) + tuple(
    tuple(p.split())
    for p in (
        "in some|in parts|in part|in places|kind of|sort of|to some extent|yes and no|a bit"
        "|not always|not fully|not entirely|not completely|not everywhere|more or less"
        "|getting there|in progress"
    ).split("|")
)
_NO: Final = tuple(
    (w,) for w in "no n nope nah false not never negative none nothing incorrect hardly".split()
)
_YES: Final = tuple(
    tuple(p.split())
    for p in (
        "yes|y|yeah|yea|yep|yup|ya|aye|true|correct|right|absolutely|definitely|certainly"
        "|sure|indeed|affirmative|mostly|always|totally|ok|okay|largely|of course|we do"
        "|we have|we are|i think so|think so"
    ).split("|")
)
# A plain yes stays yes before "not" ("yes, not a problem"); "absolutely not" is a no.
_PLAIN_YES: Final = frozenset({("yes",), ("y",), ("yeah",), ("yea",), ("yep",), ("yup",), ("ya",)})
_YES_NO_HELP: Final = "Please answer yes, no or partly."


def parse_yes_no(text: str) -> float:
    """Read yes (1.0), no (0.0) or partly (0.5).

    A hedge anywhere makes it partly ("yes, in some areas"); otherwise the first yes or no
    decides ("no, but we plan to" is no), and an emphatic yes followed by "not" is a no
    ("absolutely not", "we don't").

    Raises:
        ParseError: Neither yes, no nor partly.
    """
    words = re.sub(r"n't\b", " not", normalize(text).replace("can't", "can not"))
    tokens = tuple(re.findall(r"[a-z]+", words))
    if any(_at(tokens, i, p) for p in _PARTLY for i in range(len(tokens))):
        return 0.5
    for i in range(len(tokens)):
        if any(_at(tokens, i, p) for p in _NO):
            return 0.0
        for phrase in _YES:
            if _at(tokens, i, phrase):
                negated = phrase not in _PLAIN_YES and _at(tokens, i + len(phrase), ("not",))
                return 0.0 if negated else 1.0
    msg = f"“{_short(text)}” isn't a yes or a no. {_YES_NO_HELP}"
    raise ParseError(msg)


def _at(tokens: tuple[str, ...], i: int, phrase: tuple[str, ...]) -> bool:
    return tokens[i : i + len(phrase)] == phrase


def parse_scale(text: str) -> float:
    """Read a 1-5 rating: "4", "4/5", "4 out of 5", "four", "a 4", "4 - mostly".

    Raises:
        ParseError: No number, several numbers, not whole, or off the 1-5 scale.
    """
    tokens = tokenize(normalize(text))
    numbers = [i for i, t in enumerate(tokens) if is_number(t)]
    texts = [t.text for t in tokens]
    # "4/5", "4 out of 5", "4 of 5": the second number must be the scale's top.
    if len(numbers) == 2 and texts[numbers[0] + 1 : numbers[1]] in (["/"], ["out", "of"], ["of"]):
        if tokens[numbers[1]].value != 5:
            top = format_number(tokens[numbers[1]].value)
            msg = f"This is a 1-5 scale, not out of {top}. Please pick a number from 1 to 5."
            raise ParseError(msg)
        numbers = numbers[:1]
    if not numbers:
        msg = f"I couldn't find a number in “{_short(text)}”. Please pick one from 1 to 5."
        raise ParseError(msg)
    if len(numbers) > 1 or "%" in texts:
        msg = f"Please pick one number from 1 to 5 (not “{_short(text)}”)."
        raise ParseError(msg)
    index = numbers[0]
    value = tokens[index].value
    if index > 0 and texts[index - 1] == "-" and value:
        msg = "Negative numbers aren't on the scale. Please pick one from 1 to 5."
        raise ParseError(msg)
    if value != round(value):
        msg = f"Please pick a whole number from 1 to 5, not {format_number(value)}."
        raise ParseError(msg)
    if not 1 <= value <= 5:
        msg = f"{format_number(value)} is off the scale. Please pick a number from 1 to 5."
        raise ParseError(msg)
    return value

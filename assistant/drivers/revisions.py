"""Changing an earlier answer: "change my answer to 5 days", "actually it's 40k", "I meant 3".

Recognized openings (after padding such as "sorry," or "ok so"):

- a verb with "to": "change|update|edit|amend|revise|correct|set|switch <what> to <value>",
  where <what> is "my answer", "it", "that" (the last answer) or names a question ("decision
  wait", "the hiring one", "my answer on time to hire");
- "correction: <value>", "correction on <what>: <value>";
- "actually <value>", "actually it's (more like) <value>", "actually <what> is <value>";
- "I meant <value>", "make that|it <value>".

"to" also joins a range ("40 to 60 days"), so the split is the first "to" after which no
other "to" follows a word: "change time to hire to 40 to 60 days" -> ("time to hire",
"40 to 60 days").
"""

from __future__ import annotations

import re
from typing import Final

from assistant.drivers.parsed_intent import Intent, ParsedIntent

_PAD: Final = re.compile(
    r"^(?:(?:ok(?:ay)?|so|sorry|oops|whoops|hmm+|um+|uh+|well|oh|right|please|no wait|wait)"
    r"\b[\s,.;:!-]*)+",
    re.IGNORECASE,
)
_VERB: Final = re.compile(
    r"(?:(?:i(?:'d| would)?|we(?:'d| would)?) (?:like|want|need) to "
    r"|(?:can|could|may) (?:i|we|you) |let me |please )?"
    r"(?:change|update|edit|amend|revise|correct|set|switch)\s+(?P<rest>.+)",
    re.IGNORECASE,
)
_CORRECTION: Final = re.compile(
    r"(?:correction|correcting|amendment|typo)\b(?:\s+(?:on|for)\s+(?P<target>[^:=,]+?)\s*[:=,-]"
    r"|\s*[:=,-]|\s+to\b|\s)\s*(?P<value>.+)",
    re.IGNORECASE,
)
_ACTUALLY: Final = re.compile(r"actually\b[\s,:;.!-]*(?P<rest>.+)", re.IGNORECASE)
_MEANT: Final = re.compile(
    r"(?:i meant(?: to say)?|make (?:that|it)|it should have been|that should have been)\b"
    r"[\s,:;-]*(?P<value>.+)",
    re.IGNORECASE,
)
_PRONOUN: Final = re.compile(
    r"(?:it|that|this)(?:'s|s| is| was| should be| would be|'d be| will be)\s+(?P<value>.+)",
    re.IGNORECASE,
)
_NAMED: Final = re.compile(
    r"(?P<target>(?:\S+\s+){0,4}?\S+)\s+(?:is|was|are|were|should be|takes|took)\s+"
    r"(?P<value>.+)",
    re.IGNORECASE,
)
_ANSWER_WORDS: Final = re.compile(
    r"(?:(?:my|the|that|your) )?(?:(?:last|previous|latest) )?(?:answer|one|question|response"
    r"|number|figure|value|amount|estimate)"
    r"(?:\s+(?:on|for|about|to|of|re)\s+(?P<named>.+))?",
    re.IGNORECASE,
)
_LAST: Final = frozenset({"it", "that", "this", "mine", "that one", "this one", "the last one"})
_LEAD_VALUE: Final = re.compile(
    r"^(?:more like|closer to|nearer to|nearer|more|really|like|rather)\s+", re.IGNORECASE
)
_TAIL: Final = re.compile(
    r"(?:[\s,;]+(?:not|instead of|rather than)\b.*|[\s,;]+instead|[\s,;]+(?:please|thanks"
    r"|thank you))+$|[\s.!?,;]+$",
    re.IGNORECASE,
)
# What ends the low side of a range: "40", "40k", "$5", "15%", "3 days".
_RANGE_TO: Final = re.compile(
    r"(?:[0-9][0-9.,]*[kmb]?|[%$€£¥]|\b(?:hours?|days?|weeks?|months?|years?))\s*$", re.I
)
# A phrase that points at an answer rather than at a topic ("the hiring one").
_POINTS_AT_ANSWER: Final = re.compile(
    r"\b(?:answer|one|question|response|number|figure|value|estimate)\b", re.I
)
_DIGIT: Final = re.compile(r"[0-9]")


def revision(text: str, *, free_text: bool = False) -> ParsedIntent | None:
    """Read a request to change an earlier answer from cleaned text, or None if it isn't one.

    A named question is believed only when it points at an answer ("the hiring one", "my
    answer on hiring") or the new value has a number: "change approvals to a weekly
    cadence" is more likely a free-text answer than a correction. While a free-text question
    is pending (``free_text``), a number is not enough ("Update the ERP to SAP by 2025" is an
    answer) and "actually ..." needs one ("Actually it's mostly approvals" is an answer).

    Returns:
        REVISE with the new value as payload ("" when none was given) and the question
        named as target (None for the last answer); BACK for a bare "change my answer";
        payloads of other intents are left empty for the caller to fill.
    """
    text = _PAD.sub("", text).strip()
    if (found := _VERB.fullmatch(text)) is not None:
        return _from_verb(found.group("rest"), strict=free_text)
    if (found := _CORRECTION.fullmatch(text)) is not None:
        return _revise(found.group("value"), found.group("target"), strict=free_text)
    if (found := _MEANT.fullmatch(text)) is not None:
        return _revise(found.group("value"), None, strict=free_text)
    if (found := _ACTUALLY.fullmatch(text)) is not None:
        rest = found.group("rest")
        if free_text and not _DIGIT.search(rest):
            return None
        return _from_actually(rest)
    return None


def _from_verb(rest: str, *, strict: bool) -> ParsedIntent | None:
    split = _split_to(rest)
    if split is not None:
        return _revise(split[1], split[0], strict=strict)
    answer = _ANSWER_WORDS.fullmatch(rest.strip(" .!?,;:"))
    if answer is None:
        # "change the process" is not about an answer; let the other rules have it.
        return None
    named = answer.group("named")
    if named is None:
        # "change my answer" with no new value: take them back to re-answer it.
        return ParsedIntent(Intent.BACK, "")
    return ParsedIntent(Intent.REVISE, "", _target(named))


def _from_actually(rest: str) -> ParsedIntent | None:
    if (pronoun := _PRONOUN.fullmatch(rest)) is not None:
        return _revise(pronoun.group("value"), None, strict=False)
    named = _NAMED.fullmatch(rest)
    if named is not None:
        revised = _revise(named.group("value"), named.group("target"), strict=False)
        if revised is not None:
            return revised
    # "actually, no", "actually about 5 days" correct a value; "actually the real issue is
    # approvals" is a sentence, most likely a free-text answer.
    if _DIGIT.search(rest) or len(rest.split()) <= 3:
        return _revise(rest, None, strict=False)
    return None


def _split_to(rest: str) -> tuple[str, str] | None:
    """Split "<what> to <value>" at the first "to" not followed by a word-joined "to"."""
    positions = [m.start() for m in re.finditer(r"\s+to\s+", rest, re.IGNORECASE)]
    for position in positions:
        value = rest[position:].strip()[2:].strip()
        later = [m.start() for m in re.finditer(r"\s+to\s+", value, re.IGNORECASE)]
        # Every later "to" must join a range: "40 to 60 days", "3 days to 2 weeks".
        if value and all(_RANGE_TO.search(value[:at]) for at in later):
            return rest[:position].strip(), value
    return None


def _revise(value: str, target: str | None, *, strict: bool) -> ParsedIntent | None:
    value = _TAIL.sub("", _LEAD_VALUE.sub("", value.strip())).strip()
    if not value:
        return None
    named = _target(target)
    pointed = _POINTS_AT_ANSWER.search(target or "") is not None
    if named is not None and not (pointed or (not strict and _DIGIT.search(value))):
        return None
    return ParsedIntent(Intent.REVISE, value, named)


def _target(phrase: str | None) -> str | None:
    """The question a phrase names, or None for "my answer", "it", "that" (the last one)."""
    if phrase is None:
        return None
    phrase = phrase.strip(" .!?,;:\"'")
    answer = _ANSWER_WORDS.fullmatch(phrase)
    if answer is not None:
        phrase = (answer.group("named") or "").strip(" .!?,;:\"'")
    if not phrase or phrase.lower() in _LAST:
        return None
    return phrase

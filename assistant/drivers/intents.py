"""Deciding what a respondent's message means while an interview question may be pending.

Offline and deterministic: word patterns and the answer parser, no model. Precedence, first
match wins (each step is why the next one can be loose):

1. A message that *is* a command: "skip", "can we go back", "let's continue later", "how many
   left", "help", "?" (``commands.whole_command``). An answer never looks like one of these.
2. A scenario to price: "what if approvals took 1 day?" (WHAT_IF). Then a question for the
   knowledge base or the evidence: "what is decision latency?", "what did
   ops say about handoffs?" (``lookups``), then one about results: "what's our biggest drag?",
   "why hiring?", "show me the breakdown" (``results.result_question``).
3. A correction of an earlier answer: "change my answer to 5 days", "actually it's 40k"
   (``revisions.revision``).
4. Don't know ("no idea", "not sure"): DONT_KNOW, but ANSWER for a choice question, whose
   options may include "Don't know" (the engine re-asks if none matches).
5. A greeting or thanks alone, unless it answers the pending yes/no or choice ("ok" = yes).
6. A command phrase inside a longer message ("sorry, gotta run", "I'd rather not say that"):
   the command, unless the message also answers the pending question and has words beyond
   the command. So "2, skip the rest" records 2 (one intent per message; the person sees
   the next question and can say "pause" again) while "not now, gotta run" pauses.
7. Otherwise ANSWER. While a question is pending it is parsed (and re-asked if unreadable);
   with nothing pending the engine replies ``not_understood``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Final, get_args

from assistant.drivers.commands import contained_command, is_greeting, whole_command
from assistant.drivers.domains import match_domain
from assistant.drivers.governance_chat import governance_entry, governance_question
from assistant.drivers.lookups import lookup_question
from assistant.drivers.normalize import Words, clean_text, has_content, has_emoji, words_of
from assistant.drivers.parsed_intent import Intent, ParsedIntent
from assistant.drivers.results import result_question
from assistant.drivers.revisions import revision
from tools.parsing import Choice, ParseError, QuestionType, is_dont_know, parse_answer
from tools.parsing.units import check_unit

__all__ = ["Intent", "ParsedIntent", "classify", "match_domain"]

# Longer than any command or question about results; a longer message is an answer (or, with
# nothing pending, not understood). Also bounds the matching work on pasted text.
MAX_COMMAND: Final = 300
_TYPES: Final[dict[str, QuestionType]] = {qtype: qtype for qtype in get_args(QuestionType)}
# A scenario to price ("what if approvals took 1 day?"): never an answer to a question.
_WHAT_IF: Final = re.compile(
    r"(?:so |and |but |ok )?(?:what if|whatif|what would happen if|what happens if"
    r"|imagine if|suppose(?: that)?) (?:we |our |the )?[^\W\d]"
)


def classify(
    text: str,
    *,
    awaiting_answer: bool,
    question_type: str | None = None,
    unit: str | None = None,
    choices: Sequence[Choice] = (),
) -> ParsedIntent:
    """Decide what a message means (see the module docstring for the order of the rules).

    Case, punctuation, emoji and polite padding ("please", "ok so", "hmm") are ignored.

    Args:
        text: The message as typed.
        awaiting_answer: Whether a question is pending.
        question_type: The pending question's type ("count", "yes_no", "choice" ...); None or
            an unknown type means answers can't be checked, so any wording may be one.
        unit: The pending question's unit, for checking that a message reads as an answer.
        choices: The pending choice question's options, for the same check.

    Returns:
        The intent with its payload and target (see ``ParsedIntent``).

    Raises:
        ValueError: ``unit`` is not a unit of ``question_type`` (a question-definition bug).
            Never for anything in ``text``.
    """
    if awaiting_answer and question_type in _TYPES:
        check_unit(question_type, unit)
    answer = ParsedIntent(Intent.ANSWER, text)
    if len(text) > MAX_COMMAND:
        return answer
    words = words_of(text)
    if not words.all:
        return _wordless(text, words, awaiting_answer=awaiting_answer)
    command = whole_command(words.core, awaiting_answer=awaiting_answer)
    if command is not None:
        return ParsedIntent(command, text)
    if (asked := _asked(words, text)) is not None:
        return replace(asked, payload=text)
    free_text = awaiting_answer and question_type == "text"
    if (revised := revision(clean_text(text), free_text=free_text)) is not None:
        return revised if revised.intent is Intent.REVISE else replace(revised, payload=text)
    if is_dont_know(text):
        choosing = awaiting_answer and question_type == "choice"
        return answer if choosing else ParsedIntent(Intent.DONT_KNOW, text)
    greeting = is_greeting(words.all) or is_greeting(words.core)
    contained = contained_command(words.core)
    if not greeting and contained is None:
        return answer  # most answers end here, unparsed: the driver parses them once
    # A greeting or a command word inside the message: an answer only if it reads as one.
    reads = _reads_as_answer(text, question_type, unit, choices) if awaiting_answer else False
    if greeting and not (reads and question_type != "text"):
        return ParsedIntent(Intent.GREETING, text)
    if contained is None:
        return answer
    intent, rest = contained
    # None means "can't tell" (free text, unknown type): an answer if words are left over.
    if awaiting_answer and reads is not False and has_content(rest):
        return answer
    return ParsedIntent(intent, text)


def _wordless(text: str, words: Words, *, awaiting_answer: bool) -> ParsedIntent:
    """A message without words: "?" alone asks for help; an emoji alone (with nothing to
    answer) is a nod; anything else is left to the answer parser."""
    if words.question:
        return ParsedIntent(Intent.HELP, text)
    nod = not awaiting_answer and has_emoji(text)
    return ParsedIntent(Intent.GREETING if nod else Intent.ANSWER, text)


def _asked(words: Words, text: str) -> ParsedIntent | None:
    """A governance entry ("seam: …"), a scenario to price, a knowledge or evidence lookup,
    or a question about governance or results."""
    if (entry := governance_entry(text)) is not None:
        return entry
    if _WHAT_IF.match(words.core):
        return ParsedIntent(Intent.WHAT_IF, "", match_domain(words.core))
    return lookup_question(words) or governance_question(words) or result_question(words)


def _reads_as_answer(
    text: str, question_type: str | None, unit: str | None, choices: Sequence[Choice]
) -> bool | None:
    """Whether the text parses as an answer to the pending question; None when unknowable."""
    qtype = _TYPES.get(question_type or "")
    if qtype is None or qtype == "text" or (qtype == "choice" and not choices):
        return None
    try:
        return parse_answer(text, qtype=qtype, unit=unit, choices=choices) is not None
    except ParseError:
        return False

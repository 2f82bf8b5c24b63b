"""What the intent classifier gives: the intent of a message and the text it carries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Intent(StrEnum):
    """What a respondent means by a message.

    ``ANSWER`` is the default: while a question is pending it is an answer to parse; with no
    question pending it is text we did not understand (reply ``not_understood``).
    """

    ANSWER = "answer"
    SKIP = "skip"
    DONT_KNOW = "dont_know"
    BACK = "back"
    REVISE = "revise"
    PAUSE = "pause"
    RESUME = "resume"
    STATUS = "status"
    HELP = "help"
    BIGGEST_DRAG = "biggest_drag"
    WHY = "why"
    LEAKS = "leaks"
    TREND = "trend"
    GREETING = "greeting"
    DEFINE = "define"
    EVIDENCE = "evidence"
    WHAT_IF = "what_if"
    GOVERNANCE = "governance"
    GOVERNANCE_ENTRY = "governance_entry"


@dataclass(frozen=True, slots=True)
class ParsedIntent:
    """A classified message.

    Attributes:
        intent: What the message means.
        payload: For ANSWER the text to parse; for REVISE the new value ("5 days"), or ""
            when none was given ("change my answer on hiring"); otherwise the message itself.
        target: For REVISE a phrase naming the question ("decision wait", "the hiring one"),
            None meaning the last one answered; for WHY a domain key, None when no domain
            was named; for EVIDENCE the department asked about ("operations"), None for
            everyone; for WHAT_IF the domain named, if any; for GOVERNANCE the output asked
            about (constraint, seams, decisions, initiatives, ai); for GOVERNANCE_ENTRY the
            entry kind (seam, decision, constraint); None for every other intent.
    """

    intent: Intent
    payload: str
    target: str | None = None

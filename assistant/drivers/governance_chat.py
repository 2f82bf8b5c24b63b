"""Governance in the chat: "seam: Ops -> Transport: …" records an entry in the speaker's name;
"what's our constraint?", "show the seam map", "rank the initiatives" answer with the outputs.

Entries need their kind and a colon first ("seam:", "handoff:", "decision:", "constraint:"),
so no interview answer is ever taken for one. Questions need a topic word and the shape of a
question (a question mark, or a question or request word first), like result questions.
"""

from __future__ import annotations

import re
from typing import Final

from assistant.drivers.normalize import Words
from assistant.drivers.parsed_intent import Intent, ParsedIntent
from tools import Store, governance
from tools.access import Caller
from tools.errors import AnswerRejected
from tools.governance.entries import EntryView
from tools.governance.render import (
    ai_lines,
    constraint_lines,
    decision_lines,
    investment_lines,
    seam_lines,
)
from tools.interview import AddGovernanceEntry, EntryRecorded, Outcome

_ENTRY: Final = re.compile(r"^\s*(seam|handoff|decision|constraint)\s*:\s*(\S.*)$", re.I | re.S)
_KINDS: Final = {"seam": "seam", "handoff": "seam", "decision": "decision"}
_OPENERS: Final = frozenset(
    "what whats where wheres which who how show tell give list rank can could".split()
)
_TOPICS: Final = (
    ("constraint", re.compile(r"\b(?:constraints?|bottlenecks?)\b")),
    ("seams", re.compile(r"\b(?:seams?|seam (?:map|risks?)|handoff map)\b")),
    ("decisions", re.compile(r"\b(?:decision rights|who decides|decision cadence)\b")),
    ("initiatives", re.compile(r"\b(?:initiatives|investment (?:sequence|plan|ranking))\b")),
    ("ai", re.compile(r"\b(?:ai velocity|scal(?:e|es|ing) ai|ai scales?)\b")),
)


def governance_entry(text: str) -> ParsedIntent | None:
    """'seam: Ops -> Transport: 6 a month, $4k each' -> an entry of that kind."""
    found = _ENTRY.match(text)
    if found is None:
        return None
    kind = _KINDS.get(found.group(1).lower(), "constraint")
    return ParsedIntent(Intent.GOVERNANCE_ENTRY, found.group(2).strip(), kind)


def governance_question(words: Words) -> ParsedIntent | None:
    """A question about one governance output, with the topic as the target."""
    first = words.core.split(" ", 1)[0] if words.core else ""
    if not (words.question or first in _OPENERS):
        return None
    for topic, pattern in _TOPICS:
        if pattern.search(words.core):
            return ParsedIntent(Intent.GOVERNANCE, words.core, topic)
    return None


def entry_action(parsed: ParsedIntent) -> AddGovernanceEntry:
    """The entry a message asks to record, for tools to apply in the interview's turn."""
    # The classifier hands over the whole message; the entry is what follows "seam:".
    return AddGovernanceEntry(
        parsed.target or "seam", (governance_entry(parsed.payload) or parsed).payload
    )


def entry_reply(outcome: Outcome) -> str:
    """What recording the entry did, in words."""
    if not isinstance(outcome, EntryRecorded):
        msg = f"expected an entry's outcome, got {type(outcome).__name__}"
        raise TypeError(msg)
    if outcome.entry is None:
        example = f" For example: _{outcome.kind}: {outcome.example}_" if outcome.example else ""
        return f"I couldn't record that {outcome.kind}: {outcome.problem}.{example}"
    return _recorded(outcome.kind, outcome.entry)


def _recorded(kind: str, entry: EntryView) -> str:
    shown = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in entry.data.items())
    return f"Recorded your {kind} ({shown})."


def record_entry(store: Store, caller: Caller, parsed: ParsedIntent) -> str:
    """Record the entry as the speaker's, outside any interview (its own transaction)."""
    action = entry_action(parsed)
    try:
        entry = governance.add_entry(
            store,
            caller,
            caller.org_id,
            action.kind,
            text=action.text,
            respondent_id=caller.respondent_id,
        )
    except AnswerRejected as exc:
        example = f" For example: _{action.kind}: {exc.example}_" if exc.example else ""
        return f"I couldn't record that {action.kind}: {exc.message}.{example}"
    return _recorded(action.kind, entry)


def governance_reply(store: Store, caller: Caller, topic: str | None) -> str:
    report = governance.report(store, caller, caller.org_id)
    cur = report.score.currency
    lines = {
        "constraint": lambda: constraint_lines(report.constraint, cur),
        "seams": lambda: seam_lines(report.seams, cur),
        "decisions": lambda: decision_lines(report.decisions, cur),
        "initiatives": lambda: investment_lines(report.investments, cur),
        "ai": lambda: ai_lines(report.ai_velocity),
    }.get(topic or "constraint", lambda: constraint_lines(report.constraint, cur))()
    return "\n".join(lines)

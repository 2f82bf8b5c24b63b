"""The rules driver's replies to knowledge and evidence questions, and quotes under a figure."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.drivers.lookups import evidence_question
from assistant.drivers.normalize import words_of
from prompts import render
from scoring.catalog import DOMAIN_LABELS
from tools import Store
from tools.access import Caller
from tools.knowledge import (
    KnowledgeService,
    KnowledgeUnavailable,
    Quote,
    find_evidence,
    search_knowledge,
)

MAX_QUOTE_CHARS = 280
# Below this cosine the best passage is unrelated to the question (MiniLM scores unrelated
# text around 0.0–0.15): saying "nothing found" beats quoting a random glossary entry.
MIN_SCORE = 0.2


def _unavailable() -> KnowledgeUnavailable:
    return KnowledgeUnavailable("no knowledge index is configured for this assistant")


def define(knowledge: KnowledgeService | None, text: str) -> str:
    """The passage that best answers "what is X?", with related documents named."""
    if knowledge is None:
        raise _unavailable()
    hits = search_knowledge(knowledge, text, k=3)
    if not hits or hits[0].score < MIN_SCORE:
        return render("knowledge_none", topic=text.strip().rstrip("?"))
    best = hits[0]
    kind = best.kind
    if best.domain in DOMAIN_LABELS:
        kind = f"{kind}, {DOMAIN_LABELS[best.domain]}"
    related = [h.title for h in hits[1:] if h.score >= MIN_SCORE]
    return render(
        "knowledge",
        title=best.title,
        kind=kind,
        text=best.text,
        related=f"Related: {' · '.join(related)}" if related else f"Source: {best.source}",
    )


def evidence(knowledge: KnowledgeService | None, store: Store, caller: Caller, text: str) -> str:
    """What people said about a topic, optionally one department's people."""
    if knowledge is None:
        raise _unavailable()
    asked = evidence_question(words_of(text))
    topic = asked.topic if asked else text
    department = asked.department if asked else None
    quotes = find_evidence(knowledge, store, caller, topic, department=department, k=5)
    if not quotes:
        whom = f" from {department.title()}" if department else ""
        return render("evidence_none", topic=topic, whom=whom)
    return render("evidence", topic=topic, quotes=quote_lines(quotes))


def quote_lines(quotes: Sequence[Quote]) -> str:
    return "\n".join(f"• “{_clip(q.text)}” — {q.speaker}" for q in quotes)


def with_quotes(reply: str, quotes: Sequence[Quote]) -> str:
    """A figure's reply with what people said under it, when anyone said anything."""
    if not quotes:
        return reply
    return f"{reply}\n\n{render('quotes', quotes=quote_lines(quotes))}"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_QUOTE_CHARS:
        return text
    return text[: MAX_QUOTE_CHARS - 1].rsplit(" ", 1)[0] + "…"

"""Naming a domain in free words: "hiring", "the handoffs", "AI" -> a domain key.

Matching is on whole words, so "ai" never matches inside "said" and "risk" or "alignment"
alone, which fit two domains each, match nothing. The longest phrase found wins
("decision cadence" is organizational alignment, not the "decision" of leadership
bandwidth); on a tie, the one named first.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from scoring import DOMAINS

_ALIASES: Final[dict[str, str]] = {
    "leadership_bandwidth": (
        "leadership|leaders|leader|bandwidth|decision|decisions|decision making|decision latency"
        "|approval|approvals|approval drag|escalation|escalations|escalated decisions|sign off"
        "|sign offs|signoff|signoffs|reconciliation|reconciling numbers"
    ),
    "cross_functional_alignment": (
        "cross functional|crossfunctional|cross functional alignment|handoff|handoffs|hand off"
        "|hand offs|silo|silos|interdepartmental|between departments|sequencing|kpi conflict"
        "|kpi conflicts"
    ),
    "hiring_friction": (
        "hiring|hire|hires|hiring friction|vacancy|vacancies|recruiting|recruitment|open roles"
        "|open role|open positions|time to fill|time to hire|ramp up|turnover"
    ),
    "training_roi": "training|trainings|training roi|skills|skill gaps|skills gap|safety",
    "knowledge_transfer": (
        "knowledge|knowledge transfer|tribal|tribal knowledge|know how|knowhow|documentation"
        "|single point of failure|single points of failure|key person|key people"
    ),
    "ai_readiness": (
        "ai|a i|artificial intelligence|automation|automate|upskilling|upskill|ai readiness"
        "|upskilling ai readiness|digital|workarounds|change initiatives"
    ),
    "internal_risk": (
        "internal|internal risk|internal risks|internal risk management|compliance|exception"
        "|exceptions|audit|audits|audit findings|controls|overrides"
    ),
    "organizational_alignment": (
        "org alignment|organizational alignment|organisational alignment|organization alignment"
        "|organisation alignment|incentives|incentive|ownership|accountability|cadence"
        "|decision cadence|conflicting goals|conflicting targets"
    ),
    "external_risk": (
        "external|external risk|external risks|external risk management|supplier|suppliers"
        "|vendor|vendors|supply disruption|cyber|cybersecurity|cyber security|breach|ransomware"
        "|regulatory|regulation|regulations|third party"
    ),
}
_WORD: Final = re.compile(r"[^\W_]+")


def match_domain(text: str) -> str | None:
    """The domain key named in free words, or None when none (or no single one) is named.

    >>> match_domain("why is leadership first?")
    'leadership_bandwidth'
    >>> match_domain("the handoffs")
    'cross_functional_alignment'
    >>> match_domain("risk") is None
    True
    """
    tokens = _WORD.findall(text.lower().replace("'", "").replace("’", ""))
    best: tuple[int, int, str] | None = None  # (-length, start, key): smallest wins
    by_first = _phrases_by_first_word()
    for start, token in enumerate(tokens):
        for phrase, key in by_first.get(token, ()):
            if tuple(tokens[start : start + len(phrase)]) == phrase:
                candidate = (-len(phrase), start, key)
                best = candidate if best is None else min(best, candidate)
    return None if best is None else best[2]


@cache
def _phrases_by_first_word() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Every alias, key and label as a word tuple with its domain key, by its first word (it
    runs on every chat message: each word is checked against the phrases it can start)."""
    phrases: dict[tuple[str, ...], str] = {}
    for domain in DOMAINS:
        names = [domain.key, domain.label, *_ALIASES[domain.key].split("|")]
        for name in names:
            phrases[tuple(_WORD.findall(name.lower()))] = domain.key
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, key in phrases.items():
        grouped.setdefault(phrase[0], []).append((phrase, key))
    return {word: tuple(group) for word, group in grouped.items()}

"""Questions for the knowledge base and the evidence: "what is decision latency?", "what did ops
say about handoffs?".

They are checked before questions about results, because "what is decision latency?" names a
leadership-bandwidth phrase and would otherwise read as "explain that domain's figure". What
stays a result question: anything about *our* figures ("what's our biggest drag?", "what is
the total?") and a domain named by itself ("what is hiring friction?" explains its figure).

Patterns run on ``Words.core`` (lower case, no punctuation or apostrophes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from assistant.drivers.normalize import Words
from assistant.drivers.parsed_intent import Intent, ParsedIntent
from scoring import DOMAINS

_SAID: Final = re.compile(
    r"^(?:what|how) (?:did|do|does|have|has) (?P<who>.+?) (?:say|said|think|thought|mention"
    r"|mentioned|tell us|told us|report|reported|write|wrote)(?: about| on| regarding| re)?"
    r"(?: (?P<topic>.+))?$"
    r"|^(?:what was|what has been|what s been|whats been|what is being|whats being) said"
    r"(?: by (?P<who2>.+?))?(?: about| on| regarding) (?P<topic2>.+)$"
    r"|^(?:any |show me |show |find |give me )?(?:quotes|evidence|comments|what people said)"
    r"(?: from (?P<who3>.+?))? (?:about|on|regarding|for) (?P<topic3>.+)$"
)
_MEANING: Final = re.compile(
    r"^(?:what does|what do) (?P<a>.+?) mean$"
    r"|^(?:what is meant by|what do you mean by|what does it mean by|meaning of|the meaning of"
    r"|define|definition of|explain the term|whats the meaning of|what is the meaning of)"
    r" (?P<b>.+)$"
    r"|^(?:how (?:is|are|do you|does oiar) (?P<c>.+?) (?:calculated|computed|priced|measured"
    r"|estimated|worked out|price|calculate|compute|measure))$"
    r"|^(?:how (?:do|can|should|could) (?:we|i|you|companies|operators|teams) (?:reduce|fix"
    r"|improve|cut|handle|stop|prevent|avoid|lower|deal with|tackle|address|shorten|speed up)"
    r"|what (?:can|should|do) (?:we|operators|companies|teams) do about|playbook for"
    r"|best practices? for) (?P<d>.+)$"
)
_WHAT_IS: Final = re.compile(r"^(?:what is|whats|what are|what re|what s) (?P<term>.+)$")
# A "what is …" about our own figures is a result question, not a definition.
_OURS: Final = re.compile(
    r"\b(?:our|ours|we|us|my|i|biggest|largest|worst|top|total|totals|score|scores|result"
    r"|results|breakdown|most|behind|driving|drives|first|ranking|rank|number one|leaks?"
    r"|losing|status|left|next|progress)\b"
)
_ARTICLE: Final = re.compile(r"^(?:a|an|the|this|that) ")
_EVERYONE: Final = frozenset(
    "people everyone everybody they leaders respondents anyone anybody folks others".split()
)
# What people call a department -> how the store usually spells it (compared lower-cased).
_DEPARTMENTS: Final[dict[str, str]] = {
    "ops": "operations",
    "operation": "operations",
    "hr": "people",
    "human resources": "people",
    "fin": "finance",
    "accounting": "finance",
    "supply": "supply chain",
    "procurement": "supply chain",
    "purchasing": "supply chain",
    "tech": "it",
    "technology": "it",
    "commercial": "sales",
}


@dataclass(frozen=True, slots=True)
class EvidenceQuestion:
    topic: str
    department: str | None


def _domain_names() -> frozenset[str]:
    names = {d.key.replace("_", " ") for d in DOMAINS}
    names |= {re.sub(r"[^\w ]", " ", d.label.lower()) for d in DOMAINS}
    return frozenset(" ".join(n.split()) for n in names)


_DOMAIN_NAMES: Final = _domain_names()


def department_of(who: str) -> str | None:
    """'ops' -> 'operations'; None when it means everyone ('people', 'the leaders')."""
    who = _ARTICLE.sub("", who.strip())
    who = re.sub(r"^(?:the |our |people in |folks in |someone in |anyone in )", "", who)
    who = re.sub(r" (?:team|teams|department|dept|people|folks|leaders|leadership)$", "", who)
    if not who or who in _EVERYONE:
        return None
    return _DEPARTMENTS.get(who, who)


def evidence_question(words: Words) -> EvidenceQuestion | None:
    """ "what did ops say about handoffs to transport" -> topic and department."""
    match = _SAID.match(words.core)
    if match is None:
        return None
    groups = match.groupdict()
    who = groups["who"] or groups["who2"] or groups["who3"] or ""
    topic = groups["topic"] or groups["topic2"] or groups["topic3"] or ""
    department = department_of(who)
    return EvidenceQuestion(topic=topic.strip() or who, department=department)


def knowledge_term(words: Words) -> str | None:
    """The term or topic a definition or how-to question asks about, or None."""
    core = words.core
    match = _MEANING.match(core)
    if match is not None:
        return next(g for g in match.groups() if g)
    match = _WHAT_IS.match(core)
    if match is None:
        return None
    term = _ARTICLE.sub("", match.group("term")).strip()
    if not term or _OURS.search(term) or term in _DOMAIN_NAMES:
        return None
    return term


def lookup_question(words: Words) -> ParsedIntent | None:
    """EVIDENCE (target: the department, None for everyone) or DEFINE, else None.

    The payload is left empty for the caller to fill with the original message.
    """
    said = evidence_question(words)
    if said is not None:
        return ParsedIntent(Intent.EVIDENCE, "", said.department)
    if knowledge_term(words) is not None:
        return ParsedIntent(Intent.DEFINE, "")
    return None

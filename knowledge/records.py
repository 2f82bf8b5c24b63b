"""What the index stores and returns, as plain records: importable without chromadb (which
takes about a second to import), so a chat turn can queue evidence without loading it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class KnowledgeHit:
    doc_id: str
    title: str
    kind: str
    domain: str
    text: str
    source: str
    score: float


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One respondent's current free text on one question."""

    org_id: str
    respondent_id: str
    department: str
    question_id: str
    domain: str
    text: str
    # The question asked: embedded with the text so a quote is found by its topic too.
    context: str = ""
    event_id: int = 0

    @property
    def id(self) -> str:
        return evidence_id(self.org_id, self.respondent_id, self.question_id)


@dataclass(frozen=True, slots=True)
class EvidenceHit:
    respondent_id: str
    department: str
    question_id: str
    domain: str
    text: str
    score: float


def evidence_id(org_id: str, respondent_id: str, question_id: str) -> str:
    return f"{org_id}:{respondent_id}:{question_id}"

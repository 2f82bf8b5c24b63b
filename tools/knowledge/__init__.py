"""The knowledge base and the evidence of answers, searched and quoted for callers."""

from __future__ import annotations

from tools.knowledge.service import (
    MAX_QUOTES,
    KnowledgeService,
    KnowledgeUnavailable,
    Passage,
    Quote,
    domain_quotes,
    find_evidence,
    open_knowledge,
    search_knowledge,
)

__all__ = [
    "KnowledgeService",
    "KnowledgeUnavailable",
    "MAX_QUOTES",
    "Passage",
    "Quote",
    "domain_quotes",
    "find_evidence",
    "open_knowledge",
    "search_knowledge",
]

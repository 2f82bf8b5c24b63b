"""LangChain tools over the knowledge base and the evidence, added by `registry.make_tools`.

They reuse the shared argument base in `base` (unknown fields dropped) and tool factory (domain
errors become text the model reads), so they behave like every other tool.
"""

from __future__ import annotations

from langchain_core.tools import BaseTool
from pydantic import Field

from tools.access import PERMISSIONS, Caller
from tools.knowledge.service import (
    KnowledgeService,
    Passage,
    Quote,
    find_evidence,
    search_knowledge,
)
from tools.model_tools.base import MAX_TEXT, DomainKey, ToolArgs, tool_from
from tools.store.db import Store

MAX_QUERY = 500


class SearchKnowledgeArgs(ToolArgs):
    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY,
        description="The question or term, e.g. 'what is decision latency?' or 'how do "
        "operators reduce handoff failures?'.",
    )
    domain: DomainKey | None = Field(
        default=None, description="Only this domain's documents; omit to search everything."
    )


class FindEvidenceArgs(ToolArgs):
    query: str = Field(
        min_length=1,
        max_length=MAX_QUERY,
        description="What the quotes should be about, e.g. 'handoffs to transport'.",
    )
    domain: DomainKey | None = Field(
        default=None, description="Only quotes given on this domain's questions."
    )
    department: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        description="Only quotes from this department, e.g. 'Operations'; omit for everyone.",
    )


def passages_text(passages: list[Passage]) -> str:
    if not passages:
        return "Nothing in the knowledge base matches."
    return "\n\n".join(
        f"[{p.doc_id}] {p.title} ({p.kind}; source: {p.source})\n{p.text}" for p in passages
    )


def quotes_text(quotes: list[Quote]) -> str:
    if not quotes:
        return "No respondent has said anything that matches yet."
    return "\n".join(f'- "{q.text}" ({q.speaker}; question {q.question_id})' for q in quotes)


def knowledge_tools(knowledge: KnowledgeService, store: Store, caller: Caller) -> list[BaseTool]:
    def search_knowledge_base(query: str, domain: str | None = None) -> tuple[str, list[Passage]]:
        """Search oiar's knowledge base: the glossary (OIaR, execution drag, coverage,
        confidence, P10–P90 …), what each cost driver means and how it is priced, and
        playbooks of what operators do about each domain. Use it for "what is …?", "what does
        … mean?" and "how do we reduce …?"; answer from the passages and name their titles.

        Args:
            query: The question or term in plain words.
            domain: Only this domain's documents; omit to search everything.
        """
        found = search_knowledge(knowledge, query, k=3, domain=domain)
        return passages_text(found), found

    def find_evidence_quotes(
        query: str, domain: str | None = None, department: str | None = None
    ) -> tuple[str, list[Quote]]:
        """Find what respondents of this organization said in their own words, with who said
        it (a name, or "a leader in Operations" when the campaign promised department-only
        attribution). Use it for "what did ops say about handoffs?"; quote people exactly and
        always with the speaker label given, never a name you infer.

        Args:
            query: What the quotes should be about.
            domain: Only quotes given on this domain's questions.
            department: Only quotes from this department; omit for everyone.
        """
        quotes = find_evidence(
            knowledge, store, caller, query, domain=domain, department=department
        )
        return quotes_text(quotes), quotes

    search = tool_from(search_knowledge_base, SearchKnowledgeArgs)
    search.name = "search_knowledge"
    tools: list[BaseTool] = [search]
    if caller.role in PERMISSIONS["read_score_detail"]:
        evidence = tool_from(find_evidence_quotes, FindEvidenceArgs)
        evidence.name = "find_evidence"
        tools.append(evidence)
    return tools

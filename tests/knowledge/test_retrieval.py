"""Retrieval quality: each question must find its document among the top three."""

from __future__ import annotations

from pathlib import Path

import yaml

from knowledge.documents import load_documents
from knowledge.embedding import MINILM_ID
from knowledge.index import KnowledgeIndex

CASES_FILE = Path(__file__).with_name("retrieval_questions.yaml")
TARGET_TOP3 = 0.85


def load_cases() -> list[dict[str, str]]:
    cases: list[dict[str, str]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    return cases


def test_retrieval_cases_name_real_documents() -> None:
    ids = {doc.id for doc in load_documents()}
    cases = load_cases()
    assert len(cases) >= 20
    assert {c["doc"] for c in cases} <= ids
    assert {c["style"] for c in cases} == {"plain", "paraphrase", "reworded"}


def test_retrieval_top3_hit_rate_with_offline_default(built_index: KnowledgeIndex) -> None:
    assert built_index.embedder.id == MINILM_ID  # the default, not the fallback
    cases = load_cases()
    missed = []
    for case in cases:
        found = [hit.doc_id for hit in built_index.search_knowledge(case["q"], k=3)]
        if case["doc"] not in found:
            missed.append((case["q"], case["doc"], found))
    rate = 1 - len(missed) / len(cases)
    assert rate >= TARGET_TOP3, f"top-3 hit rate {rate:.0%}; missed: {missed}"

"""Retrieval figures: hit rates on the fixed question set, embedding throughput, index build
time, and what indexing one answer's evidence costs.

    .venv/bin/python bench/bench_retrieval.py [--fallback]

Everything runs in a temporary folder, offline. `--fallback` measures the hashed n-gram
embedding instead of the default model.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

from knowledge.documents import all_passages, load_documents
from knowledge.embedding import Embedder, HashedNgrams, load_minilm
from knowledge.index import EvidenceItem, KnowledgeIndex, open_client

CASES = Path(__file__).resolve().parent.parent / "tests" / "knowledge" / "retrieval_questions.yaml"
THROUGHPUT_SENTENCES = 1_000
EVIDENCE_ANSWERS = 50


def _sentences(n: int) -> list[str]:
    subjects = ("Approvals", "Handoffs to transport", "New hires", "Supplier deliveries", "Audits")
    verbs = ("wait", "fail", "slip", "need rework", "stall")
    reasons = ("when the plan changes", "every month-end", "after a shift change", "on Mondays")
    return [
        f"{subjects[i % 5]} {verbs[(i // 5) % 5]} {reasons[(i // 25) % 4]} (case {i})."
        for i in range(n)
    ]


def hit_rates(index: KnowledgeIndex) -> None:
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    top1: Counter[str] = Counter()
    top3: Counter[str] = Counter()
    total: Counter[str] = Counter()
    latencies = []
    for case in cases:
        started = time.perf_counter()
        found = [hit.doc_id for hit in index.search_knowledge(case["q"], k=3)]
        latencies.append(time.perf_counter() - started)
        style = case["style"]
        total[style] += 1
        top1[style] += found[:1] == [case["doc"]]
        top3[style] += case["doc"] in found
    for style in (*sorted(total), "all"):
        n = sum(total.values()) if style == "all" else total[style]
        one = sum(top1.values()) if style == "all" else top1[style]
        three = sum(top3.values()) if style == "all" else top3[style]
        print(f"  {style:<10} n={n:<3} top-1 {one / n:6.1%}   top-3 {three / n:6.1%}")
    print(f"  query latency: median {statistics.median(latencies) * 1000:.0f} ms")


def throughput(embedder: Embedder) -> None:
    sentences = _sentences(THROUGHPUT_SENTENCES)
    embedder.embed(sentences[:8])  # warm up
    started = time.perf_counter()
    embedder.embed(sentences)
    seconds = time.perf_counter() - started
    print(f"  {len(sentences)} sentences in {seconds:.2f} s: {len(sentences) / seconds:,.0f}/s")


def evidence_cost(index: KnowledgeIndex) -> None:
    """One answer at a time, as the background indexer sees a quiet chat: embed + upsert."""
    costs = []
    for n in range(EVIDENCE_ANSWERS):
        item = EvidenceItem(
            org_id="org_bench",
            respondent_id=f"r{n % 7}",
            department="Operations",
            question_id=f"q{n}",
            domain="cross_functional_alignment",
            text=f"about {n} a month, mostly trucks leaving before the pallets are staged",
            context="How many handoffs fail between departments in a month?",
        )
        started = time.perf_counter()
        index.upsert_evidence([item])
        costs.append(time.perf_counter() - started)
    print(
        f"  {EVIDENCE_ANSWERS} answers one by one: median {statistics.median(costs) * 1000:.1f} ms,"
        f" max {max(costs) * 1000:.1f} ms each (on the background thread, not the chat turn)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fallback", action="store_true", help="measure the hashed fallback")
    args = parser.parse_args()
    started = time.perf_counter()
    embedder: Embedder = HashedNgrams() if args.fallback else load_minilm()
    print(f"embedder: {embedder.id} (loaded in {time.perf_counter() - started:.2f} s)")
    with tempfile.TemporaryDirectory() as folder:
        index = KnowledgeIndex(open_client(data_dir=Path(folder)), embedder)
        passages = len(all_passages(load_documents()))
        started = time.perf_counter()
        index.rebuild_knowledge()
        print(f"index build: {passages} passages in {time.perf_counter() - started:.2f} s")
        print("retrieval (fixed question set):")
        hit_rates(index)
        print("embedding throughput:")
        throughput(embedder)
        print("evidence indexing cost:")
        evidence_cost(index)
        index.close()


if __name__ == "__main__":
    main()

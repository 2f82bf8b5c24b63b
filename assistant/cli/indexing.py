"""`oiar index`: rebuild the knowledge collection (and, asked to, the evidence) with progress."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from assistant.config import Settings
from tools import Store
from tools.knowledge import KnowledgeService


def run_index(settings: Settings, console: Console, *, evidence: bool) -> None:
    """Rebuild the knowledge base's collection; with `evidence`, every organization's quotes."""
    knowledge = KnowledgeService(data_dir=settings.data_dir, chroma_url=settings.chroma_url)
    index = knowledge.index
    where = settings.chroma_url or str(settings.data_dir / "chroma")
    console.print(f"Index: {where} · embeddings: {index.embedder.id}")
    started = time.perf_counter()
    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("knowledge passages", total=None)

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        passages = index.rebuild_knowledge(progress=advance)
    console.print(f"Knowledge base: {passages} passages in {time.perf_counter() - started:.1f} s")
    if not evidence:
        return
    from tools.knowledge.evidence import rebuild_evidence

    store = Store.open(settings.resolved_database_url)
    try:
        started = time.perf_counter()
        counts = rebuild_evidence(index, store)
    finally:
        store.dispose()
    total = sum(counts.values())
    console.print(
        f"Evidence: {total} passages from {len(counts)} organization(s) "
        f"in {time.perf_counter() - started:.1f} s"
    )

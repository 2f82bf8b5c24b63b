"""Evidence: the free text of answers, indexed as answers arrive.

What counts as evidence: the `evidence` a respondent gave to back a figure, and the answer's own
words when they say more than a value ("about 8 a month, mostly trucks leaving before the
pallets are staged", not "8"). Each respondent has at most one passage per question, the latest
with free text: a later bare figure ("make it 10") does not erase why they said it.

Indexing runs on one background thread per index: a chat turn only queues its answers (a few
microseconds) and the thread embeds and writes them in batches. The thread stops after a short
idle spell and starts again with the next answer, so nothing lingers in short-lived processes;
`flush()` waits for the queue (tests, and commands that exit right after answering).
"""

from __future__ import annotations

import atexit
import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from knowledge import Question, load_instrument
from knowledge.records import EvidenceItem
from tools.store import interviews as repo
from tools.store import people
from tools.store.db import Store
from tools.store.orgs import list_org_ids
from tools.store.schema import AnswerEvent, Respondent

if TYPE_CHECKING:
    from knowledge.index import KnowledgeIndex

logger = logging.getLogger("oiar.evidence")

# Fewer words than this is a value with a unit ("about 3 days", "$40k a month"), not a statement.
MIN_WORDS = 6
_IDLE_SECONDS = 2.0
_EXIT_FLUSH_SECONDS = 10.0
_WORD = re.compile(r"[^\W_]+")


def evidence_text(raw_text: str, evidence: str | None, *, free_text: bool = False) -> str | None:
    """The words worth indexing from one answer, or None when it is only a value."""
    parts: list[str] = []
    raw = raw_text.strip()
    if raw and (free_text or len(_WORD.findall(raw)) >= MIN_WORDS):
        parts.append(raw)
    extra = (evidence or "").strip()
    if extra and extra != raw:
        parts.append(extra)
    return " — ".join(parts) or None


def evidence_item(
    event: AnswerEvent, respondent: Respondent, question: Question | None
) -> EvidenceItem | None:
    if event.kind == "skip":
        return None
    text = evidence_text(
        event.raw_text, event.evidence, free_text=question is not None and question.type == "text"
    )
    if text is None:
        return None
    return EvidenceItem(
        org_id=event.org_id,
        respondent_id=event.respondent_id,
        department=respondent.department or "",
        question_id=event.question_id,
        domain=question.domain if question is not None else "",
        text=text,
        context=question.text if question is not None else "",
        event_id=event.id,
    )


@dataclass
class IndexerStats:
    batches: int = 0
    items: int = 0
    seconds: float = 0.0
    failures: int = 0

    @property
    def seconds_per_item(self) -> float:
        return self.seconds / self.items if self.items else 0.0


class EvidenceIndexer:
    """Queues committed answers and indexes them on a background thread.

    The index is opened by `open_index` on that thread, at the first answer worth indexing:
    importing chromadb and loading the model take about two seconds, which no chat turn
    should wait for.
    """

    def __init__(self, open_index: Callable[[], KnowledgeIndex]) -> None:
        self._open_index = open_index
        self.stats = IndexerStats()
        self._queue: queue.Queue[EvidenceItem] = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        # The worker is a daemon (it must never keep a process alive): at exit, give queued
        # answers a moment to land, as after the last answer of `oiar chat`.
        atexit.register(self.flush, _EXIT_FLUSH_SECONDS)

    def on_answers(self, events: Sequence[AnswerEvent], respondent: Respondent) -> None:
        """The `tools.evidence_feed` listener: queue what is worth indexing, return at once."""
        by_id = load_instrument().by_id
        for event in events:
            item = evidence_item(event, respondent, by_id.get(event.question_id))
            if item is not None:
                self.submit(item)

    def submit(self, item: EvidenceItem) -> None:
        self._queue.put(item)
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="oiar-evidence", daemon=True)
                self._thread.start()

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued answer is indexed (or failed); False on timeout."""
        deadline = time.monotonic() + timeout
        while self._queue.unfinished_tasks:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def _run(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=_IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    # Re-checked under the lock: `submit` may have queued after the timeout.
                    if self._queue.empty():
                        self._thread = None
                        return
                continue
            batch = [first]
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self._index(batch)

    def _index(self, batch: list[EvidenceItem]) -> None:
        # The latest answer per (respondent, question) wins within a batch too.
        latest = {item.id: item for item in sorted(batch, key=lambda i: i.event_id)}
        started = time.perf_counter()
        try:
            self._open_index().upsert_evidence(list(latest.values()))
        except Exception:  # logged, never raised: the answers are saved in the store
            self.stats.failures += 1
            logger.exception("could not index %d evidence passage(s)", len(latest))
        else:
            self.stats.batches += 1
            self.stats.items += len(latest)
            self.stats.seconds += time.perf_counter() - started
        finally:
            for _ in batch:
                self._queue.task_done()


def store_items(store: Store, org_id: str) -> list[EvidenceItem]:
    """Every respondent's latest free text per question, from the answer history."""
    by_id = load_instrument().by_id
    with store.read() as session:
        respondents = {r.id: r for r in people.list_respondents(session, org_id)}
        latest: dict[str, EvidenceItem] = {}
        for event in repo.org_history(session, org_id):
            respondent = respondents.get(event.respondent_id)
            # An erased person's words are gone from the store; never index what is left.
            if respondent is None or respondent.erased_at is not None:
                continue
            item = evidence_item(event, respondent, by_id.get(event.question_id))
            if item is not None:
                latest[item.id] = item
    return list(latest.values())


def rebuild_evidence(
    index: KnowledgeIndex, store: Store, org_ids: Iterable[str] | None = None
) -> dict[str, int]:
    """Re-index every organization's evidence from the store; org id -> passages indexed."""
    if org_ids is None:
        with store.read() as session:
            org_ids = list_org_ids(session)
    counts: dict[str, int] = {}
    for org_id in org_ids:
        items = store_items(store, org_id)
        index.clear_evidence(org_id)
        index.upsert_evidence(items)
        counts[org_id] = len(items)
    return counts

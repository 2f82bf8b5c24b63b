"""Knowledge tools: search the knowledge base, find what respondents said, quote it.

`KnowledgeService` is the one object front ends hold: built from settings at the edge
(`open_knowledge`), it opens chromadb and loads the embedding model only when first needed, so
a process that never asks a knowledge question never pays for either. It also feeds the
evidence index from committed answers (`tools.knowledge.feed`).

Who sees what: the knowledge base is ours and any role may search it. Evidence is people's own
words: roles that may read detailed results (admin, facilitator, viewer) search the whole
organization; a respondent finds only their own. Every quote is labelled by
`tools.admin.attribution.speaker_labels`, so a department-only campaign shows "a leader in
Operations", never a name.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from knowledge.records import EvidenceHit
from tools.access import PERMISSIONS, Caller, require
from tools.admin import attribution
from tools.errors import ToolError
from tools.knowledge import feed as evidence_feed
from tools.knowledge.evidence import EvidenceIndexer
from tools.store.db import Store
from tools.store.schema import AnswerEvent, Respondent

if TYPE_CHECKING:
    from knowledge.index import BuildLock, KnowledgeIndex

MAX_QUOTES = 3
# The PostgreSQL advisory lock that app processes sharing one Chroma server build under.
KNOWLEDGE_BUILD_LOCK_ID = 7_100_772
logger = logging.getLogger("oiar.knowledge")


class KnowledgeUnavailable(ToolError):
    """The index cannot be opened or queried (a Chroma server down, a broken data folder)."""


class Passage(BaseModel):
    """A knowledge-base passage: the best part of one document for the question."""

    doc_id: str
    title: str
    kind: str
    domain: str
    text: str
    source: str
    score: float


class Quote(BaseModel):
    """What one respondent said, and who said it as the viewer may see it."""

    text: str
    speaker: str
    question_id: str
    domain: str
    score: float


class KnowledgeService:
    """The knowledge and evidence index of one deployment, opened lazily."""

    def __init__(
        self,
        *,
        data_dir: Path,
        chroma_url: str | None = None,
        index: KnowledgeIndex | None = None,
        build_lock: BuildLock | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.chroma_url = chroma_url
        self._index = index
        self._build_lock = build_lock
        self._indexer: EvidenceIndexer | None = None
        self._lock = threading.Lock()
        # Its own lock: `index` holds `_lock` for the seconds opening the index takes, and a
        # chat turn reaching the evidence queue meanwhile must not wait for that.
        self._indexer_lock = threading.Lock()

    @property
    def index(self) -> KnowledgeIndex:
        with self._lock:
            if self._index is None:
                # Imported here: chromadb takes about a second to import.
                from knowledge.index import KnowledgeIndex

                try:
                    self._index = KnowledgeIndex.open(
                        data_dir=self.data_dir,
                        chroma_url=self.chroma_url,
                        build_lock=self._build_lock,
                    )
                except Exception as exc:  # chromadb raises many types; one message for all
                    where = self.chroma_url or str(self.data_dir)
                    msg = f"the knowledge index at {where} cannot be opened: {exc}"
                    raise KnowledgeUnavailable(msg) from exc
            return self._index

    @property
    def indexer(self) -> EvidenceIndexer:
        """The evidence queue; cheap to reach, the index opens on its own thread."""
        with self._indexer_lock:
            if self._indexer is None:
                self._indexer = EvidenceIndexer(lambda: self.index)
            return self._indexer

    @property
    def remote(self) -> bool:
        """True when the index lives on a Chroma server: every use is a network call."""
        return self.chroma_url is not None

    def warm_up(self, then: Callable[[], None] | None = None) -> threading.Thread:
        """Open the index, build the knowledge collection if it is missing or stale, and load
        the embedding model, in a background thread: at server start, so the first knowledge
        question or wordy answer costs milliseconds rather than seconds. Failures are logged;
        the first real use reports them. `then` runs on that thread once it is done."""

        def run() -> None:
            try:
                self.index.search_knowledge("warm up", k=1)
            except Exception:  # logged, not raised: nothing waits on this thread
                logger.warning("warming up the knowledge index failed", exc_info=True)
            if then is not None:
                then()

        thread = threading.Thread(target=run, name="oiar-knowledge-warm-up", daemon=True)
        thread.start()
        return thread

    def attach(self, store: Store) -> None:
        """Index the free text of every answer committed to `store` from now on."""
        evidence_feed.subscribe(store, self.on_answers)

    def detach(self, store: Store) -> None:
        evidence_feed.unsubscribe(store, self.on_answers)

    def on_answers(self, events: Sequence[AnswerEvent], respondent: Respondent) -> None:
        self.indexer.on_answers(events, respondent)

    def close(self) -> None:
        """Wait briefly for queued evidence, then release the index's client."""
        self.flush(timeout=10.0)
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait for queued evidence to be indexed (no-op when nothing was ever queued)."""
        return self._indexer.flush(timeout) if self._indexer is not None else True


def open_knowledge(store: Store, *, data_dir: Path, chroma_url: str | None) -> KnowledgeService:
    """A service for these settings, indexing the evidence of every answer committed to
    `store` from now on; nothing opens yet. Build one per app and share it: two services on
    one store would index each answer twice."""
    # Processes on other machines may share a Chroma server but never a data folder: there
    # they build under a lock of the database they share (else the data folder's lock file).
    build_lock: BuildLock | None = None
    if chroma_url is not None and not store.is_sqlite:

        def build_lock() -> AbstractContextManager[None]:
            return store.advisory_lock(KNOWLEDGE_BUILD_LOCK_ID)

    service = KnowledgeService(data_dir=data_dir, chroma_url=chroma_url, build_lock=build_lock)
    service.attach(store)
    return service


def search_knowledge(
    service: KnowledgeService, query: str, *, k: int = 3, domain: str | None = None
) -> list[Passage]:
    """The `k` knowledge-base documents that best answer `query` (any role may ask)."""
    try:
        hits = service.index.search_knowledge(query, k=k, domain=domain)
    except ToolError:
        raise
    except Exception as exc:
        msg = f"the knowledge base cannot be searched right now: {exc}"
        raise KnowledgeUnavailable(msg) from exc
    return [
        Passage(
            doc_id=h.doc_id,
            title=h.title,
            kind=h.kind,
            domain=h.domain,
            text=h.text,
            source=h.source,
            score=round(h.score, 4),
        )
        for h in hits
    ]


def find_evidence(
    service: KnowledgeService,
    store: Store,
    caller: Caller,
    query: str,
    *,
    domain: str | None = None,
    department: str | None = None,
    k: int = 5,
) -> list[Quote]:
    """What respondents of the caller's organization said about `query`, most relevant first."""
    own: str | None = None
    if caller.role == "respondent":
        own = caller.respondent_id or "-"
    else:
        require(caller, "read_score_detail")
    try:
        hits = service.index.search_evidence(
            caller.org_id, query, k=k, domain=domain, department=department, respondent_id=own
        )
    except ToolError:
        raise
    except Exception as exc:
        msg = f"the evidence index cannot be searched right now: {exc}"
        raise KnowledgeUnavailable(msg) from exc
    return _quotes(store, caller, hits)


def domain_quotes(
    service: KnowledgeService, store: Store, caller: Caller, domain: str, about: str
) -> list[Quote]:
    """Up to three quotes behind a domain's figure, for roles that may read score detail.

    Quotes are garnish on an explanation: when the index is unavailable there are none,
    rather than no explanation.
    """
    if caller.role not in PERMISSIONS["read_score_detail"]:
        return []
    try:
        return find_evidence(service, store, caller, about, domain=domain, k=MAX_QUOTES)
    except ToolError:
        return []


def _quotes(store: Store, caller: Caller, hits: list[EvidenceHit]) -> list[Quote]:
    if not hits:
        return []
    with store.read() as session:
        labels = attribution.speaker_labels(
            session,
            caller.org_id,
            [h.respondent_id for h in hits],
            viewer_id=caller.respondent_id,
        )
    return [
        Quote(
            text=h.text,
            speaker=labels.get(h.respondent_id, attribution.UNKNOWN_SPEAKER),
            question_id=h.question_id,
            domain=h.domain,
            score=round(h.score, 4),
        )
        for h in hits
    ]

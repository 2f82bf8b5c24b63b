"""The chromadb index: the knowledge base and the evidence from answers, two collections.

Embedded (a `PersistentClient` folder under the data directory) by default; a Chroma server
when `OIAR_CHROMA_URL` is set, which several app processes can share (the embedded client is
not process-safe). Telemetry is off, and chromadb's own default embedding function is never
used: it would download a model at the first `add`. Vectors come from `knowledge.embedding`
through one registered embedding function, `oiar_offline`, so a reopened collection rebuilds
it by name. Each collection's name carries the embedder's id: vectors of the model and of the
hashed fallback never mix in one collection.

Every evidence query is filtered by organization: there is no method that searches without one.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.api.types import Documents, Embeddable, EmbeddingFunction, Embeddings, Space
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function

from knowledge.documents import KbDocument, all_passages, content_sha256, load_documents
from knowledge.embedding import Embedder, default_embedder, embedder_by_id
from knowledge.errors import KnowledgeError
from knowledge.records import EvidenceHit, EvidenceItem, KnowledgeHit, evidence_id

logger = logging.getLogger("oiar.knowledge")

KNOWLEDGE = "oiar-knowledge"
EVIDENCE = "oiar-evidence"
CHROMA_DIR = "chroma"
EF_NAME = "oiar_offline"
BUILD_LOCK_FILE = "knowledge-build.lock"
_BATCH = 64
ProgressCallback = Callable[[int, int], None]
# Held while the knowledge collection is checked and built: app processes sharing one index
# (`serve --workers`, or several servers on one Chroma) build it once, not each dropping the
# collection another is filling.
BuildLock = Callable[[], AbstractContextManager[object]]


@register_embedding_function
class OfflineEmbeddingFunction(EmbeddingFunction[Documents]):
    """chromadb's view of our embedder; its config names which one (`embedder`)."""

    def __init__(self, embedder: str) -> None:
        self.embedder_id = embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(embedder_by_id(self.embedder_id).embed(list(input)))

    @staticmethod
    def name() -> str:
        return EF_NAME

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self.embedder_id}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> OfflineEmbeddingFunction:
        return OfflineEmbeddingFunction(str(config["embedder"]))

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]


def chroma_settings() -> ChromaSettings:
    return ChromaSettings(anonymized_telemetry=False)


def open_client(*, data_dir: Path, chroma_url: str | None = None) -> ClientAPI:
    """A Chroma server's client when `chroma_url` is set, else the embedded folder's."""
    if chroma_url:
        url = urlsplit(chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            msg = f"OIAR_CHROMA_URL {chroma_url!r} is not like 'http://chroma-host:8000'"
            raise KnowledgeError(msg)
        ssl = url.scheme == "https"
        return chromadb.HttpClient(
            host=url.hostname,
            port=url.port or (443 if ssl else 8000),
            ssl=ssl,
            settings=chroma_settings(),
        )
    path = data_dir / CHROMA_DIR
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings())


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes of one machine; the kernel drops it if one dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _where(conditions: dict[str, str | None]) -> dict[str, Any] | None:
    """A chromadb filter of the given equalities (`$and` needs two or more clauses)."""
    clauses: list[dict[str, Any]] = [{k: v} for k, v in conditions.items() if v is not None]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class KnowledgeIndex:
    """Both collections over one client and one embedder."""

    def __init__(
        self,
        client: ClientAPI,
        embedder: Embedder | None = None,
        *,
        build_lock: BuildLock | None = None,
    ) -> None:
        self.client = client
        self._process_lock: BuildLock = build_lock or nullcontext
        self.embedder = embedder or default_embedder()
        # chromadb types collections' functions over every embeddable input; ours embeds text.
        self._function = cast(
            "EmbeddingFunction[Embeddable]", OfflineEmbeddingFunction(self.embedder.id)
        )
        self._knowledge_checked = False
        # The server's warm-up thread and a request's search may both find the collection
        # missing on first use: one builds it while the other waits, rather than one dropping
        # the collection the other is filling.
        self._build_lock = threading.Lock()

    @classmethod
    def open(
        cls, *, data_dir: Path, chroma_url: str | None = None, build_lock: BuildLock | None = None
    ) -> KnowledgeIndex:
        """The index at `chroma_url` or under `data_dir`; its build is serialized by
        `build_lock`, by default a lock file in `data_dir` (processes of one machine)."""
        lock = build_lock or (lambda: file_lock(data_dir / BUILD_LOCK_FILE))
        return cls(open_client(data_dir=data_dir, chroma_url=chroma_url), build_lock=lock)

    def close(self) -> None:
        """Release the client; with a server, its HTTP connections close too."""
        clients = [self.client, getattr(self.client, "_admin_client", None)]
        servers = [(getattr(c, "_server", None), getattr(c, "_identifier", None)) for c in clients]
        close = getattr(self.client, "close", None)
        if close is not None:
            close()
        # chromadb stops a system with its last client but leaves an HTTP session's sockets to
        # the garbage collector (a ResourceWarning): close them once their system stopped.
        for server, identifier in servers:
            session = getattr(server, "_session", None)
            if session is not None and identifier not in SharedSystemClient._identifier_to_system:
                session.close()

    def _name(self, base: str) -> str:
        return f"{base}-{self.embedder.id}"

    def _collection(self, base: str) -> Collection:
        return self.client.get_or_create_collection(
            self._name(base), embedding_function=self._function
        )

    # -- knowledge base ----------------------------------------------------------------

    def rebuild_knowledge(
        self,
        docs: tuple[KbDocument, ...] | None = None,
        *,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Drop and rebuild the knowledge collection; returns the number of passages."""
        with self._build_lock, self._process_lock():
            return self._rebuild(docs, progress=progress)

    def _rebuild(
        self, docs: tuple[KbDocument, ...] | None, *, progress: ProgressCallback | None = None
    ) -> int:
        docs = load_documents() if docs is None else docs
        name = self._name(KNOWLEDGE)
        if name in {c.name for c in self.client.list_collections()}:
            self.client.delete_collection(name)
        collection = self._collection(KNOWLEDGE)
        items = all_passages(docs)
        for start in range(0, len(items), _BATCH):
            batch = items[start : start + _BATCH]
            collection.add(
                ids=[p.id for p in batch],
                documents=[p.text for p in batch],
                embeddings=self.embedder.embed([p.embedded_text for p in batch]),
                metadatas=[
                    {
                        "doc_id": p.doc_id,
                        "title": p.title,
                        "kind": p.kind,
                        "domain": p.domain,
                        "source": p.source,
                    }
                    for p in batch
                ],
            )
            if progress is not None:
                progress(min(start + _BATCH, len(items)), len(items))
        # Written last: a build cut short is seen as stale and redone.
        collection.modify(metadata={"content_sha256": content_sha256(docs)})
        self._knowledge_checked = True
        return len(items)

    def knowledge_is_current(self, docs: tuple[KbDocument, ...] | None = None) -> bool:
        docs = load_documents() if docs is None else docs
        name = self._name(KNOWLEDGE)
        if name not in {c.name for c in self.client.list_collections()}:
            return False
        metadata = self.client.get_collection(name, embedding_function=self._function).metadata
        return bool(metadata) and metadata.get("content_sha256") == content_sha256(docs)

    def ensure_knowledge(self) -> None:
        """Build the knowledge collection on first use, or when the documents changed."""
        if self._knowledge_checked:
            return
        with self._build_lock:
            if self._knowledge_checked:
                return
            if not self.knowledge_is_current():
                with self._process_lock():
                    # Checked again under the lock: another process may have just built it.
                    if not self.knowledge_is_current():
                        logger.info("building the knowledge index (first use or documents changed)")
                        self._rebuild(None)
            self._knowledge_checked = True

    def search_knowledge(
        self, query: str, *, k: int = 3, domain: str | None = None, kind: str | None = None
    ) -> list[KnowledgeHit]:
        """The `k` best documents for a question (each by its best passage)."""
        self.ensure_knowledge()
        collection = self._collection(KNOWLEDGE)
        where = _where({"domain": domain, "kind": kind})
        found = collection.query(
            query_texts=[query],
            n_results=max(k * 4, 10),
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        hits: dict[str, KnowledgeHit] = {}
        for text, meta, distance in _rows(found):
            doc_id = str(meta["doc_id"])
            if doc_id in hits:
                continue
            hits[doc_id] = KnowledgeHit(
                doc_id=doc_id,
                title=str(meta["title"]),
                kind=str(meta["kind"]),
                domain=str(meta["domain"]),
                text=text,
                source=str(meta["source"]),
                score=1.0 - distance,
            )
        return list(hits.values())[:k]

    # -- evidence ----------------------------------------------------------------------

    def upsert_evidence(self, items: Sequence[EvidenceItem]) -> None:
        if not items:
            return
        self._collection(EVIDENCE).upsert(
            ids=[item.id for item in items],
            documents=[item.text for item in items],
            embeddings=self.embedder.embed([f"{i.context}\n{i.text}".strip() for i in items]),
            metadatas=[
                {
                    "org_id": i.org_id,
                    "respondent_id": i.respondent_id,
                    "department": i.department,
                    "department_key": i.department.strip().lower(),
                    "question_id": i.question_id,
                    "domain": i.domain,
                    "event_id": i.event_id,
                }
                for i in items
            ],
        )

    def delete_evidence(self, ids: Sequence[str]) -> None:
        if ids:
            self._collection(EVIDENCE).delete(ids=list(ids))

    def clear_evidence(self, org_id: str) -> None:
        self._collection(EVIDENCE).delete(where={"org_id": org_id})

    def evidence_of(self, org_id: str, respondent_id: str) -> list[EvidenceHit]:
        """Every passage indexed from one respondent's answers (score 1: not a search)."""
        where = _where({"org_id": org_id, "respondent_id": respondent_id})
        found = self._collection(EVIDENCE).get(where=where, include=["documents", "metadatas"])
        documents = found.get("documents") or []
        metadatas = found.get("metadatas") or []
        hits = [
            EvidenceHit(
                respondent_id=str(meta["respondent_id"]),
                department=str(meta["department"]),
                question_id=str(meta["question_id"]),
                domain=str(meta["domain"]),
                text=str(text),
                score=1.0,
            )
            for text, meta in zip(documents, metadatas, strict=True)
            if meta is not None and meta.get("org_id") == org_id
        ]
        return sorted(hits, key=lambda h: h.question_id)

    def delete_respondent_evidence(self, org_id: str, respondent_id: str) -> int:
        """Remove one respondent's passages; how many there were."""
        collection = self._collection(EVIDENCE)
        where = _where({"org_id": org_id, "respondent_id": respondent_id})
        ids = collection.get(where=where, include=[])["ids"]
        if ids:
            collection.delete(ids=list(ids))
        return len(ids)

    def count_evidence(self, org_id: str) -> int:
        found = self._collection(EVIDENCE).get(where={"org_id": org_id}, include=[])
        return len(found["ids"])

    def search_evidence(
        self,
        org_id: str,
        query: str,
        *,
        k: int = 5,
        domain: str | None = None,
        department: str | None = None,
        respondent_id: str | None = None,
    ) -> list[EvidenceHit]:
        """Quotes of one organization nearest to `query`, optionally narrowed further."""
        if not org_id:
            msg = "an evidence search needs an organization"
            raise KnowledgeError(msg)
        where = _where(
            {
                "org_id": org_id,
                "domain": domain,
                "department_key": department.strip().lower() if department else None,
                "respondent_id": respondent_id,
            }
        )
        found = self._collection(EVIDENCE).query(
            query_texts=[query],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            EvidenceHit(
                respondent_id=str(meta["respondent_id"]),
                department=str(meta["department"]),
                question_id=str(meta["question_id"]),
                domain=str(meta["domain"]),
                text=text,
                score=1.0 - distance,
            )
            for text, meta, distance in _rows(found)
            # Belt and braces: a filter bug must never show another organization's words.
            if meta.get("org_id") == org_id
        ]


def _rows(found: Any) -> list[tuple[str, dict[str, Any], float]]:
    documents = (found.get("documents") or [[]])[0]
    metadatas = (found.get("metadatas") or [[]])[0]
    distances = (found.get("distances") or [[]])[0]
    return [
        (str(text), cast(dict[str, Any], dict(meta or {})), float(distance))
        for text, meta, distance in zip(documents, metadatas, distances, strict=True)
    ]


__all__ = [
    "EVIDENCE",
    "KNOWLEDGE",
    "EvidenceHit",
    "EvidenceItem",
    "KnowledgeHit",
    "KnowledgeIndex",
    "OfflineEmbeddingFunction",
    "evidence_id",
    "open_client",
]

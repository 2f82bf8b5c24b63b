"""The chromadb index: reopened by name, offline, per-organization evidence, stale rebuilds."""

from __future__ import annotations

import socket
import threading
from pathlib import Path
from typing import Any

import chromadb
import pytest
from chromadb.api.shared_system_client import SharedSystemClient

from knowledge import KnowledgeError
from knowledge.documents import load_documents
from knowledge.embedding import HASHED_ID, MINILM_ID, HashedNgrams, MiniLMInt8
from knowledge.index import (
    EF_NAME,
    EVIDENCE,
    KNOWLEDGE,
    EvidenceItem,
    KnowledgeIndex,
    OfflineEmbeddingFunction,
    chroma_settings,
    open_client,
)


def _docs(tmp_path: Path, body: str = "Escalated decisions wait days for sign-off.") -> Path:
    folder = tmp_path / "kb"
    folder.mkdir(exist_ok=True)
    (folder / "one.md").write_text(
        f"---\nid: driver.decision_latency\ntitle: Decision latency\nkind: driver\n"
        f"domain: leadership_bandwidth\n---\n{body}\n",
        encoding="utf-8",
    )
    (folder / "two.md").write_text(
        "---\nid: glossary.coverage\ntitle: Coverage\nkind: glossary\n---\n"
        "The share of a domain's cost resting on answers.\n",
        encoding="utf-8",
    )
    return folder


def _item(org: str, respondent: str, text: str, **fields: Any) -> EvidenceItem:
    values: dict[str, Any] = {
        "org_id": org,
        "respondent_id": respondent,
        "department": "Operations",
        "question_id": "cf_handoff_failures",
        "domain": "cross_functional_alignment",
        "text": text,
    }
    values.update(fields)
    return EvidenceItem(**values)


@pytest.fixture
def hashed_index(tmp_path: Path) -> KnowledgeIndex:
    return KnowledgeIndex(open_client(data_dir=tmp_path), HashedNgrams())


def test_reopened_collection_finds_embedding_function_by_name(
    tmp_path: Path, minilm: MiniLMInt8
) -> None:
    index = KnowledgeIndex(open_client(data_dir=tmp_path), minilm)
    index.rebuild_knowledge(load_documents(_docs(tmp_path)))
    # A new client on the same folder, as a restarted process has: no function passed in.
    SharedSystemClient.clear_system_cache()
    client = chromadb.PersistentClient(path=str(tmp_path / "chroma"), settings=chroma_settings())
    collection = client.get_collection(f"{KNOWLEDGE}-{MINILM_ID}")
    function = collection.configuration["embedding_function"]
    assert isinstance(function, OfflineEmbeddingFunction)
    assert function.name() == EF_NAME
    assert function.get_config() == {"embedder": MINILM_ID}
    found = collection.query(query_texts=["why do decisions wait?"], n_results=1)
    assert found["ids"][0][0].startswith("driver.decision_latency#")


def test_index_and_search_never_touch_the_network(
    tmp_path: Path, minilm: MiniLMInt8, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        msg = "network access attempted"
        raise AssertionError(msg)

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    index = KnowledgeIndex(open_client(data_dir=tmp_path), minilm)
    index.rebuild_knowledge(load_documents(_docs(tmp_path)))
    index.upsert_evidence([_item("org_a", "r1", "trucks leave before pallets are staged")])
    assert index.search_knowledge("what is decision latency?", k=1)[0].title == "Decision latency"
    assert index.search_evidence("org_a", "handoffs to transport", k=1)


def test_fallback_vectors_live_in_their_own_collections(hashed_index: KnowledgeIndex) -> None:
    hashed_index.upsert_evidence([_item("org_a", "r1", "approvals take a week")])
    names = {c.name for c in hashed_index.client.list_collections()}
    assert f"{EVIDENCE}-{HASHED_ID}" in names
    assert not any(name.endswith(MINILM_ID) for name in names)


def test_evidence_of_one_organization_never_reaches_another(hashed_index: KnowledgeIndex) -> None:
    hashed_index.upsert_evidence(
        [
            _item("org_a", "ra", "handoffs to transport fail when pallets are not staged"),
            _item("org_b", "rb", "handoffs to transport fail when pallets are not staged"),
            _item("org_b", "rb", "transport handoffs are our worst seam", question_id="q2"),
        ]
    )
    for org, respondent in (("org_a", "ra"), ("org_b", "rb")):
        hits = hashed_index.search_evidence(org, "handoffs to transport", k=10)
        assert hits
        assert {h.respondent_id for h in hits} == {respondent}
    assert hashed_index.search_evidence("org_c", "handoffs to transport") == []
    with pytest.raises(KnowledgeError, match="needs an organization"):
        hashed_index.search_evidence("", "handoffs")


def test_evidence_filters_by_domain_department_and_respondent(
    hashed_index: KnowledgeIndex,
) -> None:
    hashed_index.upsert_evidence(
        [
            _item("o", "ops1", "the warehouse never stages on time"),
            _item("o", "fin1", "the warehouse never stages on time", department="Finance"),
            _item("o", "ops2", "hiring takes months", domain="hiring_friction", question_id="h"),
        ]
    )
    assert {
        h.respondent_id for h in hashed_index.search_evidence("o", "x", department="finance")
    } == {"fin1"}
    domain = hashed_index.search_evidence("o", "x", domain="hiring_friction")
    assert [h.respondent_id for h in domain] == ["ops2"]
    assert [
        h.respondent_id for h in hashed_index.search_evidence("o", "x", respondent_id="ops1")
    ] == ["ops1"]


def test_a_later_answer_replaces_the_respondents_passage(hashed_index: KnowledgeIndex) -> None:
    hashed_index.upsert_evidence([_item("o", "r", "first version of the story")])
    hashed_index.upsert_evidence([_item("o", "r", "second version of the story")])
    assert hashed_index.count_evidence("o") == 1
    assert hashed_index.search_evidence("o", "story")[0].text == "second version of the story"
    hashed_index.clear_evidence("o")
    assert hashed_index.count_evidence("o") == 0


def test_changed_documents_make_the_index_stale(tmp_path: Path) -> None:
    index = KnowledgeIndex(open_client(data_dir=tmp_path), HashedNgrams())
    docs = load_documents(_docs(tmp_path))
    assert not index.knowledge_is_current(docs)
    assert index.rebuild_knowledge(docs) == 2
    assert index.knowledge_is_current(docs)
    changed = load_documents(_docs(tmp_path, body="Decisions wait for the monthly meeting."))
    assert not index.knowledge_is_current(changed)


def test_chroma_url_must_be_http(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="OIAR_CHROMA_URL"):
        open_client(data_dir=tmp_path, chroma_url="chroma-host:8000")


def test_concurrent_first_searches_build_the_knowledge_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server's warm-up thread and the first knowledge question race on a fresh index: a
    # second build used to drop the collection the first was filling ("does not exist").
    index = KnowledgeIndex(open_client(data_dir=tmp_path), HashedNgrams())
    builds: list[int] = []
    build = index._rebuild

    def slow_build(*args: Any, **kwargs: Any) -> int:
        builds.append(1)
        barrier_free.wait(timeout=0.5)  # let the other thread arrive while this one builds
        return build(*args, **kwargs)

    barrier_free = threading.Event()
    monkeypatch.setattr(index, "_rebuild", slow_build)
    failures: list[BaseException] = []

    def search() -> None:
        try:
            assert index.search_knowledge("decision latency", k=1)
        except BaseException as exc:  # collected for the assertion below
            failures.append(exc)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert builds == [1]

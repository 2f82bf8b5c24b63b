"""Erasure and offboarding with the evidence index on a Chroma server (OIAR_CHROMA_URL): a real
`chroma run` on an ephemeral loopback port, as in tests/knowledge/test_chroma_server.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chroma_support import chroma_server
from factories import Workspace
from privacy_support import EMAIL, Subject

from knowledge.embedding import HashedNgrams
from knowledge.index import EVIDENCE, KnowledgeIndex, open_client
from tools import privacy
from tools.knowledge import KnowledgeService


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


@pytest.fixture
def knowledge(workspace: Workspace, chroma_url: str, tmp_path: Path) -> Iterator[KnowledgeService]:
    """The evidence index on the server, fed by the workspace's store."""
    index = KnowledgeIndex(open_client(data_dir=tmp_path, chroma_url=chroma_url), HashedNgrams())
    service = KnowledgeService(data_dir=tmp_path, chroma_url=chroma_url, index=index)
    service.attach(workspace.store)
    yield service
    service.close()


def _server_documents(knowledge: KnowledgeService, org_id: str) -> list[str]:
    collection = knowledge.index.client.get_collection(f"{EVIDENCE}-{knowledge.index.embedder.id}")
    found = collection.get(where={"org_id": org_id}, include=["documents"])
    return [str(d) for d in found["documents"] or []]


def test_erase_removes_the_persons_quotes_from_the_server(
    workspace: Workspace, knowledge: KnowledgeService, subject: Subject
) -> None:
    assert any(EMAIL in d for d in _server_documents(knowledge, workspace.org.id))

    tombstone = privacy.erase_respondent(
        workspace.store,
        workspace.admin,
        workspace.org.id,
        subject.respondent_id,
        knowledge=knowledge,
    )

    assert tombstone.index_cleared and tombstone.removed["evidence_quotes"] == 2
    left = _server_documents(knowledge, workspace.org.id)
    assert not any(text in d for d in left for text in subject.texts)
    assert knowledge.index.evidence_of(workspace.org.id, subject.respondent_id) == []


def test_offboard_clears_the_orgs_passages_on_the_server(
    workspace: Workspace, knowledge: KnowledgeService, subject: Subject
) -> None:
    assert len(_server_documents(knowledge, workspace.org.id)) == 2
    privacy.offboard_org(
        workspace.store,
        workspace.admin,
        workspace.org.id,
        confirm=workspace.org.id,
        knowledge=knowledge,
    )
    assert _server_documents(knowledge, workspace.org.id) == []

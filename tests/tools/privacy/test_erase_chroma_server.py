"""Erasure and offboarding with the evidence index on a Chroma server (OIAR_CHROMA_URL): a real
`chroma run` on an ephemeral loopback port, as in tests/knowledge/test_chroma_server.py."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from chromadb.api import ServerAPI
from chromadb.api.shared_system_client import SharedSystemClient
from factories import Workspace
from privacy_support import EMAIL, Subject

from knowledge.embedding import HashedNgrams
from knowledge.index import EVIDENCE, KnowledgeIndex, open_client
from tools import privacy
from tools.knowledge import KnowledgeService

START_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _close_orphaned_sessions(before: set[str]) -> None:
    """chromadb's HttpClient leaves one unreferenced system with an open session per client;
    close those (see tests/knowledge/test_chroma_server.py)."""
    for identifier in set(SharedSystemClient._identifier_to_system) - before:
        if identifier in SharedSystemClient._identifier_to_refcount:
            continue
        system = SharedSystemClient._identifier_to_system.pop(identifier)
        session = getattr(system.instance(ServerAPI), "_session", None)  # type: ignore[type-abstract]
        system.stop()
        if session is not None:
            session.close()


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    beside = Path(sys.executable).with_name("chroma")
    binary = str(beside) if beside.exists() else shutil.which("chroma")
    if binary is None:
        pytest.skip("the chroma command is not installed")
    port = _free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [binary, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    systems_before = set(SharedSystemClient._identifier_to_system)
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"chroma run did not start; see {folder / 'server.log'}")
            time.sleep(0.2)
        yield url
    finally:
        _close_orphaned_sessions(systems_before)
        server.terminate()
        server.wait(timeout=10)
        log.close()


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

"""Server mode (OIAR_CHROMA_URL): a real `chroma run` on an ephemeral loopback port."""

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

from assistant.config import Settings
from knowledge.embedding import HASHED_ID, HashedNgrams
from knowledge.index import (
    EVIDENCE,
    EvidenceItem,
    KnowledgeIndex,
    OfflineEmbeddingFunction,
    open_client,
)
from tools.knowledge import KnowledgeService

START_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _close_orphaned_sessions(before: set[str]) -> None:
    """Close what chromadb 1.5's HttpClient leaves behind.

    Each HttpClient registers one extra system (its tenant check's) that no client counts or
    releases, holding an open HTTP session until interpreter exit; its sockets would then be
    reported as unclosed. Production runs one client per process, so only tests see it.
    """
    for identifier in set(SharedSystemClient._identifier_to_system) - before:
        if identifier in SharedSystemClient._identifier_to_refcount:
            continue
        system = SharedSystemClient._identifier_to_system.pop(identifier)
        session = getattr(system.instance(ServerAPI), "_session", None)  # type: ignore[type-abstract]
        system.stop()
        if session is not None:
            session.close()


def _chroma_binary() -> str | None:
    beside = Path(sys.executable).with_name("chroma")
    return str(beside) if beside.exists() else shutil.which("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = _chroma_binary()
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


def test_settings_chroma_url_reaches_the_server(chroma_url: str, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, chroma_url=chroma_url, data_dir=tmp_path)
    service = KnowledgeService(
        data_dir=settings.data_dir,
        chroma_url=settings.chroma_url,
        index=KnowledgeIndex(
            open_client(data_dir=settings.data_dir, chroma_url=settings.chroma_url),
            HashedNgrams(),
        ),
    )
    service.index.upsert_evidence(
        [
            EvidenceItem(
                org_id="org_srv",
                respondent_id="r1",
                department="Operations",
                question_id="cf_handoff_failures",
                domain="cross_functional_alignment",
                text="transport leaves before the warehouse has staged the pallets",
            )
        ]
    )
    # Nothing was written locally: the data lives in the server.
    assert not (tmp_path / "chroma").exists()
    # Another client, with no function passed, finds ours by name in the server's config.
    other = KnowledgeIndex(open_client(data_dir=tmp_path, chroma_url=chroma_url), HashedNgrams())
    try:
        collection = other.client.get_collection(f"{EVIDENCE}-{HASHED_ID}")
        function = collection.configuration["embedding_function"]
        assert isinstance(function, OfflineEmbeddingFunction)
        hits = other.search_evidence("org_srv", "handoffs to transport")
        assert [h.respondent_id for h in hits] == ["r1"]
    finally:
        other.close()
        service.close()

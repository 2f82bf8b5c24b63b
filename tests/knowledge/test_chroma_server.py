"""Server mode (OIAR_CHROMA_URL): a real `chroma run` on an ephemeral loopback port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from chroma_support import chroma_server

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


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


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

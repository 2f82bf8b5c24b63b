"""Fixtures for the index tests: the model loaded once, the knowledge index built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.embedding import MiniLMInt8, load_minilm
from knowledge.index import KnowledgeIndex, open_client


@pytest.fixture(scope="session")
def minilm() -> MiniLMInt8:
    """The default model (about half a second to load, once per session)."""
    return load_minilm()


@pytest.fixture(scope="session")
def built_index(minilm: MiniLMInt8, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeIndex:
    """The whole knowledge base indexed with the default model, shared by read-only tests."""
    path: Path = tmp_path_factory.mktemp("kb-index")
    index = KnowledgeIndex(open_client(data_dir=path), minilm)
    index.rebuild_knowledge()
    return index

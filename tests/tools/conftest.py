"""Fixtures for tool tests: an organization (and a second one) in the store of each backend,
and a knowledge service fed by it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import Workspace, make_workspace_of

from knowledge.embedding import HashedNgrams
from knowledge.index import KnowledgeIndex, open_client
from tools.knowledge import KnowledgeService
from tools.store import Store


@pytest.fixture
def workspace(store: Store) -> Workspace:
    return make_workspace_of(store)


@pytest.fixture
def other_workspace(store: Store) -> Workspace:
    """A second organization in the same store."""
    return make_workspace_of(store, name="Other Co")


@pytest.fixture
def knowledge(workspace: Workspace, tmp_path: Path) -> Iterator[KnowledgeService]:
    """A service on a tmp folder with the hashed embedder (fast; retrieval quality is tested
    in tests/knowledge), fed by the workspace's store."""
    index = KnowledgeIndex(open_client(data_dir=tmp_path / "k"), HashedNgrams())
    service = KnowledgeService(data_dir=tmp_path / "k", index=index)
    service.attach(workspace.store)
    yield service
    service.close()

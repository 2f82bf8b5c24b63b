"""Fixtures for the privacy tools: an evidence index fed by the workspace's store, and Dana
(see `privacy_support`)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import Workspace

from knowledge.embedding import HashedNgrams
from knowledge.index import KnowledgeIndex, open_client
from tools.knowledge import KnowledgeService

sys.path.insert(0, str(Path(__file__).parent))

from privacy_support import Subject, make_subject  # noqa: E402


@pytest.fixture
def knowledge(workspace: Workspace, tmp_path: Path) -> Iterator[KnowledgeService]:
    index = KnowledgeIndex(open_client(data_dir=tmp_path / "k"), HashedNgrams())
    service = KnowledgeService(data_dir=tmp_path / "k", index=index)
    service.attach(workspace.store)
    yield service
    service.close()


@pytest.fixture
def subject(workspace: Workspace, knowledge: KnowledgeService) -> Subject:
    return make_subject(workspace, knowledge)

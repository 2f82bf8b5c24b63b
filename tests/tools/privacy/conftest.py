"""Fixtures for the privacy tools: an evidence index fed by the workspace's store, and Dana
(see `privacy_support`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from factories import Workspace

from tools.knowledge import KnowledgeService

sys.path.insert(0, str(Path(__file__).parent))

from privacy_support import Subject, make_subject  # noqa: E402


@pytest.fixture
def subject(workspace: Workspace, knowledge: KnowledgeService) -> Subject:
    return make_subject(workspace, knowledge)

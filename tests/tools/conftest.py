"""Fixtures for tool tests: an organization (and a second one) in the store of each backend."""

from __future__ import annotations

import pytest
from factories import Workspace, make_workspace_of

from tools.store import Store


@pytest.fixture
def workspace(store: Store) -> Workspace:
    return make_workspace_of(store)


@pytest.fixture
def other_workspace(store: Store) -> Workspace:
    """A second organization in the same store."""
    return make_workspace_of(store, name="Other Co")

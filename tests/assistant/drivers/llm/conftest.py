"""Fixtures of the LLM driver tests: the scripted model and the OpenAI-compatible stub live
beside them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


import pytest  # noqa: E402

from tools.store import Store  # noqa: E402


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Store]:
    """A store on SQLite only, for tests about the driver rather than the backend."""
    store = Store.open(sqlite_url)
    yield store
    store.dispose()

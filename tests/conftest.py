"""Shared fixtures; the repo root is importable so tests can use tests/factories.py."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No OIAR_* or model-provider settings leak in from the developer's shell."""
    for name in list(os.environ):
        if name.startswith(("OIAR_", "OPENAI_", "ANTHROPIC_", "SLACK_")) and name != (
            "OIAR_TEST_DATABASE_URL"
        ):
            monkeypatch.delenv(name, raising=False)
    yield

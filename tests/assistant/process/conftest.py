"""Fixtures of the process tests: real `oiar serve` subprocesses, killed at teardown."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from process_support import Servers  # noqa: E402


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Servers]:
    """Start servers with `servers.start(env)`; every one is killed after the test, pass or fail."""
    started = Servers(tmp_path)
    try:
        yield started
    finally:
        started.close()

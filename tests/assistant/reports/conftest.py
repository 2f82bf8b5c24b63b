"""Report fixtures: the sample company seeded once per module."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from report_support import Sample, open_sample  # noqa: E402


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sample]:
    opened = open_sample(tmp_path_factory.mktemp("sample"))
    yield opened
    opened.store.dispose()

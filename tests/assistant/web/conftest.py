"""Browser-test fixtures: the sample company and the real app serving it on loopback."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "reports"))

from report_support import Sample, open_sample  # noqa: E402

from assistant.api.app import create_app  # noqa: E402
from assistant.api.server import BackgroundServer  # noqa: E402
from assistant.config import Settings  # noqa: E402


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[Sample]:
    opened = open_sample(tmp_path)
    yield opened
    opened.store.dispose()


@pytest.fixture
def server(sample: Sample) -> Iterator[BackgroundServer]:
    app = create_app(Settings(_env_file=None), store=sample.store)
    with BackgroundServer(app) as running:
        yield running

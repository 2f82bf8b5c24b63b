"""A local workspace with one organization, for the CLI commands that act on it."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from cli_support import runner  # noqa: E402  (importable only once the path is set)

from assistant.cli import app  # noqa: E402
from assistant.config import get_settings  # noqa: E402


@pytest.fixture
def org(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A workspace in a temporary data dir holding Acme ($100M, 10% margin, 400 people)."""
    monkeypatch.setenv("OIAR_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    out = runner.invoke(
        app,
        ["org", "create", "--name", "Acme", "--revenue", "1e8", "--margin", "0.1"]
        + ["--headcount", "400"],
    )
    assert out.exit_code == 0, out.output
    match = re.search(r"organization (org_\w+) created", out.output)
    assert match
    yield match.group(1)
    get_settings.cache_clear()

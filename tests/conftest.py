"""Shared fixtures: isolated environment, stores on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from factories import pg_schema  # noqa: E402  (importable only once the path is set)
from isolation import PG_ENV, isolate  # noqa: E402

_PG_URL = os.environ.get(PG_ENV)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    isolate(monkeypatch, tmp_path / ".oiar")
    yield


@pytest.fixture
def adaptive_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Apps built from settings ask by value of information and stop once the top three are
    settled, with a fresh estimate every turn (no reuse window: tests check the exact choice)."""
    monkeypatch.setenv("OIAR_QUESTION_ORDER", "adaptive")
    monkeypatch.setenv("OIAR_ADAPTIVE_REFRESH_S", "0")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL per backend: a tmp SQLite file, and a PostgreSQL schema when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'oiar.db').as_posix()}"
        return
    if not _PG_URL:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL tests skipped")
    with pg_schema(_PG_URL) as url:
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'oiar.db').as_posix()}"


@pytest.fixture
def store(database_url: str) -> Iterator[object]:
    """An opened, migrated store on each backend."""
    from tools.store import Store

    opened = Store.open(database_url)
    yield opened
    opened.dispose()

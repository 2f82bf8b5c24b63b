"""Shared fixtures: isolated environment, stores on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).parent))

PG_ENV = "OIAR_TEST_DATABASE_URL"
_PG_URL = os.environ.get(PG_ENV)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No OIAR_* or model-provider settings leak in from the developer's shell."""
    for name in list(os.environ):
        if name.startswith(("OIAR_", "OPENAI_", "ANTHROPIC_", "SLACK_")) and name != PG_ENV:
            monkeypatch.delenv(name, raising=False)
    yield


def _pg_schema_url(base: str) -> Iterator[str]:
    """A fresh schema on the test server, dropped afterwards: tests never see each other."""
    schema = f"oiar_test_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL per backend: a tmp SQLite file, and a PostgreSQL schema when configured."""
    if request.param == "sqlite":
        yield f"sqlite:///{(tmp_path / 'oiar.db').as_posix()}"
        return
    if not _PG_URL:
        pytest.skip(f"{PG_ENV} not set: PostgreSQL tests skipped")
    yield from _pg_schema_url(_PG_URL)


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

"""Engines, sessions and migrations of the workspace store.

SQLite (the embedded default) runs in WAL mode; write transactions start with BEGIN IMMEDIATE so
concurrent writers queue on the busy timeout instead of failing with "database is locked" when
a read transaction tries to upgrade. PostgreSQL serializes migrations with an advisory lock so
several app processes can start at once.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from importlib.resources import files
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from tools.caching import DigestCache
from tools.errors import ConflictError

SQLITE_BUSY_TIMEOUT_MS = 30_000
_MIGRATION_LOCK_ID = 7_100_771
# Alembic's `context` is process-global: migrations of two Stores in one process must not overlap.
_MIGRATION_THREAD_LOCK = threading.Lock()

# What a store call raises when the database cannot answer now (down, locked past the busy
# timeout, connection pool exhausted): front ends map these to "retry shortly" (HTTP 503).
STORE_UNAVAILABLE: tuple[type[Exception], ...] = (OperationalError, InterfaceError, PoolTimeout)


def _enable_wal(cursor: Any) -> None:
    """Switch a new file to WAL (a no-op once it is).

    The switch needs a write lock and SQLite fails it at once, without the busy wait, while
    another connection writes in the old journal mode (two processes creating the file), so
    retry for as long as the busy timeout.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event issue BEGIN itself, so we choose its kind.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engines(url: str) -> tuple[Engine, Engine]:
    """(writer, reader) engines for a database URL; one shared engine outside SQLite."""
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url, immediate=True), _sqlite_engine(url, immediate=False)
    # 20 kept open, not 10: a process serving 16 clients checks out more than 10 at once
    # (every request's key lookup, then its turn), and each connection past the pool's size
    # was closed on check-in and opened anew by the next request, a PostgreSQL backend
    # started and ended every few turns (measured: 246 connections in a 20 s load run, 20
    # with this pool). Still at most 30 per process, as before.
    engine = create_engine(url, pool_pre_ping=True, pool_size=20, max_overflow=10)
    return engine, engine


class Store:
    """The workspace database: sessions for tools, migrations at open."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.writer, self.reader = make_engines(url)
        self._write_sessions = sessionmaker(self.writer, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.reader, expire_on_commit=False)
        # SQLite has one writer at a time anyway; queueing this process's writers on a lock
        # replaces the busy handler's sleep-and-retry (long tails under load) with a fair wait.
        # Other processes still queue on the busy timeout.
        self._write_lock = threading.RLock() if self.is_sqlite else nullcontext()
        # Values derived from this store's rows and keyed by their input's digest (a score, a
        # governance report): shared by every front end on the store, gone with it.
        self.derived: DigestCache[object] = DigestCache(96)
        # Called after each committed write that appended answers (`tools.knowledge.feed`);
        # per store, so two stores in one process never see each other's answers.
        self.answer_listeners: list[Callable[[Sequence[Any], Any], None]] = []
        self.listeners_lock = threading.Lock()

    @classmethod
    def open(cls, url: str) -> Store:
        """Open the database at `url`, creating or upgrading its schema without losing data."""
        store = cls(url)
        store.migrate()
        return store

    @property
    def is_sqlite(self) -> bool:
        return self.writer.dialect.name == "sqlite"

    def migrate(self, revision: str = "head") -> None:
        with _MIGRATION_THREAD_LOCK, self.writer.connect() as connection:
            if self.is_sqlite:
                # One BEGIN IMMEDIATE for the whole upgrade: Alembic would commit after each
                # revision, letting another process read the version in between and then apply
                # a revision this one applies too ("table already exists").
                connection.begin()
            else:
                connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
            try:
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                connection.commit()
            finally:
                if not self.is_sqlite:
                    # A failed upgrade leaves the transaction aborted: end it so the unlock runs
                    # and the original error, not "transaction is aborted", reaches the caller.
                    connection.rollback()
                    connection.execute(
                        text("SELECT pg_advisory_unlock(:id)"), {"id": _MIGRATION_LOCK_ID}
                    )
                    connection.commit()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error."""
        with self._write_lock, self._write_sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session, session.begin():
            yield session

    @contextmanager
    def advisory_lock(self, key: int) -> Iterator[None]:
        """Hold PostgreSQL's session advisory lock `key` (every process on the database
        queues on it; a dying process's connection releases it). A no-op on SQLite."""
        if self.is_sqlite:
            yield
            return
        with self.writer.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:id)"), {"id": key})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": key})
                connection.commit()

    def dispose(self) -> None:
        self.writer.dispose()
        self.reader.dispose()


def add_unique(session: Session, row: object, conflict: str) -> None:
    """Add `row`, flushed in a savepoint; a unique-constraint clash is a ConflictError saying
    `conflict`, and the caller's transaction goes on."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError as exc:
        raise ConflictError(conflict) from exc


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(files("tools.store") / "migrations"))
    return config

"""Migrations: upgrades keep every row, reopening is a no-op, models and migrations agree."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from factories import make_org
from sqlalchemy import MetaData, inspect, text
from sqlalchemy.exc import DBAPIError

from tools import admin, rounds
from tools import interview as iv
from tools.store import Store, people
from tools.store import interviews as repo
from tools.store.db import alembic_config
from tools.store.orgs import PROFILE_FIELDS
from tools.store.schema import Base

REPO = Path(__file__).resolve().parents[3]
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def _revision(store: Store) -> str | None:
    with store.writer.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _counts(store: Store) -> dict[str, int]:
    tables = ("organizations", "respondents", "interviews", "answer_events", "api_keys")
    with store.reader.connect() as connection:
        return {
            t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
        }


def _seed_0001(store: Store) -> dict[str, str]:
    """Rows in every table revision 0001 has, written with 0001's own columns (reflected from
    the database, so later columns of the models never reach the old tables)."""
    tables = MetaData()
    tables.reflect(bind=store.writer)
    now = datetime(2026, 1, 5, 9, 0)
    org, person, interview = "org_legacy00001", "rsp_legacy00001", "itv_legacy00001"
    plaintext = people.KEY_PREFIX + "legacy-key-for-the-migration-test"
    rows = [
        ("organizations", {**make_org(name="Legacy Co").model_dump(include=set(PROFILE_FIELDS))}),
        (
            "respondents",
            {
                "id": person,
                "org_id": org,
                "name": "Olga",
                "role": "COO",
                "department": "Operations",
                "tags": [],
                "domains": [],
            },
        ),
        (
            "api_keys",
            {
                "id": "key_legacy00001",
                "org_id": org,
                "role": "admin",
                "name": "admin",
                "key_hash": people.hash_key(plaintext),
            },
        ),
        (
            "interviews",
            {
                "id": interview,
                "org_id": org,
                "respondent_id": person,
                "status": "active",
                "channel": "slack",
                "full_instrument": False,
                "updated_at": now,
            },
        ),
    ]
    rows[0][1].update(id=org, updated_at=now)
    with store.writer.begin() as connection:
        for name, row in rows:
            connection.execute(tables.tables[name].insert(), {"created_at": now, **row})
        for raw in ("about 15 a month", "20 a month"):
            connection.execute(
                tables.tables["answer_events"].insert(),
                {
                    "org_id": org,
                    "respondent_id": person,
                    "interview_id": interview,
                    "question_id": "lb_escalated_decisions",
                    "kind": "answer",
                    "raw_text": raw,
                    "channel": "slack",
                    "value": {"low": 20.0, "likely": 20.0, "high": 20.0, "point": True},
                    "created_at": now,
                },
            )
    return {"org": org, "person": person, "interview": interview, "key": plaintext}


def test_migrate_from_0001_with_rows_keeps_every_row(database_url: str) -> None:
    old = Store(database_url)
    old.migrate("0001")
    assert _revision(old) == "0001"
    assert "messages" not in inspect(old.writer).get_table_names()
    ids = _seed_0001(old)
    before = _counts(old)
    old.dispose()

    store = Store.open(database_url)
    try:
        assert _revision(store) == HEAD
        assert _counts(store) == before
        caller = admin.authenticate(store, ids["key"])
        assert caller is not None
        assert caller.org_id == ids["org"]
        assert admin.get_org(store, caller, ids["org"]).name == "Legacy Co"
        with store.read() as session:
            history = repo.respondent_history(session, ids["org"], ids["person"])
        assert [e.raw_text for e in history] == ["about 15 a month", "20 a month"]
        # 0006: everything answered before rounds is the organization's first round, open,
        # every event kept under its own id.
        listed = rounds.list_rounds(store, caller, ids["org"])
        assert [(r.label, r.status, r.answers) for r in listed] == [("Round 1", "open", 2)]
        assert {e.round_id for e in history} == {listed[0].id}
        assert [e.id for e in history] == sorted(e.id for e in history)
        # What 0002 adds works on the upgraded data.
        iv.log_messages(store, caller, ids["interview"], [("assistant", "Welcome back")])
        with store.read() as session:
            assert [m.text for m in repo.transcript(session, ids["interview"])] == ["Welcome back"]
    finally:
        store.dispose()


def test_open_up_to_date_store_again_keeps_data(database_url: str) -> None:
    first = Store.open(database_url)
    ids = _seed_0001(first)
    before = _counts(first)
    first.dispose()

    again = Store.open(database_url)
    try:
        assert _revision(again) == HEAD
        assert _counts(again) == before
        assert admin.authenticate(again, ids["key"]) is not None
    finally:
        again.dispose()


def test_models_match_migrations(store: Store) -> None:
    with store.writer.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_processes_opening_same_database_at_once_all_succeed(database_url: str) -> None:
    # Each app process opens (and migrates) the store at start; they must queue, not fail.
    start_at = time.time() + 1.0
    script = (
        "import sys, time\n"
        "from tools.store import Store\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))\n"
        "Store.open(sys.argv[1]).dispose()\n"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, database_url, str(start_at)],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    errors = [p.communicate(timeout=60)[1] for p in processes]
    failures = [err for p, err in zip(processes, errors, strict=True) if p.returncode != 0]

    assert failures == []
    store = Store(database_url)
    try:
        assert _revision(store) == HEAD
    finally:
        store.dispose()


def test_stores_opening_same_database_at_once_in_one_process_all_succeed(
    database_url: str,
) -> None:
    stores = [Store(database_url) for _ in range(4)]
    barrier = threading.Barrier(len(stores))
    errors: list[BaseException] = []

    def open_store(store: Store) -> None:
        try:
            barrier.wait()
            store.migrate()
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=open_store, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        assert all(_revision(s) == HEAD for s in stores)
    finally:
        for store in stores:
            store.dispose()


def test_failed_upgrade_leaves_database_as_it_was(database_url: str) -> None:
    # The whole upgrade is one transaction: 0001 applied and 0002 failing leaves nothing behind
    # (and another process waiting on it never starts from a half-applied version).
    store = Store(database_url)
    with store.writer.begin() as connection:
        connection.execute(text("CREATE TABLE messages (id INTEGER PRIMARY KEY)"))

    with pytest.raises(DBAPIError, match="messages"):
        store.migrate()

    try:
        assert _revision(store) is None
        assert inspect(store.writer).get_table_names() == ["messages"]
    finally:
        store.dispose()


def test_failed_migration_reports_its_cause_and_releases_the_lock(database_url: str) -> None:
    store = Store(database_url)
    store.migrate("0001")
    with store.writer.begin() as connection:
        connection.execute(text("CREATE TABLE messages (id INTEGER PRIMARY KEY)"))

    with pytest.raises(DBAPIError, match="messages"):
        store.migrate()

    with store.writer.begin() as connection:
        connection.execute(text("DROP TABLE messages"))
    # A second process (here: a thread with its own connection) can still migrate.
    retry = Store(database_url)
    worker = threading.Thread(target=retry.migrate, daemon=True)
    worker.start()
    worker.join(timeout=20)
    try:
        assert not worker.is_alive(), "the migration lock was never released"
        assert _revision(retry) == HEAD
    finally:
        store.dispose()
        retry.dispose()

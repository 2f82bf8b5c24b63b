"""The workspace store: append-only answers, transactions, SQLite WAL and concurrent writers."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime

import pytest
from factories import Workspace
from sqlalchemy import func, select

from tools import analysis
from tools import interview as iv
from tools.store import AnswerEvent, Organization, Store
from tools.store import interviews as repo


def _interview(ws: Workspace, name: str = "Olga", *, channel: str = "api") -> tuple[str, str]:
    person = ws.person(name, role="COO", department="Operations")
    caller = ws.caller("respondent", person.id, channel=channel)
    state = iv.start_interview(ws.store, caller, respondent_id=person.id, channel=channel)
    return person.id, state.id


def test_store_sqlite_file_is_in_wal_mode(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    try:
        for engine in (store.writer, store.reader):
            with engine.connect() as connection:
                mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
                assert mode == "wal"
    finally:
        store.dispose()


def test_store_new_sqlite_file_locked_by_another_writer_waits_then_opens(
    sqlite_url: str,
) -> None:
    # Another process is writing the brand-new file in rollback-journal mode: switching it to WAL
    # must wait for that writer (as every other statement does), not fail "database is locked".
    path = sqlite_url.removeprefix("sqlite:///")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE legacy (id INTEGER)")
    release = threading.Timer(0.2, other.execute, ("COMMIT",))
    release.start()
    started = time.monotonic()
    try:
        store = Store.open(sqlite_url)
    finally:
        release.join()
        other.close()
    try:
        assert time.monotonic() - started >= 0.15
        with store.reader.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        store.dispose()


def test_answer_revised_adds_event_and_keeps_history(workspace: Workspace) -> None:
    ws = workspace
    person = ws.person("Olga", role="COO", department="Operations")
    slack = ws.caller("respondent", person.id, channel="slack")
    state = iv.start_interview(ws.store, slack, respondent_id=person.id, channel="slack")
    assert state.pending is not None
    first_question = state.pending.id
    iv.record_answer(ws.store, slack, state.id, text="about 15 a month")
    web = ws.caller("respondent", person.id, channel="web")

    revised = iv.record_answer(
        ws.store, web, state.id, text="more like 25 a month", question_id=first_question
    )

    assert revised.previous == "15 a month"
    with ws.store.read() as session:
        history = repo.respondent_history(session, ws.org.id, person.id)
        current = repo.current_events(session, ws.org.id, person.id)
    assert [(e.question_id, e.raw_text, e.channel) for e in history] == [
        (first_question, "about 15 a month", "slack"),
        (first_question, "more like 25 a month", "web"),
    ]
    assert all(e.respondent_id == person.id and e.interview_id == state.id for e in history)
    assert all(isinstance(e.created_at, datetime) for e in history)
    assert history[0].created_at <= history[1].created_at
    assert current[first_question].raw_text == "more like 25 a month"
    assert current[first_question].value == {"low": 25, "likely": 25, "high": 25, "point": True}


def test_answer_revised_current_answers_show_only_latest(workspace: Workspace) -> None:
    ws = workspace
    _, interview_id = _interview(ws)
    state = iv.get_state(ws.store, ws.admin, interview_id)
    assert state.pending is not None
    question = state.pending.id
    for words in ("10 a month", "12 a month", "20 a month"):
        iv.record_answer(ws.store, ws.admin, interview_id, text=words, question_id=question)

    rows = analysis.list_answers(ws.store, ws.admin, ws.org.id, history=False)

    assert [(r.question_id, r.raw_text) for r in rows] == [(question, "20 a month")]
    assert iv.get_state(ws.store, ws.admin, interview_id).progress.answered == 1


def test_store_write_error_rolls_back_everything(workspace: Workspace) -> None:
    ws = workspace
    with pytest.raises(RuntimeError), ws.store.write() as session:
        org = session.get(Organization, ws.org.id)
        assert org is not None
        org.name = "Renamed"
        session.flush()
        msg = "boom"
        raise RuntimeError(msg)

    with ws.store.read() as session:
        org = session.get(Organization, ws.org.id)
        assert org is not None
        assert org.name == ws.org.name


def test_store_concurrent_writers_all_succeed(workspace: Workspace) -> None:
    ws = workspace
    interviews = [_interview(ws, f"Leader {n}")[1] for n in range(4)]
    barrier = threading.Barrier(len(interviews))
    errors: list[BaseException] = []

    def answer_all(interview_id: str) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                iv.skip_question(ws.store, ws.admin, interview_id)
        except BaseException as exc:  # noqa: BLE001 - collected and re-raised below
            errors.append(exc)

    threads = [threading.Thread(target=answer_all, args=(i,)) for i in interviews]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    with ws.store.read() as session:
        count = session.scalar(select(func.count()).select_from(AnswerEvent))
    assert count == 4 * 5
    for interview_id in interviews:
        assert iv.get_state(ws.store, ws.admin, interview_id).progress.skipped == 5


def test_store_concurrent_turns_on_one_interview_never_skip_a_question(
    workspace: Workspace,
) -> None:
    ws = workspace
    _, interview_id = _interview(ws)
    barrier = threading.Barrier(4)
    skipped: list[str] = []
    lock = threading.Lock()

    def skip_once() -> None:
        barrier.wait()
        recorded = iv.skip_question(ws.store, ws.admin, interview_id)
        with lock:
            skipped.append(recorded.question_id)

    threads = [threading.Thread(target=skip_once) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # Turns queue on the interview (row lock / BEGIN IMMEDIATE): four skips, four questions.
    assert len(set(skipped)) == 4
    assert iv.get_state(ws.store, ws.admin, interview_id).progress.skipped == 4


def test_store_postgresql_pool_keeps_sixteen_connections_open(database_url: str) -> None:
    # 16 clients check out 16 connections at once; a smaller pool closed the extra ones on
    # check-in and the next requests opened them again (a PostgreSQL backend each time).
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite opens a file, not a pooled server connection")
    store = Store(database_url)
    try:
        connections = [store.writer.connect() for _ in range(16)]
        for connection in connections:
            connection.close()
        assert store.writer.pool.checkedin() == 16  # type: ignore[attr-defined]
    finally:
        store.dispose()

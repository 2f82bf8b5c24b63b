"""Retention: old transcripts, Slack dedupe records and access-log rows go; answers stay; one
run per period however many processes ask."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from factories import Workspace
from privacy_support import Subject
from sqlalchemy import func, select, update

from tools import privacy
from tools.privacy import RetentionPolicy, run_retention
from tools.slack import workspaces as slack_ws
from tools.store import Store
from tools.store.schema import AccessLogEntry, AnswerEvent, Message, SlackEvent

NOW = datetime.now(UTC)


def _age(ws: Workspace, model: type, column: str, days: int) -> None:
    when = NOW.replace(tzinfo=None) - timedelta(days=days)
    with ws.store.write() as session:
        session.execute(update(model).values({column: when}))


def _count(ws: Workspace, model: type) -> int:
    with ws.store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_prune_removes_only_rows_older_than_their_retention(
    workspace: Workspace, subject: Subject
) -> None:
    ws = workspace
    slack_ws.claim_event(ws.store, "Ev-old", "T0ACME")
    privacy.record_access(ws.store, ws.admin, route="/v1/orgs/{org_id}/answers")
    _age(ws, Message, "created_at", 400)
    _age(ws, SlackEvent, "received_at", 8)
    _age(ws, AccessLogEntry, "at", 800)
    slack_ws.claim_event(ws.store, "Ev-new", "T0ACME")  # today: kept
    answers = _count(ws, AnswerEvent)

    result = run_retention(ws.store, RetentionPolicy(), NOW)

    assert result.ran
    assert (result.transcript_lines, result.slack_events, result.access_log_rows) == (2, 1, 1)
    assert _count(ws, Message) == 0 and _count(ws, SlackEvent) == 1
    assert _count(ws, AnswerEvent) == answers  # the assessment itself is never pruned


def test_prune_keeps_rows_younger_than_retention_and_zero_keeps_forever(
    workspace: Workspace, subject: Subject
) -> None:
    _age(workspace, Message, "created_at", 400)
    result = run_retention(workspace.store, RetentionPolicy(transcript_days=0), NOW)
    assert result.ran and result.transcript_lines == 0 and _count(workspace, Message) == 2
    _age(workspace, Message, "created_at", 300)
    forced = run_retention(workspace.store, RetentionPolicy(), NOW, force=True)
    assert forced.ran and forced.transcript_lines == 0


def test_second_run_in_the_same_period_does_nothing_unless_forced(workspace: Workspace) -> None:
    policy = RetentionPolicy(every=timedelta(hours=24))
    assert run_retention(workspace.store, policy, NOW).ran
    assert not run_retention(workspace.store, policy, NOW + timedelta(hours=23)).ran
    assert run_retention(workspace.store, policy, NOW + timedelta(hours=23), force=True).ran
    assert run_retention(workspace.store, policy, NOW + timedelta(hours=48)).ran


def test_processes_asking_at_once_prune_once(workspace: Workspace, database_url: str) -> None:
    stores = [Store.open(database_url) for _ in range(4)]
    results: list[bool] = []
    gate = threading.Barrier(len(stores))

    def ask(store: Store) -> None:
        gate.wait()
        results.append(run_retention(store, RetentionPolicy(), NOW).ran)

    threads = [threading.Thread(target=ask, args=(s,)) for s in stores]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        for s in stores:
            s.dispose()
    assert sorted(results) == [False, False, False, True]


def test_retention_loop_runs_the_job_in_the_background_and_stops(workspace: Workspace) -> None:
    from tools.privacy import RetentionLoop
    from tools.store import privacy as repo

    loop = RetentionLoop(workspace.store, RetentionPolicy(), check_s=0.02)
    loop.start()
    try:
        deadline = datetime.now(UTC) + timedelta(seconds=10)
        while datetime.now(UTC) < deadline:
            with workspace.store.read() as session:
                job = repo.get_job(session, "retention")
                if job is not None and job.last_result is not None:
                    break
            threading.Event().wait(0.02)
    finally:
        loop.stop()
    assert job is not None and job.last_result is not None and job.last_result["ran"] is True
    assert not any(t.name == "oiar-retention" for t in threading.enumerate())

"""Retention: raw transcripts, Slack event dedupe records and the access log are deleted once
older than their configured age, by a job that runs once a period across every app process.

Every app process may run `RetentionLoop` (the HTTP server starts one) and cron may run
`oiar privacy prune`: each asks `run_retention`, which claims the job's lease row in the
transaction that prunes (`tools.store.privacy.claim_job`), so one of them prunes and the rest
see it done. Answers are never pruned: they are the assessment itself (erase a person instead).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from pydantic import BaseModel

from tools.campaigns.schedule import to_naive_utc
from tools.store import privacy as repo
from tools.store import slack as slack_repo
from tools.store.db import Store

JOB = "retention"
logger = logging.getLogger("oiar.privacy")


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """Ages in days; 0 keeps that kind of row forever."""

    transcript_days: int = 365
    slack_event_days: int = 7
    access_log_days: int = 730
    every: timedelta = timedelta(hours=24)


class PruneResult(BaseModel):
    ran: bool
    at: datetime
    transcript_lines: int = 0
    slack_events: int = 0
    access_log_rows: int = 0


def _holder() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}"


def run_retention(
    store: Store, policy: RetentionPolicy, now: datetime, *, force: bool = False
) -> PruneResult:
    """Prune what is older than the policy allows, unless another process did this period
    (`ran` False). `force` runs even so (the operator's explicit `oiar privacy prune`)."""
    now = to_naive_utc(now)
    every = timedelta(0) if force else policy.every
    with store.write() as session:
        if not repo.claim_job(session, JOB, now=now, every=every, holder=_holder()):
            return PruneResult(ran=False, at=now)
        result = PruneResult(ran=True, at=now)
        if policy.transcript_days:
            before = now - timedelta(days=policy.transcript_days)
            result.transcript_lines = repo.prune_messages(session, before)
        if policy.slack_event_days:
            before = now - timedelta(days=policy.slack_event_days)
            result.slack_events = slack_repo.prune_events(session, before)
        if policy.access_log_days:
            before = now - timedelta(days=policy.access_log_days)
            result.access_log_rows = repo.prune_access_log(session, before)
        repo.record_job_result(session, JOB, result.model_dump(mode="json"))
    logger.info(
        "retention: pruned %d transcript lines, %d slack events, %d access log rows",
        result.transcript_lines,
        result.slack_events,
        result.access_log_rows,
    )
    return result


class RetentionLoop:
    """A daemon thread asking `run_retention` every `check_s` seconds until stopped."""

    def __init__(self, store: Store, policy: RetentionPolicy, *, check_s: float) -> None:
        self.store = store
        self.policy = policy
        self.check_s = check_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="oiar-retention", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.check_s):
            try:
                run_retention(self.store, self.policy, datetime.now().astimezone())
            except Exception:  # logged, never raised: the next check tries again
                logger.exception("retention run failed")

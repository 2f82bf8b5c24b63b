"""Adaptive interviewing: ask next what would most settle the ranking of the top domains.

The organization's current state (every respondent's answers, benchmarks elsewhere) goes
through `scoring.voi`; among the open questions of *this* respondent's plan (role filtering is
the plan's job), the one feeding the input with the highest value of information comes next,
ties (zeros included) in plan order, which is by priority. Once each of the top three holds its
rank in at least 90% of draws the ranking is settled and no further question is offered,
unless the interview is for the full instrument (the facilitator asked for every question).

One VOI estimate per organization answer-state: cached by the hash of the scoring input, so a
turn that changes nothing (a skip, a pause) costs a store read and a hash. And a turn reuses
the organization's latest estimate while it is younger than `refresh_s`: re-estimating reads
every answer of the organization and simulates them (30 ms and up, growing with the
organization), paid inside a chat turn, while one more answer moves the value of information
little. A stale estimate is refreshed in the background (one per organization at a time, in
an estimator process of its own, so it never holds the server's interpreter lock) while turns
go on with the previous one, so under load (many respondents of one organization at once) no
turn waits for an estimate (an organization's very first turns take the plan's order until its
first estimate lands), and the cost is one estimate per organization every `refresh_s`; a
person answering at human speed gets an estimate at most one answer old.

`AdaptiveEstimator` owns all of it (its caches, the refresh threads and the estimator process):
the app builds one, starts it with the server and stops it at shutdown. Without one, an
interview asks in the plan's order (by priority) and never stops early.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Literal

from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from knowledge import Question
from scoring import ScoringError, input_sha256
from scoring.voi import VOI_DRAWS, RankingUncertainty, value_of_information
from tools.analysis import results as analysis
from tools.caching import DigestCache
from tools.store.db import Store

__all__ = ["AdaptiveEstimator", "QuestionOrder", "next_question"]

logger = logging.getLogger("oiar.adaptive")

# "adaptive" (value of information, with the stop rule) or "priority" (the plan's fixed order,
# no early stop).
QuestionOrder = Literal["adaptive", "priority"]

_CACHE_SIZE = 256


class AdaptiveEstimator:
    """The ranking uncertainty of each organization, estimated off the chat turn.

    Args:
        store: Where a background refresh reads the committed answers.
        order: "priority" keeps the plan's order (the estimator then estimates nothing).
        refresh_s: Seconds a turn may reuse its organization's latest estimate; 0 estimates
            on every turn, in the turn (tests that check the exact choice).
        duty: A costly estimate is reused longer, so re-estimating takes at most 1/duty of
            the time (5%: 40 ms of estimate every 2 s, 200 ms every 4 s).
        in_process: Estimate on a thread of this process instead of the estimator process;
            by default, only when another process cannot open the database (in-memory SQLite).
    """

    def __init__(
        self,
        store: Store,
        *,
        order: QuestionOrder = "adaptive",
        refresh_s: float = 2.0,
        duty: float = 20.0,
        in_process: bool | None = None,
    ) -> None:
        if refresh_s < 0 or duty <= 0:
            msg = f"refresh_s must be >= 0 and duty > 0, not {refresh_s} and {duty}"
            raise ValueError(msg)
        self.store = store
        self.order: QuestionOrder = order
        self.refresh_s = refresh_s
        self.duty = duty
        self.in_process = not _shareable(store.url) if in_process is None else in_process
        self._estimates: DigestCache[RankingUncertainty] = DigestCache(_CACHE_SIZE)
        self._latest: OrderedDict[str, tuple[float, RankingUncertainty, float]] = OrderedDict()
        self._refreshing: set[str] = set()
        self._threads: set[threading.Thread] = set()
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._executor_lock = threading.Lock()
        self._stopped = False

    @property
    def adaptive(self) -> bool:
        return self.order == "adaptive"

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the estimator process now, at server start: its imports take a second or
        two, which would otherwise delay an organization's first estimate."""
        self._stopped = False
        if self.adaptive and self.refresh_s > 0 and not self.in_process:
            self._process().submit(_ready)

    def stop(self, timeout: float = 30.0) -> None:
        """Wait for refreshes in flight, then stop the estimator process; turns meanwhile
        and afterwards keep the latest estimates, and no new refresh starts."""
        self._stopped = True
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
        self._stop_process()

    def __enter__(self) -> AdaptiveEstimator:
        self.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def forget(self) -> None:
        """Drop every cached estimate (benchmarks timing a cold choice)."""
        self._estimates.clear()
        with self._lock:
            self._latest.clear()

    def wait(self, timeout: float = 30.0) -> None:
        """Wait for the refreshes in flight (tests and benchmarks that need their result)."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)

    # -- estimates -------------------------------------------------------------------------

    def window(self, took: float) -> float:
        """How long an estimate that took `took` seconds may be reused (0 keeps none)."""
        return max(self.refresh_s, self.duty * took) if self.refresh_s > 0 else 0.0

    def ranking_uncertainty(
        self, session: Session, org_id: str, *, now: float | None = None
    ) -> RankingUncertainty | None:
        """The organization's ranking uncertainty now (or as of at most `refresh_s` ago);
        None when it cannot be scored or no estimate has landed yet (the plan's order then
        stands: an interview never stops for an estimate's sake).

        A stale or missing estimate is refreshed in the background and this turn uses the
        stale one, so no chat turn waits for an estimate; with `refresh_s` 0 the estimate
        is made here, through `session` (which sees this turn's unflushed answers).
        """
        now = time.monotonic() if now is None else now
        with self._lock:
            recent = self._latest.get(org_id)
            if recent is not None and now - recent[0] < self.window(recent[2]):
                return recent[1]
            # One refresh per organization at a time: turns meanwhile keep the previous
            # estimate rather than all re-estimating at once when the window expires.
            if org_id in self._refreshing:
                return recent[1] if recent is not None else None
            background = self.refresh_s > 0
            if background and self._stopped:
                return recent[1] if recent is not None else None
            self._refreshing.add(org_id)
            if background:
                thread = threading.Thread(
                    target=self._refresh, args=(org_id,), name="oiar-adaptive-refresh", daemon=True
                )
                self._threads.add(thread)
        if background:
            thread.start()
            return recent[1] if recent is not None else None
        started = time.perf_counter()
        try:
            found = self._estimate(session, org_id)
        finally:
            with self._lock:
                self._refreshing.discard(org_id)
        self._remember(org_id, now, found, time.perf_counter() - started)
        return found

    def refresh(self, org_id: str) -> RankingUncertainty | None:
        """Estimate now from the committed answers (as a background refresh would) and keep
        the result as the organization's latest."""
        with self._lock:
            self._refreshing.add(org_id)
        return self._refresh(org_id)

    def _refresh(self, org_id: str) -> RankingUncertainty | None:
        """The committed answers, read in a session of its own, in the estimator process
        when the database can be opened from there, else on this thread."""
        found = None
        started = time.perf_counter()
        try:
            if self.in_process:
                with self.store.read() as session:
                    found = self._estimate(session, org_id)
            else:
                with self._lock:
                    recent = self._latest.get(org_id)
                known = recent[1].input_sha256 if recent is not None else None
                got = self._process().submit(_estimate_from_url, self.store.url, org_id, known)
                answer = got.result()
                if isinstance(answer, str):  # UNCHANGED: the latest estimate still holds
                    found = recent[1] if recent is not None else None
                else:
                    found = answer
        except BrokenProcessPool:  # the estimator died (killed, out of memory): start afresh
            logger.warning("the adaptive estimator process died; starting a new one", exc_info=True)
            self._stop_process()
        except Exception as exc:  # logged: the turns go on with the previous estimate
            # One line (a workspace removed under a refresh is expected, e.g. the demo's);
            # the stack only with debug logging on.
            logger.warning(
                "refreshing the adaptive order for %s failed: %s",
                org_id,
                _first_line(exc),
                exc_info=logger.isEnabledFor(logging.DEBUG),
            )
        finally:
            with self._lock:
                self._refreshing.discard(org_id)
                self._threads.discard(threading.current_thread())
        self._remember(org_id, time.monotonic(), found, time.perf_counter() - started)
        return found

    def _remember(
        self, org_id: str, when: float, found: RankingUncertainty | None, took: float
    ) -> None:
        if found is None:
            return
        with self._lock:
            self._latest[org_id] = (when, found, took)
            self._latest.move_to_end(org_id)
            if len(self._latest) > _CACHE_SIZE:
                self._latest.popitem(last=False)

    def _estimate(self, session: Session, org_id: str) -> RankingUncertainty | None:
        try:
            inp = analysis.scoring_input(session, org_id, draws=VOI_DRAWS)
            digest = input_sha256(inp)
            return self._estimates.get_or_compute(
                digest, lambda: value_of_information(inp, digest=digest)
            )
        except ScoringError as exc:
            logger.warning("adaptive order unavailable for %s: %s", org_id, exc)
            return None

    # -- the estimator process -------------------------------------------------------------
    # An estimate reads every answer of the organization into Python objects and simulates
    # them: for an organization of 3,000 answers, 80 to 150 ms of work that holds the
    # interpreter lock in slices of 5 ms, each one a pause of the server's event loop and of
    # every chat turn in flight. In a process of its own it takes a core's time, not the
    # loop's. Spawned, not forked: forking a process with threads running can copy a held lock.

    def _process(self) -> ProcessPoolExecutor:
        with self._executor_lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=get_context("spawn"),
                    initializer=_follow_parent,
                    initargs=(os.getpid(),),
                )
            return self._executor

    def _stop_process(self) -> None:
        with self._executor_lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def process_ids(self) -> list[int]:
        """The estimator process's id, once a refresh or `start` has spawned it (operators
        watching the server's processes; tests)."""
        with self._executor_lock:
            executor = self._executor
        if executor is None:
            return []
        # Submitting a no-op makes sure the process is up before reading its id.
        return [executor.submit(os.getpid).result(timeout=60)]

    # -- choosing --------------------------------------------------------------------------

    def next_question(
        self,
        open_questions: Sequence[Question],
        uncertainty: RankingUncertainty | None,
        *,
        full_instrument: bool,
    ) -> Question | None:
        """The open question worth most for the ranking (see `next_question`)."""
        if not self.adaptive:
            return open_questions[0] if open_questions else None
        return next_question(open_questions, uncertainty, full_instrument=full_instrument)


def next_question(
    open_questions: Sequence[Question],
    uncertainty: RankingUncertainty | None,
    *,
    full_instrument: bool,
) -> Question | None:
    """The open question worth most for the ranking; None when none is open, or when the
    ranking is settled and the interview is not for the full instrument. Without an estimate,
    the plan's order."""
    if not open_questions:
        return None
    if uncertainty is None:
        return open_questions[0]
    if uncertainty.settled and not full_instrument:
        return None
    feeds = [q.feeds for q in open_questions]
    best = uncertainty.best(feeds)
    return open_questions[feeds.index(best)] if best is not None else open_questions[0]


def _shareable(url: str) -> bool:
    """Whether another process can open the same database (not an in-memory SQLite)."""
    parsed = make_url(url)
    return parsed.get_backend_name() != "sqlite" or parsed.database not in (None, "", ":memory:")


# -- in the estimator process ------------------------------------------------------------------


def _follow_parent(parent: int) -> None:
    """Exit when the server does, however it ends (a killed server runs no clean-up, and an
    orphaned estimator would live on holding its files)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="oiar-estimator-parent-watch", daemon=True).start()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


def _ready() -> None:
    """Nothing: run in the estimator process once its imports are done."""


UNCHANGED = "unchanged"


def _estimate_from_url(url: str, org_id: str, known: str | None) -> RankingUncertainty | str | None:
    """An estimate from a store opened for this one read (schema left alone), or UNCHANGED
    when the input's digest is `known` (the caller's latest estimate still holds). Opening a
    store costs milliseconds against an estimate's tens, and leaves the process holding
    nothing between refreshes."""
    store = Store(url)
    try:
        with store.read() as session:
            inp = analysis.scoring_input(session, org_id, draws=VOI_DRAWS)
        digest = input_sha256(inp)
        if digest == known:
            return UNCHANGED
        return value_of_information(inp, digest=digest)
    except ScoringError as exc:
        logger.warning("adaptive order unavailable for %s: %s", org_id, exc)
        return None
    finally:
        store.dispose()

"""Adaptive interviewing: ask next what would most settle the ranking of the top domains.

The organization's current state (every respondent's answers, benchmarks elsewhere) goes
through `scoring.voi`; among the open questions of *this* respondent's plan (role filtering is
the plan's job), the one feeding the input with the highest value of information comes next,
ties (zeros included) in plan order, which is by priority. Once each of the top three holds its
rank in at least 90% of draws the ranking is settled and no further question is offered,
unless the interview is for the full instrument (the facilitator asked for every question).

One VOI estimate per organization answer-state: cached by the hash of the scoring input, so a
turn that changes nothing (a skip, a pause) costs a store read and a hash. And a turn reuses
the organization's latest estimate while it is younger than `REFRESH_S`: re-estimating reads
every answer of the organization and simulates them (30 ms and up, growing with the
organization), paid inside a chat turn, while one more answer moves the value of information
little. A stale estimate is refreshed in the background (one per organization at a time, in
an estimator process of its own, so it never holds the server's interpreter lock) while turns
go on with the previous one, so under load (many respondents of one organization at once) no
turn waits for an estimate (an organization's very first turns take the plan's order until its
first estimate lands), and the cost is one estimate per organization every `REFRESH_S`; a
person answering at human speed gets an estimate at most one answer old.
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
from tools.store.db import Store

logger = logging.getLogger("oiar.adaptive")

# "adaptive" (value of information, with the stop rule) or "priority" (the plan's fixed order,
# no early stop). Process-wide; suites written against the fixed order pin "priority".
ORDER: Literal["adaptive", "priority"] = "adaptive"

# Seconds a turn may reuse its organization's latest estimate (0: re-estimate every turn);
# longer for a large organization, whose estimate costs more: re-estimating takes at most
# 1 / REFRESH_DUTY of the time (5%: 40 ms of estimate every 2 s, 200 ms every 4 s).
REFRESH_S = 2.0
REFRESH_DUTY = 20.0

_CACHE_SIZE = 256
_cache: OrderedDict[str, RankingUncertainty] = OrderedDict()
# org id -> (time.monotonic() of the estimate, the estimate, seconds it took)
_latest: OrderedDict[str, tuple[float, RankingUncertainty, float]] = OrderedDict()
_refreshing: set[str] = set()
_lock = threading.Lock()


def _window(took: float) -> float:
    """How long an estimate that took `took` seconds may be reused (0 keeps none)."""
    return max(REFRESH_S, REFRESH_DUTY * took) if REFRESH_S > 0 else 0.0


def forget() -> None:
    """Drop every cached estimate (benchmarks timing a cold choice; tests)."""
    with _lock:
        _cache.clear()
        _latest.clear()


def ranking_uncertainty(
    session: Session, org_id: str, *, now: float | None = None, store: Store | None = None
) -> RankingUncertainty | None:
    """The organization's ranking uncertainty now (or as of at most `REFRESH_S` ago); None
    when it cannot be scored (the plan's order then stands: an interview never stops for an
    estimate's sake).

    Args:
        store: When given and the latest estimate is stale or missing, it is refreshed from
            the store in a background thread and this turn uses the stale one (or, with none
            yet, the plan's order), so no chat turn waits for an estimate.
    """
    now = time.monotonic() if now is None else now
    with _lock:
        recent = _latest.get(org_id)
        if recent is not None and now - recent[0] < _window(recent[2]):
            return recent[1]
        # One refresh per organization at a time: turns meanwhile keep the previous estimate
        # rather than all re-estimating at once when the window expires.
        if recent is not None and org_id in _refreshing:
            return recent[1]
        if recent is None and org_id in _refreshing:
            return None
        _refreshing.add(org_id)
        background = store is not None and REFRESH_S > 0
    if background:
        assert store is not None
        threading.Thread(
            target=_refresh, args=(store, org_id), name="oiar-adaptive-refresh", daemon=True
        ).start()
        # Without any estimate yet, this turn takes the plan's order (None).
        return recent[1] if recent is not None else None
    started = time.perf_counter()
    try:
        found = _estimate(session, org_id)
    finally:
        with _lock:
            _refreshing.discard(org_id)
    _remember(org_id, now, found, time.perf_counter() - started)
    return found


def _refresh(store: Store, org_id: str) -> None:
    """A background refresh: the committed answers, read in a session of its own, in the
    estimator process when the database can be opened from there, else on this thread."""
    found = None
    started = time.perf_counter()
    try:
        if _shareable(store.url):
            found = _estimator().submit(_estimate_from_url, store.url, org_id).result()
        else:
            with store.read() as session:
                found = _estimate(session, org_id)
    except BrokenProcessPool:  # the estimator died (killed, out of memory): start afresh
        logger.warning("the adaptive estimator process died; starting a new one", exc_info=True)
        shutdown()
    except Exception:  # logged: the turns go on with the previous estimate
        logger.warning("refreshing the adaptive order for %s failed", org_id, exc_info=True)
    finally:
        with _lock:
            _refreshing.discard(org_id)
    _remember(org_id, time.monotonic(), found, time.perf_counter() - started)


# The estimator process. An estimate reads every answer of the organization into Python
# objects and simulates them: for an organization of 3,000 answers, 80 to 150 ms of work that
# holds the interpreter lock in slices of 5 ms, each one a pause of the server's event loop
# and of every chat turn in flight. In a process of its own it takes a core's time, not the
# loop's. Spawned, not forked: forking a process with threads running can copy a held lock.
_executor: ProcessPoolExecutor | None = None
_executor_lock = threading.Lock()


def _estimator() -> ProcessPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ProcessPoolExecutor(
                max_workers=1,
                mp_context=get_context("spawn"),
                initializer=_follow_parent,
                initargs=(os.getpid(),),
            )
        return _executor


def shutdown() -> None:
    """Stop the estimator process (server shutdown); the next refresh starts a new one."""
    global _executor
    with _executor_lock:
        executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True, cancel_futures=True)


def _follow_parent(parent: int) -> None:
    """In the estimator process: exit when the server does, however it ends (a killed
    server runs no clean-up, and an orphaned estimator would live on holding its files)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, name="oiar-estimator-parent-watch", daemon=True).start()


def _shareable(url: str) -> bool:
    """Whether another process can open the same database (not an in-memory SQLite)."""
    parsed = make_url(url)
    return parsed.get_backend_name() != "sqlite" or parsed.database not in (None, "", ":memory:")


def prepare(store: Store) -> None:
    """Start the estimator process now, at server start: its imports take a second or two,
    which would otherwise delay an organization's first estimate."""
    if ORDER == "adaptive" and REFRESH_S > 0 and _shareable(store.url):
        _estimator().submit(_ready)


def _ready() -> None:
    """Nothing: run in the estimator process once its imports are done."""


_child_stores: dict[str, Store] = {}


def _estimate_from_url(url: str, org_id: str) -> RankingUncertainty | None:
    """In the estimator process: the estimate from a store of its own (schema left alone)."""
    store = _child_stores.get(url)
    if store is None:
        store = _child_stores[url] = Store(url)
    with store.read() as session:
        return _estimate(session, org_id)


def _remember(org_id: str, when: float, found: RankingUncertainty | None, took: float) -> None:
    if found is None:
        return
    with _lock:
        _latest[org_id] = (when, found, took)
        _latest.move_to_end(org_id)
        if len(_latest) > _CACHE_SIZE:
            _latest.popitem(last=False)


def _estimate(session: Session, org_id: str) -> RankingUncertainty | None:
    try:
        inp = analysis.scoring_input(session, org_id, draws=VOI_DRAWS)
        digest = input_sha256(inp)
        with _lock:
            if digest in _cache:
                _cache.move_to_end(digest)
                return _cache[digest]
        found = value_of_information(inp, digest=digest)
    except ScoringError as exc:
        logger.warning("adaptive order unavailable for %s: %s", org_id, exc)
        return None
    with _lock:
        _cache[digest] = found
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return found


def next_question(
    open_questions: Sequence[Question],
    uncertainty: RankingUncertainty | None,
    *,
    full_instrument: bool,
) -> Question | None:
    """The open question worth most for the ranking; None when none is open, or when the
    ranking is settled and the interview is not for the full instrument."""
    if not open_questions:
        return None
    if ORDER == "priority" or uncertainty is None:
        return open_questions[0]
    if uncertainty.settled and not full_instrument:
        return None
    feeds = [q.feeds for q in open_questions]
    best = uncertainty.best(feeds)
    return open_questions[feeds.index(best)] if best is not None else open_questions[0]

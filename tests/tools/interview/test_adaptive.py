"""Adaptive interviewing: value-of-information order within the role's plan, the stop rule."""

from __future__ import annotations

import os
import threading
import time
from typing import Any

import pytest
from factories import Workspace

from assistant.drivers.rules import RulesDriver
from knowledge import load_instrument
from scoring.voi import RankingUncertainty
from tools import interview as iv
from tools.access import Caller
from tools.interview import InterviewView, adaptive
from tools.interview.plan import plan
from tools.store import people

pytestmark = pytest.mark.usefixtures("adaptive_order")
INSTRUMENT = load_instrument()


def _start(
    ws: Workspace, name: str, role: str, department: str, *, full: bool = False
) -> tuple[Any, Caller, InterviewView]:
    person = ws.person(name, role=role, department=department)
    caller = ws.caller("respondent", person.id)
    state = iv.start_interview(ws.store, caller, respondent_id=person.id, full_instrument=full)
    return person, caller, state


def _uncertainty(ws: Workspace) -> RankingUncertainty:
    with ws.store.read() as session:
        found = adaptive.ranking_uncertainty(session, ws.org.id)
    assert found is not None
    return found


def _join_refreshes() -> None:
    """Wait for background refreshes (a test must not leave one reading a dropped database)."""
    for thread in [t for t in threading.enumerate() if t.name == "oiar-adaptive-refresh"]:
        thread.join(timeout=30)


def _settled(*_: object, **__: object) -> RankingUncertainty:
    return RankingUncertainty(
        input_sha256="x", order=(), hold={}, settled=True, values={"decision_wait_days": 1.0}
    )


def test_adaptive_first_question_is_worth_most_within_the_plan(workspace: Workspace) -> None:
    person, _, state = _start(workspace, "Cathy", "CFO", "Finance")

    with workspace.store.read() as session:
        respondent = people.get_respondent(session, workspace.org.id, person.id)
        assert respondent is not None
        planned = plan(respondent, full_instrument=False)
    values = _uncertainty(workspace).values
    assert state.pending is not None
    assert state.pending.id in {q.id for q in planned}
    best = max(planned, key=lambda q: values[q.feeds])
    assert state.pending.id == best.id
    assert state.pending.number == 1


def test_adaptive_every_question_asked_is_in_the_roles_plan(workspace: Workspace) -> None:
    person, caller, state = _start(workspace, "Ian", "CIO", "IT")
    with workspace.store.read() as session:
        respondent = people.get_respondent(session, workspace.org.id, person.id)
        assert respondent is not None
        allowed = {q.id for q in plan(respondent, full_instrument=False)}
    asked = []
    while state.pending is not None and len(asked) < 40:
        asked.append(state.pending.id)
        question = INSTRUMENT.by_id[state.pending.id]
        iv.record_answer(workspace.store, caller, state.id, text=question.example)
        state = iv.get_state(workspace.store, caller, state.id)

    assert asked and set(asked) <= allowed
    assert len(asked) == len(set(asked))
    assert state.status == "done"


def test_adaptive_order_reads_other_respondents_answers(workspace: Workspace) -> None:
    before = _uncertainty(workspace)
    _, caller, state = _start(workspace, "Olga", "COO", "Operations")
    assert state.pending is not None
    iv.record_answer(workspace.store, caller, state.id, text="3-4 weeks")

    after = _uncertainty(workspace)

    assert after.input_sha256 != before.input_sha256
    # The same state is served from the cache, not estimated again.
    assert _uncertainty(workspace) is after


def test_adaptive_settled_ranking_stops_offering_questions(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adaptive, "ranking_uncertainty", _settled)

    _, caller, state = _start(workspace, "Olga", "COO", "Operations")

    assert state.status == "done" and state.pending is None
    assert state.settled and state.progress.remaining > 0
    with iv.open_interview(workspace.store, caller, state.id) as handle:
        reply = RulesDriver(workspace.store).opening(handle)
    assert "settle the ranking" in reply and "keep going" in reply


def test_adaptive_settled_but_full_instrument_keeps_asking(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adaptive, "ranking_uncertainty", _settled)

    _, _, state = _start(workspace, "Olga", "COO", "Operations", full=True)

    assert state.status == "active" and state.pending is not None
    assert not state.settled


def test_adaptive_settled_respondent_may_keep_going(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adaptive, "ranking_uncertainty", _settled)
    _, caller, state = _start(workspace, "Olga", "COO", "Operations")

    with iv.open_interview(workspace.store, caller, state.id) as handle:
        reply = RulesDriver(workspace.store).respond(handle, "keep going")
        resumed = handle.state()

    assert resumed.status == "active" and resumed.pending is not None
    assert resumed.pending.text in reply


def test_adaptive_next_question_is_fast(workspace: Workspace) -> None:
    _, caller, state = _start(workspace, "Olga", "COO", "Operations")
    assert state.pending is not None
    iv.record_answer(workspace.store, caller, state.id, text=state.pending.example)
    with iv.open_interview(workspace.store, caller, state.id, write=False) as handle:
        adaptive.forget()
        started = time.perf_counter()
        handle.next_open()
        elapsed = time.perf_counter() - started

    # The target is 100 ms (bench/bench_adaptive.py measures it); loose here for slow CI.
    assert elapsed < 1.0


def test_an_estimate_is_reused_within_the_refresh_window(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under load a turn reuses its organization's estimate for REFRESH_S: one answer moves the
    value of information little, and re-estimating reads every answer of the organization."""
    monkeypatch.setattr(adaptive, "REFRESH_S", 2.0)
    monkeypatch.setattr(adaptive, "REFRESH_DUTY", 0.0)
    _, caller, state = _start(workspace, "Olga", "COO", "Operations")
    _join_refreshes()
    t0 = time.monotonic() + 1_000  # ahead of the clock the answer's own turn reads
    with workspace.store.read() as session:
        first = adaptive.ranking_uncertainty(session, workspace.org.id, now=t0)
    assert state.pending is not None
    iv.record_answer(workspace.store, caller, state.id, text=state.pending.example)
    _join_refreshes()

    with workspace.store.read() as session:
        within = adaptive.ranking_uncertainty(session, workspace.org.id, now=t0 + 1.5)
        after = adaptive.ranking_uncertainty(session, workspace.org.id, now=t0 + 2.5)

    assert first is not None and within is first
    assert after is not None and after.input_sha256 != first.input_sha256


def test_a_stale_estimate_refreshes_in_the_background_while_the_turn_uses_it(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(adaptive, "REFRESH_S", 2.0)
    monkeypatch.setattr(adaptive, "REFRESH_DUTY", 0.0)
    _, caller, state = _start(workspace, "Olga", "COO", "Operations")
    _join_refreshes()
    t0 = time.monotonic() + 1_000
    with workspace.store.read() as session:
        first = adaptive.ranking_uncertainty(session, workspace.org.id, now=t0)
    assert first is not None and state.pending is not None
    iv.record_answer(workspace.store, caller, state.id, text=state.pending.example)
    _join_refreshes()

    with workspace.store.read() as session:
        stale = adaptive.ranking_uncertainty(
            session, workspace.org.id, now=t0 + 5, store=workspace.store
        )
    assert stale is first  # the turn did not wait for a new estimate
    _join_refreshes()
    with workspace.store.read() as session:
        refreshed = adaptive.ranking_uncertainty(session, workspace.org.id, now=time.monotonic())
    assert refreshed is not None and refreshed.input_sha256 != first.input_sha256


def test_a_costly_estimate_is_reused_longer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large organization's estimate costs more, so it is refreshed less often: at most
    1/REFRESH_DUTY of the time goes to estimating."""
    monkeypatch.setattr(adaptive, "REFRESH_S", 2.0)
    monkeypatch.setattr(adaptive, "REFRESH_DUTY", 20.0)
    assert adaptive._window(0.05) == 2.0
    assert adaptive._window(0.2) == pytest.approx(4.0)
    monkeypatch.setattr(adaptive, "REFRESH_S", 0.0)
    assert adaptive._window(0.2) == 0.0


def test_a_background_refresh_runs_in_the_estimator_process(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A refresh reads every answer of the organization: in a process of its own it never
    holds the server's interpreter lock, and it finds what an estimate on the spot finds."""
    monkeypatch.setattr(adaptive, "REFRESH_S", 2.0)
    monkeypatch.setattr(adaptive, "REFRESH_DUTY", 0.0)
    assert adaptive._shareable(workspace.store.url)
    _, caller, state = _start(workspace, "Olga", "COO", "Operations")
    assert state.pending is not None
    iv.record_answer(workspace.store, caller, state.id, text=state.pending.example)
    _join_refreshes()
    adaptive.forget()

    with workspace.store.read() as session:
        # No estimate yet: this turn takes the plan's order and the refresh starts.
        assert (
            adaptive.ranking_uncertainty(session, workspace.org.id, store=workspace.store) is None
        )
    _join_refreshes()
    with workspace.store.read() as session:
        landed = adaptive.ranking_uncertainty(session, workspace.org.id, store=workspace.store)
    executor = adaptive._executor
    assert executor is not None
    workers = list(executor._processes.values())  # the spawned estimator
    assert workers and all(w.pid != os.getpid() and w.is_alive() for w in workers)

    monkeypatch.setattr(adaptive, "REFRESH_S", 0.0)
    adaptive.forget()
    with workspace.store.read() as session:
        on_the_spot = adaptive.ranking_uncertainty(session, workspace.org.id)
    assert landed is not None and on_the_spot is not None
    assert landed.input_sha256 == on_the_spot.input_sha256
    assert landed.values == on_the_spot.values


def test_a_dead_estimator_is_replaced_by_the_next_refresh(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An estimator killed from outside (out of memory, an operator) costs one refresh: the
    next one starts a new process and the adaptive order resumes."""
    monkeypatch.setattr(adaptive, "REFRESH_S", 2.0)
    monkeypatch.setattr(adaptive, "REFRESH_DUTY", 0.0)
    _start(workspace, "Olga", "COO", "Operations")
    _join_refreshes()
    executor = adaptive._estimator()
    executor.submit(os.getpid).result(timeout=60)  # the process is up
    for worker in list(executor._processes.values()):
        worker.kill()
        worker.join(timeout=30)

    def refresh() -> RankingUncertainty | None:
        adaptive.forget()
        adaptive._refresh(workspace.store, workspace.org.id)
        with workspace.store.read() as session:
            return adaptive.ranking_uncertainty(session, workspace.org.id, store=workspace.store)

    refresh()  # finds the process dead
    assert refresh() is not None
    assert adaptive._executor is not None and adaptive._executor is not executor

"""Whole interviews through the engine's public turn API, every intent, resume, disagreement."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import Any

import pytest
from factories import make_workspace

from assistant.engine import Engine, TurnResult
from knowledge import load_instrument
from tools import admin, analysis
from tools import interview as iv
from tools.access import Caller
from tools.errors import AnswerRejected, NotFoundError


def _start(
    store: Any,
    *,
    name: str = "Dana Ruiz",
    role: str = "COO",
    department: str = "Operations",
    **kwargs: Any,
) -> tuple[Engine, Caller, TurnResult]:
    org, _, caller = make_workspace(store)
    respondent = admin.add_respondent(
        store, caller, org.id, name=name, role=role, department=department, **kwargs
    )
    engine = Engine(store)
    return engine, caller, engine.start(caller, respondent_id=respondent.id)


def _example(turn: TurnResult) -> str:
    assert turn.question is not None
    return turn.question.example


def test_interview_answered_with_examples_runs_to_done(store: Any) -> None:
    engine, caller, turn = _start(store)
    assert "skip" in turn.reply.lower() and turn.question is not None
    total = turn.progress.total
    assert 10 <= total <= 30
    for _ in range(total):
        turn = engine.turn(caller, turn.interview_id, _example(turn))
        assert "Recorded:" in turn.reply, turn.reply
        if turn.done:
            break
    assert turn.done and turn.question is None
    assert turn.progress.answered == total
    assert "thank" in turn.reply.lower()


def test_answer_confirms_what_was_understood(store: Any) -> None:
    engine, caller, turn = _start(store)
    assert turn.question is not None and turn.question.id == "lb_escalated_decisions"
    turn = engine.turn(caller, turn.interview_id, "about 15 a month")
    assert "Recorded: 15 a month" in turn.reply
    assert turn.progress.answered == 1
    assert turn.question is not None and turn.question.text in turn.reply


def test_unreadable_answer_is_reasked_with_example_and_not_recorded(store: Any) -> None:
    engine, caller, turn = _start(store)
    first = turn.question
    turn = engine.turn(caller, turn.interview_id, "lots and lots")
    assert turn.progress.answered == 0
    assert turn.question == first
    assert first is not None and first.example in turn.reply


def test_skip_and_dont_know_move_on_and_count_as_skipped(store: Any) -> None:
    engine, caller, turn = _start(store)
    q1 = turn.question
    turn = engine.turn(caller, turn.interview_id, "skip")
    q2 = turn.question
    assert q2 != q1
    turn = engine.turn(caller, turn.interview_id, "no idea honestly")
    assert turn.question not in (q1, q2)
    assert turn.progress.skipped == 2 and turn.progress.answered == 0
    assert "assumption" in turn.reply.lower()


def test_back_reopens_previous_question_and_new_answer_replaces_it(store: Any) -> None:
    engine, caller, turn = _start(store)
    turn = engine.turn(caller, turn.interview_id, "10 a month")
    turn = engine.turn(caller, turn.interview_id, "back")
    assert turn.question is not None and turn.question.id == "lb_escalated_decisions"
    turn = engine.turn(caller, turn.interview_id, "20 a month")
    assert "Recorded: 20 a month" in turn.reply
    assert turn.progress.answered == 1
    rows = analysis.list_answers(store, caller, caller.org_id)
    assert [r.raw_text for r in rows] == ["10 a month", "20 a month"]


def test_change_my_answer_revises_last_and_keeps_history(store: Any) -> None:
    engine, caller, turn = _start(store)
    turn = engine.turn(caller, turn.interview_id, "12 a month")
    pending = turn.question
    turn = engine.turn(caller, turn.interview_id, "change my answer to 30 a month")
    assert "30 a month" in turn.reply and "12 a month" in turn.reply
    assert turn.question == pending
    current = analysis.list_answers(store, caller, caller.org_id, history=False)
    assert [r.display for r in current] == ["30 a month"]
    assert len(analysis.list_answers(store, caller, caller.org_id)) == 2


def test_pause_then_resume_continues_where_left(store: Any) -> None:
    engine, caller, turn = _start(store)
    turn = engine.turn(caller, turn.interview_id, "15")
    pending = turn.question
    turn = engine.turn(caller, turn.interview_id, "pause")
    assert iv.get_state(store, caller, turn.interview_id).status == "paused"
    assert "1" in turn.reply
    turn = engine.turn(caller, turn.interview_id, "resume")
    assert turn.question == pending
    assert iv.get_state(store, caller, turn.interview_id).status == "active"


def test_status_and_help_keep_the_question_open(store: Any) -> None:
    engine, caller, turn = _start(store)
    turn = engine.turn(caller, turn.interview_id, "15 a month")
    pending = turn.question
    status = engine.turn(caller, turn.interview_id, "status")
    assert status.question == pending and str(turn.progress.total) in status.reply
    helped = engine.turn(caller, turn.interview_id, "help")
    assert helped.question == pending and "skip" in helped.reply.lower()
    assert helped.progress.answered == 1


def test_biggest_drag_mid_interview_answers_with_figures_then_resumes(store: Any) -> None:
    engine, caller, turn = _start(store)
    pending = turn.question
    turn = engine.turn(caller, turn.interview_id, "what's our biggest drag?")
    assert "$" in turn.reply and "bps" in turn.reply
    assert turn.question == pending and turn.progress.answered == 0


def test_why_names_the_domain_and_its_drivers(store: Any) -> None:
    engine, caller, _ = _start(store)
    reply = engine.ask(caller, "why is hiring where it is?")
    assert "Hiring Friction" in reply and "Time to competency" in reply


def test_where_does_money_leak_lists_nine_domains(store: Any) -> None:
    engine, caller, _ = _start(store)
    reply = engine.ask(caller, "where does the money leak?")
    assert all(f"{rank}." in reply for rank in range(1, 10))


def test_cfo_is_not_asked_shop_floor_handoffs(store: Any) -> None:
    engine, caller, turn = _start(store, name="Marcus Chen", role="CFO", department="Finance")
    plan = _plan_ids(engine, caller, turn)
    assert "cf_handoff_failures" not in plan
    assert any(q.startswith("pl_") for q in plan)


def test_assigned_domain_adds_its_questions(store: Any) -> None:
    engine, caller, turn = _start(
        store,
        name="Marcus Chen",
        role="CFO",
        department="Finance",
        domains=["cross_functional_alignment"],
    )
    assert "cf_handoff_failures" in _plan_ids(engine, caller, turn)


def _plan_ids(engine: Engine, caller: Caller, turn: TurnResult) -> set[str]:
    seen = set()
    while not turn.done and turn.question is not None:
        seen.add(turn.question.id)
        turn = engine.turn(caller, turn.interview_id, "skip")
    return seen


def test_empty_or_huge_message_rejected(store: Any) -> None:
    engine, caller, turn = _start(store)
    with pytest.raises(AnswerRejected):
        engine.turn(caller, turn.interview_id, "   ")
    with pytest.raises(AnswerRejected):
        engine.turn(caller, turn.interview_id, "9" * 5_000)


def test_respondent_cannot_talk_in_someone_elses_interview(store: Any) -> None:
    engine, admin_caller, turn = _start(store)
    other = admin.add_respondent(store, admin_caller, admin_caller.org_id, name="Other")
    stranger = Caller(org_id=admin_caller.org_id, role="respondent", respondent_id=other.id)
    with pytest.raises(NotFoundError):
        engine.turn(stranger, turn.interview_id, "15")


def test_two_departments_disagree_and_score_says_so(store: Any) -> None:
    org, _, caller = make_workspace(store)
    engine = Engine(store)
    for name, role, dept, wait in (
        ("Dana Ruiz", "COO", "Operations", "2 days"),
        ("Marcus Chen", "CFO", "Finance", "9 days"),
    ):
        person = admin.add_respondent(
            store,
            caller,
            org.id,
            name=name,
            role=role,
            department=dept,
            domains=["leadership_bandwidth"],
        )
        turn = engine.start(caller, respondent_id=person.id)
        while turn.question is not None and turn.question.id != "lb_decision_wait":
            turn = engine.turn(caller, turn.interview_id, "skip")
        engine.turn(caller, turn.interview_id, wait)
    result = analysis.score_organization(store, caller, org.id)
    (found,) = [d for d in result.disagreements if d.key == "decision_wait_days"]
    assert {v.department for v in found.values} == {"Operations", "Finance"}
    assert (
        "Finance" in next(d for d in result.domains if d.key == "leadership_bandwidth").explanation
    )


def test_resume_after_restart_in_a_new_process(sqlite_url: str) -> None:
    from tools.store import Store

    store = Store.open(sqlite_url)
    engine, caller, turn = _start(store)
    turn = engine.turn(caller, turn.interview_id, "15 a month")
    expected = turn.question
    store.dispose()
    script = textwrap.dedent(
        f"""
        from assistant.engine import Engine
        from tools.access import Caller
        from tools.store import Store
        store = Store.open({sqlite_url!r})
        caller = Caller(org_id={caller.org_id!r}, role="admin")
        turn = Engine(store).turn(caller, {turn.interview_id!r}, "3-5 days")
        print(turn.progress.answered, turn.question.id if turn.question else None)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    answered, next_id = out.stdout.split()
    assert expected is not None and expected.id == "lb_decision_wait"
    assert answered == "2" and next_id != expected.id
    assert next_id in load_instrument().by_id


def test_why_with_a_question_open_explains_why_we_ask(store: Any) -> None:
    engine, caller, turn = _start(store)
    pending = turn.question
    assert pending is not None
    turn = engine.turn(caller, turn.interview_id, "why?")
    assert pending.why in turn.reply and turn.question == pending


def test_greeting_keeps_the_question_open(store: Any) -> None:
    engine, caller, turn = _start(store)
    pending = turn.question
    turn = engine.turn(caller, turn.interview_id, "hi there")
    assert turn.question == pending and turn.progress.answered == 0
    assert "help" in turn.reply.lower()


def _count_writes(store: Any, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many write transactions the store opens from now on (one element per call)."""
    opened: list[int] = []
    write = store.write

    def counted() -> Any:
        opened.append(1)
        return write()

    monkeypatch.setattr(store, "write", counted)
    return opened


def test_rejected_answer_stores_nothing_and_logs_the_reask(
    store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, caller, turn = _start(store)
    writes = _count_writes(store, monkeypatch)

    reask = engine.turn(caller, turn.interview_id, "lots and lots")

    record = iv.get_record(store, caller, turn.interview_id)
    assert record.answers == []
    assert [(m.sender, m.text) for m in record.transcript[-2:]] == [
        ("respondent", "lots and lots"),
        ("assistant", reask.reply),
    ]
    # The example the person was shown, scaled to the organization.
    assert turn.question is not None and turn.question.example
    assert turn.question.example in reask.reply and len(writes) == 1


def test_button_click_goes_through_the_engine_like_typed_text(
    store: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed_engine, typed_caller, typed = _start(store)
    engine, caller, clicked = _start(store)
    assert typed.question is not None and clicked.question == typed.question
    writes = _count_writes(store, monkeypatch)

    by_text = typed_engine.turn(typed_caller, typed.interview_id, "about 15 a month")
    writes.clear()
    by_click = engine.choose(
        caller,
        clicked.interview_id,
        question_id=typed.question.id,
        choice="answer",
        value="about 15 a month",
    )

    assert len(writes) == 1
    assert by_click.reply == "Recorded: 15 a month."
    assert by_text.reply.startswith(by_click.reply)
    assert by_click.question == by_text.question and by_click.progress == by_text.progress
    assert by_click.chosen == typed.question and by_click.was_pending
    assert by_click.recorded is not None and by_click.recorded.display == "15 a month"
    record = iv.get_record(store, caller, clicked.interview_id)
    assert [(a.question_id, a.display) for a in record.answers] == [
        (typed.question.id, "15 a month")
    ]
    assert [(m.sender, m.text) for m in record.transcript[-2:]] == [
        ("respondent", "about 15 a month"),
        ("assistant", "Recorded: 15 a month."),
    ]


def test_button_click_unreadable_value_is_rejected_and_nothing_changes(store: Any) -> None:
    engine, caller, turn = _start(store)
    assert turn.question is not None
    before = iv.get_record(store, caller, turn.interview_id)

    with pytest.raises(AnswerRejected):
        engine.choose(
            caller, turn.interview_id, question_id=turn.question.id, choice="answer", value="lots"
        )

    assert iv.get_record(store, caller, turn.interview_id) == before


def test_button_skip_and_pause_move_the_interview(store: Any) -> None:
    engine, caller, turn = _start(store)
    assert turn.question is not None

    skipped = engine.choose(caller, turn.interview_id, question_id=turn.question.id, choice="skip")
    assert skipped.recorded is not None and skipped.recorded.kind == "skip"
    assert skipped.question is not None and skipped.question.id != turn.question.id
    paused = engine.choose(
        caller, turn.interview_id, question_id=skipped.question.id, choice="pause"
    )

    assert paused.recorded is None and paused.state.status == "paused"
    assert paused.reply.startswith("Paused")
    assert engine.resume(caller, turn.interview_id).progress.skipped == 1

"""Interview tools: who is asked what, in which order, and how answers, skips and turns behave."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from factories import Workspace

from knowledge import load_instrument
from tools import interview as iv
from tools.access import Caller
from tools.errors import AnswerRejected, ConflictError, ForbiddenError, NotFoundError
from tools.interview import InterviewView

INSTRUMENT = load_instrument()


def _start(
    ws: Workspace,
    name: str = "Olga",
    role: str | None = "COO",
    department: str | None = "Operations",
    *,
    full_instrument: bool = False,
    **fields: object,
) -> tuple[Caller, InterviewView]:
    """A respondent, their own caller, and their freshly started interview."""
    person = ws.person(name, role=role, department=department, **fields)
    caller = ws.caller("respondent", person.id)
    state = iv.start_interview(
        ws.store, caller, respondent_id=person.id, full_instrument=full_instrument
    )
    return caller, state


def _plan_ids(ws: Workspace, caller: Caller, state: InterviewView) -> list[str]:
    """Question ids of the interview in the order asked (skips through every question)."""
    ids = []
    current = state
    while current.pending is not None:
        ids.append(current.pending.id)
        iv.skip_question(ws.store, caller, current.id)
        current = iv.get_state(ws.store, caller, current.id)
    return ids


def test_start_interview_points_at_first_question(workspace: Workspace) -> None:
    _, state = _start(workspace)

    assert state.status == "active"
    assert state.pending is not None
    assert state.pending.number == 1
    assert state.pending.total == state.progress.total > 0
    assert state.pending.example
    assert (state.progress.answered, state.progress.skipped) == (0, 0)


def test_plan_cfo_finance_not_asked_shop_floor_questions(workspace: Workspace) -> None:
    caller, state = _start(workspace, "Cathy", role="CFO", department="Finance")

    asked = _plan_ids(workspace, caller, state)

    assert "cf_handoff_failures" not in asked
    assert "ir_hours_per_exception" not in asked
    assert all("finance" in INSTRUMENT.by_id[q].ask for q in asked)
    assert "pl_expedite" in asked


def test_plan_coo_operations_asked_handoff_questions(workspace: Workspace) -> None:
    caller, state = _start(workspace, "Olga", role="COO", department="Operations")

    asked = _plan_ids(workspace, caller, state)

    assert "cf_handoff_failures" in asked
    assert "pl_downtime" not in asked  # a finance-only figure


def test_plan_assigned_domain_adds_its_questions(workspace: Workspace) -> None:
    caller, state = _start(
        workspace,
        "Cathy",
        role="CFO",
        department="Finance",
        domains=["cross_functional_alignment"],
    )

    asked = _plan_ids(workspace, caller, state)

    assert "cf_handoff_failures" in asked
    domain_inputs = {q.feeds for q in INSTRUMENT.for_domain("cross_functional_alignment")}
    assert domain_inputs <= {INSTRUMENT.by_id[q].feeds for q in asked}
    # One phrasing per input: the same thing is never asked twice.
    feeds = [INSTRUMENT.by_id[q].feeds for q in asked]
    assert len(feeds) == len(set(feeds))


def test_plan_tags_override_job_title(workspace: Workspace) -> None:
    caller, state = _start(workspace, "Ian", role="Director", department=None, tags=["it"])

    asked = _plan_ids(workspace, caller, state)

    assert all("it" in INSTRUMENT.by_id[q].ask for q in asked)


def test_plan_full_instrument_asks_every_question(workspace: Workspace) -> None:
    _, state = _start(workspace, "Cathy", role="CFO", department="Finance", full_instrument=True)

    assert state.progress.total == len(INSTRUMENT.questions)


def test_plan_orders_questions_by_priority(workspace: Workspace) -> None:
    caller, state = _start(workspace, "Olga", role="COO", department="Operations")

    asked = _plan_ids(workspace, caller, state)

    priorities = [INSTRUMENT.by_id[q].priority for q in asked]
    assert priorities == sorted(priorities)
    assert priorities[0] == 1


def test_record_answer_parses_and_moves_on(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    assert state.pending is not None
    first = state.pending

    recorded = iv.record_answer(workspace.store, caller, state.id, text=first.example)

    assert recorded.question_id == first.id
    assert recorded.kind == "answer"
    assert recorded.display
    after = iv.get_state(workspace.store, caller, state.id)
    assert after.progress.answered == 1
    assert after.pending is not None
    assert after.pending.id != first.id
    assert after.pending.number == 2


def test_progress_counts_answers_skips_and_dont_knows(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    store = workspace.store
    assert state.pending is not None
    iv.record_answer(store, caller, state.id, text=state.pending.example)
    iv.skip_question(store, caller, state.id)
    iv.skip_question(store, caller, state.id, dont_know=True)

    progress = iv.get_state(store, caller, state.id).progress

    assert (progress.answered, progress.skipped) == (1, 2)
    assert progress.remaining == progress.total - 3


def test_interview_done_when_every_question_answered_or_skipped(workspace: Workspace) -> None:
    caller, state = _start(workspace, "Cathy", role="CFO", department="Finance")
    store = workspace.store
    answered = 0
    while state.pending is not None:
        if state.pending.number % 3:
            iv.record_answer(store, caller, state.id, text=state.pending.example)
            answered += 1
        else:
            iv.skip_question(store, caller, state.id)
        state = iv.get_state(store, caller, state.id)

    assert state.status == "done"
    assert state.progress.remaining == 0
    assert state.progress.answered == answered
    with pytest.raises(ConflictError, match="complete"):
        iv.record_answer(store, caller, state.id, text="12")


def test_record_answer_dont_know_recorded_without_value(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    assert state.pending is not None

    recorded = iv.record_answer(workspace.store, caller, state.id, text="no idea")

    assert recorded.kind == "dont_know"
    assert recorded.question_id == state.pending.id
    progress = iv.get_state(workspace.store, caller, state.id).progress
    assert (progress.answered, progress.skipped) == (0, 1)


def test_record_answer_unreadable_rejected_with_message_and_example(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    assert state.pending is not None

    with pytest.raises(AnswerRejected) as caught:
        iv.record_answer(workspace.store, caller, state.id, text="banana")

    assert "banana" in caught.value.message
    assert caught.value.example
    after = iv.get_state(workspace.store, caller, state.id)
    assert after.pending == state.pending
    assert after.progress == state.progress


def test_record_answer_to_question_outside_plan_not_found(workspace: Workspace) -> None:
    caller, state = _start(workspace, "Cathy", role="CFO", department="Finance")

    with pytest.raises(NotFoundError, match="cf_handoff_failures"):
        iv.record_answer(
            workspace.store, caller, state.id, text="8 a month", question_id="cf_handoff_failures"
        )


def test_go_back_reopens_previous_question_and_revises(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    store = workspace.store
    assert state.pending is not None
    first = state.pending
    iv.record_answer(store, caller, state.id, text=first.example)
    second = iv.get_state(store, caller, state.id).pending
    assert second is not None
    iv.skip_question(store, caller, state.id)

    back = iv.go_back(store, caller, state.id)

    assert back is not None
    assert back.id == second.id
    assert iv.get_state(store, caller, state.id).pending == back
    back_again = iv.go_back(store, caller, state.id)
    assert back_again is not None
    assert back_again.id == first.id
    revised = iv.record_answer(store, caller, state.id, text="between 2 and 4")
    assert revised.question_id == first.id
    assert revised.previous is not None
    # The next question is the first one still open, not the one after the revised answer.
    after = iv.get_state(store, caller, state.id)
    assert after.pending is not None
    assert after.pending.number == 3


def test_go_back_at_first_question_returns_none(workspace: Workspace) -> None:
    caller, state = _start(workspace)

    assert iv.go_back(workspace.store, caller, state.id) is None
    assert iv.get_state(workspace.store, caller, state.id).pending == state.pending


def test_pause_then_resume_keeps_place(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    store = workspace.store

    paused = iv.set_status(store, caller, state.id, "paused")
    resumed = iv.set_status(store, caller, state.id, "active")

    assert paused.status == "paused"
    assert iv.get_state(store, caller, state.id).status == "active" == resumed.status
    assert resumed.pending == state.pending


def test_record_answer_while_paused_resumes(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    assert state.pending is not None
    iv.set_status(workspace.store, caller, state.id, "paused")

    iv.record_answer(workspace.store, caller, state.id, text=state.pending.example)

    assert iv.get_state(workspace.store, caller, state.id).status == "active"


def test_pause_finished_interview_stays_done(workspace: Workspace) -> None:
    caller, state = _start(workspace, "Cathy", role="CFO", department="Finance")
    while state.pending is not None:
        iv.skip_question(workspace.store, caller, state.id)
        state = iv.get_state(workspace.store, caller, state.id)

    assert iv.set_status(workspace.store, caller, state.id, "paused").status == "done"


def test_respondent_cannot_touch_another_respondents_interview(workspace: Workspace) -> None:
    _, theirs = _start(workspace, "Olga")
    intruder, _ = _start(workspace, "Ivan", role="CIO", department="IT")
    store = workspace.store
    calls: list[Callable[[], object]] = [
        lambda: iv.get_state(store, intruder, theirs.id),
        lambda: iv.record_answer(store, intruder, theirs.id, text="3 days"),
        lambda: iv.skip_question(store, intruder, theirs.id),
        lambda: iv.go_back(store, intruder, theirs.id),
        lambda: iv.set_status(store, intruder, theirs.id, "paused"),
        lambda: iv.last_answered(store, intruder, theirs.id),
        lambda: iv.log_messages(store, intruder, theirs.id, [("respondent", "hi")]),
        lambda: iv.start_interview(store, intruder, respondent_id=theirs.respondent_id),
    ]

    for call in calls:
        with pytest.raises(NotFoundError):
            call()
    assert iv.get_state(store, workspace.admin, theirs.id).progress == theirs.progress


def test_caller_of_other_org_gets_not_found(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    _, theirs = _start(workspace, "Olga")
    outsider = other_workspace.admin
    store = workspace.store

    for call in (
        lambda: iv.get_state(store, outsider, theirs.id),
        lambda: iv.record_answer(store, outsider, theirs.id, text="3 days"),
        lambda: iv.skip_question(store, outsider, theirs.id),
        lambda: iv.set_status(store, outsider, theirs.id, "paused"),
        lambda: iv.start_interview(store, outsider, respondent_id=theirs.respondent_id),
    ):
        with pytest.raises(NotFoundError):
            call()


def test_viewer_cannot_answer_or_write_transcript(workspace: Workspace) -> None:
    _, state = _start(workspace)
    viewer = workspace.caller("viewer")

    with pytest.raises(ForbiddenError):
        iv.record_answer(workspace.store, viewer, state.id, text="3 days")
    with pytest.raises(ForbiddenError):
        iv.log_messages(workspace.store, viewer, state.id, [("respondent", "hi")])


def test_facilitator_can_run_interview_for_respondent(workspace: Workspace) -> None:
    person = workspace.person("Olga", role="COO", department="Operations")
    facilitator = workspace.caller("facilitator")

    state = iv.start_interview(workspace.store, facilitator, respondent_id=person.id)
    iv.skip_question(workspace.store, facilitator, state.id)

    assert iv.get_state(workspace.store, facilitator, state.id).progress.skipped == 1


def test_last_answered_names_most_recent_question(workspace: Workspace) -> None:
    caller, state = _start(workspace)
    store = workspace.store
    assert iv.last_answered(store, caller, state.id) is None
    assert state.pending is not None
    first = state.pending
    iv.skip_question(store, caller, state.id)
    iv.skip_question(store, caller, state.id)
    iv.record_answer(store, caller, state.id, text=first.example, question_id=first.id)

    last = iv.last_answered(store, caller, state.id)

    assert last is not None
    assert last.id == first.id


def test_preview_turn_says_what_would_be_recorded_and_stores_nothing(
    workspace: Workspace,
) -> None:
    caller, state = _start(workspace)
    assert state.pending is not None

    preview = iv.preview_turn(
        workspace.store, caller, state.id, [iv.Answer("about 15 a month"), iv.Skip()]
    )

    assert [type(o) for o in preview.outcomes] == [iv.Applied, iv.Applied]
    assert preview.recorded[0].recorded.display == "15 a month"
    assert preview.state.progress.answered == 1 and preview.state.progress.skipped == 1
    after = iv.get_record(workspace.store, caller, state.id)
    assert after.answers == [] and after.state == state


def test_apply_turn_applies_actions_in_order_and_a_rejection_stores_nothing(
    workspace: Workspace,
) -> None:
    caller, state = _start(workspace)
    assert state.pending is not None

    outcome, reply = iv.apply_turn(
        workspace.store,
        caller,
        state.id,
        [iv.Answer("lots"), iv.Skip(dont_know=True), iv.SetStatus("paused")],
        said="lots; no idea; later",
        compose=lambda o: f"{len(o.recorded)} recorded",
    )

    rejected = outcome.rejected
    assert rejected is not None and rejected.question == state.pending
    assert rejected.example == state.pending.example
    record = iv.get_record(workspace.store, caller, state.id)
    assert [(a.question_id, a.kind) for a in record.answers] == [(state.pending.id, "dont_know")]
    assert record.state.status == "paused" and outcome.state == record.state
    assert [m.text for m in record.transcript] == ["lots; no idea; later", "1 recorded"]
    assert reply == "1 recorded"

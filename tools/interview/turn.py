"""One turn of an interview, applied in one transaction that tools keep to themselves.

A driver reads the interview (`interview_context`, a short read), decides a list of actions
from the message and the question, and hands them to `apply_turn`, which opens the one write
transaction, applies them in order, logs the transcript, commits and only then publishes the
answers to the evidence index. Nothing holds the write lock while a driver (or a model) is
deciding. `preview_turn` applies the same actions and rolls back, so a model can be told what
an answer would record (or why it cannot be read) without anything being written.

Outcomes are plain values per action: what was recorded, a rejection with its example (the
driver re-asks), the question re-opened, the entry recorded, and the interview state after.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from tools import governance
from tools.access import Caller
from tools.errors import AnswerRejected
from tools.governance.entries import EntryView
from tools.interview.adaptive import AdaptiveEstimator
from tools.interview.handle import (
    InterviewHandle,
    InterviewView,
    PlannedQuestion,
    Recorded,
    open_interview,
)
from tools.interview.plan import QuestionView
from tools.store.db import Store

# -- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answer:
    """Record an answer in plain words to the pending question, or to `question_id`."""

    text: str
    question_id: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """Skip the pending question (or `question_id`); don't-know leaves it to a benchmark."""

    question_id: str | None = None
    dont_know: bool = False


@dataclass(frozen=True, slots=True)
class Back:
    """Re-open the question asked before the pending one."""


@dataclass(frozen=True, slots=True)
class Reopen:
    """Point the interview at `question_id` again, to be answered anew."""

    question_id: str


@dataclass(frozen=True, slots=True)
class SetStatus:
    status: Literal["active", "paused"]


@dataclass(frozen=True, slots=True)
class AddGovernanceEntry:
    """A seam, decision type or constraint in plain words, in the respondent's name."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Confirm:
    """The respondent's yes to a figure held for confirmation (the pending question's, or
    `question_id`'s): it counts from now on."""

    question_id: str | None = None


Action = Answer | Skip | Confirm | Back | Reopen | SetStatus | AddGovernanceEntry


# -- outcomes --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rejected:
    """The words could not be read for the question: nothing was stored; ask again."""

    message: str
    example: str | None
    question: QuestionView


@dataclass(frozen=True, slots=True)
class Applied:
    """An answer or skip stored, with the question as it was shown before."""

    recorded: Recorded
    question: QuestionView
    was_pending: bool


@dataclass(frozen=True, slots=True)
class Moved:
    """Back or Reopen: the question now open, or None when there was nothing to go back to."""

    question: QuestionView | None


@dataclass(frozen=True, slots=True)
class StatusSet:
    state: InterviewView


@dataclass(frozen=True, slots=True)
class EntryRecorded:
    entry: EntryView | None
    kind: str
    problem: str | None = None
    example: str | None = None


Outcome = Rejected | Applied | Moved | StatusSet | EntryRecorded


@dataclass(frozen=True, slots=True)
class TurnOutcome:
    """Each action's outcome, in order, and the interview after all of them."""

    outcomes: list[Outcome]
    state: InterviewView
    # The question a structured choice named, as shown before the turn (`apply_turn(focus=)`).
    focus: QuestionView | None = None
    focus_was_pending: bool = False

    @property
    def recorded(self) -> list[Applied]:
        return [o for o in self.outcomes if isinstance(o, Applied)]

    @property
    def rejected(self) -> Rejected | None:
        return next((o for o in self.outcomes if isinstance(o, Rejected)), None)


@dataclass(frozen=True)
class InterviewContext:
    """What a driver needs to decide a turn, read before deciding (no lock held)."""

    caller: Caller
    state: InterviewView
    respondent_name: str
    respondent_title: str | None
    department: str | None
    last_answered: QuestionView | None
    # Builds `planned` from what the read loaded (no query). Only a model's prompt lists the
    # plan, and a view per question with its scaled example is a tenth of a rules turn.
    plan_rows: Callable[[], list[PlannedQuestion]] = field(repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.state.id

    @cached_property
    def planned(self) -> list[PlannedQuestion]:
        """The questions in the order asked, each with its current answer, if any."""
        return self.plan_rows()


# -- applying --------------------------------------------------------------------------------


def context_of(h: InterviewHandle) -> InterviewContext:
    return InterviewContext(
        caller=h.caller,
        state=h.state(),
        respondent_name=h.respondent.name,
        respondent_title=h.respondent.role,
        department=h.respondent.department,
        last_answered=h.last_answered(),
        plan_rows=h.planned,
    )


def interview_context(
    store: Store, caller: Caller, interview_id: str, *, estimator: AdaptiveEstimator | None = None
) -> InterviewContext:
    """The interview as a driver sees it before deciding: one short read transaction."""
    with open_interview(store, caller, interview_id, write=False, estimator=estimator) as h:
        return context_of(h)


def question_of(store: Store, caller: Caller, interview_id: str, question_id: str) -> QuestionView:
    """One question of the interview as shown to the respondent (its number in asked order)."""
    with open_interview(store, caller, interview_id, write=False) as h:
        return h.view(h.question(question_id))


def _apply_one(h: InterviewHandle, action: Action) -> Outcome:
    if isinstance(action, Answer | Skip | Confirm):
        question = h.target(action.question_id, type(action).__name__.lower())
        shown = h.view(question)
        was_pending = h.interview.pending_question_id == question.id
        if isinstance(action, Confirm):
            return Applied(h.confirm(question_id=action.question_id), shown, was_pending)
        if isinstance(action, Skip):
            recorded = h.skip(question_id=action.question_id, dont_know=action.dont_know)
            return Applied(recorded, shown, was_pending)
        try:
            recorded = h.record(
                action.text, question_id=action.question_id, evidence=action.evidence
            )
        except AnswerRejected as exc:
            return Rejected(exc.message, exc.example, shown)
        return Applied(recorded, shown, was_pending)
    if isinstance(action, Back):
        return Moved(h.back())
    if isinstance(action, Reopen):
        question = h.question(action.question_id)
        h.interview.pending_question_id = question.id
        return Moved(h.view(question))
    if isinstance(action, SetStatus):
        return StatusSet(h.set_status(action.status))
    try:
        entry = governance.add_entry_in(
            h.session, h.caller, action.kind, text=action.text, respondent_id=h.respondent.id
        )
    except AnswerRejected as exc:
        return EntryRecorded(None, action.kind, exc.message, exc.example)
    return EntryRecorded(entry, action.kind)


def apply_actions(h: InterviewHandle, actions: Sequence[Action]) -> TurnOutcome:
    """Apply actions in order through a handle already open for writing."""
    outcomes = [_apply_one(h, action) for action in actions]
    return TurnOutcome(outcomes=outcomes, state=h.state())


@dataclass
class _Focus:
    view: QuestionView | None = None
    was_pending: bool = False


def _focus(h: InterviewHandle, question_id: str | None) -> _Focus:
    if question_id is None:
        return _Focus()
    return _Focus(h.view(h.question(question_id)), h.interview.pending_question_id == question_id)


def apply_turn(
    store: Store,
    caller: Caller,
    interview_id: str,
    actions: Sequence[Action],
    *,
    said: str | None = None,
    compose: Callable[[TurnOutcome], str] | None = None,
    focus: str | None = None,
    estimator: AdaptiveEstimator | None = None,
) -> tuple[TurnOutcome, str | None]:
    """Apply a turn's actions in one write transaction (the interview row locked on
    PostgreSQL); the message and everything it causes land together or not at all.

    Args:
        actions: What the driver decided, applied in order.
        said: The respondent's words, logged first in the transcript.
        compose: The reply from the outcomes, logged after them; it may raise to undo the turn.
        focus: A question a structured choice names: its view before the turn is returned.
        estimator: Picks the next question by value of information (else the plan's order).

    Returns:
        The outcomes and the composed reply (None without `compose`).
    """
    with open_interview(store, caller, interview_id, estimator=estimator) as h:
        return _apply_in(h, actions, said=said, compose=compose, focus=focus)


Compose = Callable[[TurnOutcome], str]
Decide = Callable[[InterviewContext], tuple[Sequence[Action], Compose | None]]


def decide_and_apply(
    store: Store,
    caller: Caller,
    interview_id: str,
    decide: Decide,
    *,
    said: str | None = None,
    estimator: AdaptiveEstimator | None = None,
) -> tuple[TurnOutcome, str | None]:
    """Read, decide and apply a turn in one write transaction, for a driver that decides at
    once and locally (no model): a read of its own before `apply_turn` would load the
    interview twice. `decide` gets the interview as the transaction sees it, before any
    action, and returns the actions and the reply's composer.

    Returns:
        The outcomes and the composed reply, as `apply_turn`.
    """
    with open_interview(store, caller, interview_id, estimator=estimator) as h:
        actions, compose = decide(context_of(h))
        return _apply_in(h, actions, said=said, compose=compose, focus=None)


def _apply_in(
    h: InterviewHandle,
    actions: Sequence[Action],
    *,
    said: str | None,
    compose: Compose | None,
    focus: str | None,
) -> tuple[TurnOutcome, str | None]:
    chosen = _focus(h, focus)
    outcome = apply_actions(h, actions)
    outcome = TurnOutcome(
        outcome.outcomes, outcome.state, focus=chosen.view, focus_was_pending=chosen.was_pending
    )
    reply = compose(outcome) if compose is not None else None
    messages = [("respondent", said)] if said is not None else []
    if reply is not None:
        messages.append(("assistant", reply))
    if messages:
        h.log(messages)
    return outcome, reply


class _Preview(Exception):
    """Carries a preview's outcome out of the transaction it rolls back."""

    def __init__(self, outcome: TurnOutcome) -> None:
        super().__init__("preview")
        self.outcome = outcome


def preview_turn(
    store: Store,
    caller: Caller,
    interview_id: str,
    actions: Sequence[Action],
    *,
    estimator: AdaptiveEstimator | None = None,
) -> TurnOutcome:
    """What `apply_turn` would do with these actions, rolled back: nothing is stored."""
    try:
        with store.write() as session:
            h = InterviewHandle(
                session, caller, interview_id, lock=False, estimator=estimator, store=store
            )
            raise _Preview(apply_actions(h, actions))
    except _Preview as done:
        return done.outcome
    msg = "unreachable: the preview always rolls back"
    raise AssertionError(msg)

"""Interview tools: the one way to ask, answer, skip, revise, pause and resume.

Every function takes the store and the server-side `Caller`, checks the caller may act on the
interview, does one transaction, and returns a plain pydantic view. Errors are `ToolError`s
whose messages a person (re-ask) or a model (tool error) can act on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from knowledge import Question, load_instrument
from tools.access import Caller, require, require_own_interview
from tools.answers import parse_for_question
from tools.errors import AnswerRejected, ConflictError, NotFoundError

# Views re-exported: callers import them with the interview tools.
from tools.interview_plan import Progress as Progress
from tools.interview_plan import QuestionView as QuestionView
from tools.interview_plan import plan, question_view
from tools.parsing import ParseError
from tools.store import interviews as repo
from tools.store import people
from tools.store.db import Store
from tools.store.orgs import get_org
from tools.store.schema import AnswerEvent, Respondent

Status = Literal["active", "paused", "done"]


class Recorded(BaseModel):
    question_id: str
    kind: Literal["answer", "skip", "dont_know"]
    display: str | None
    previous: str | None = None


class InterviewView(BaseModel):
    id: str
    org_id: str
    respondent_id: str
    status: Status
    channel: str
    pending: QuestionView | None
    progress: Progress


class PlannedQuestion(BaseModel):
    """A question of an interview with where it stands: open, or the current answer's kind."""

    question: QuestionView
    status: Literal["open", "answer", "skip", "dont_know"]
    display: str | None = None


class _Loaded:
    """An interview with its respondent, plan and current events, inside one session."""

    def __init__(self, session: Session, caller: Caller, interview_id: str, *, lock: bool) -> None:
        interview = repo.get_interview(session, interview_id, lock=lock)
        if interview is None or interview.org_id != caller.org_id:
            msg = f"interview {interview_id!r} not found"
            raise NotFoundError(msg)
        # Another organization's interview is not found (above); a role without interview
        # rights in this one is forbidden.
        require(caller, "interview")
        require_own_interview(caller, interview.respondent_id)
        respondent = session.get(Respondent, interview.respondent_id)
        assert respondent is not None  # foreign key guarantees it
        self.session = session
        self.caller = caller
        self.interview = interview
        self.respondent = respondent
        self.questions = plan(respondent, full_instrument=interview.full_instrument)
        self.events = repo.current_events(session, interview.org_id, respondent.id)

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        msg = f"question {question_id!r} is not part of this interview"
        raise NotFoundError(msg)

    def progress(self) -> Progress:
        kinds = [self.events[q.id].kind for q in self.questions if q.id in self.events]
        return Progress(
            answered=kinds.count("answer"),
            skipped=len(kinds) - kinds.count("answer"),
            total=len(self.questions),
        )

    def next_open(self) -> Question | None:
        return next((q for q in self.questions if q.id not in self.events), None)

    def view(self, question: Question) -> QuestionView:
        return question_view(question, self.questions.index(question) + 1, len(self.questions))

    def state(self) -> InterviewView:
        pending = self.interview.pending_question_id
        question = next((q for q in self.questions if q.id == pending), None)
        return InterviewView(
            id=self.interview.id,
            org_id=self.interview.org_id,
            respondent_id=self.interview.respondent_id,
            status=self.interview.status,
            channel=self.interview.channel,
            pending=self.view(question) if question else None,
            progress=self.progress(),
        )

    def append(self, question: Question, kind: str, raw: str, **fields: Any) -> AnswerEvent:
        event = repo.append_event(
            self.session,
            org_id=self.interview.org_id,
            respondent_id=self.respondent.id,
            interview_id=self.interview.id,
            question_id=question.id,
            kind=kind,
            raw_text=raw,
            channel=self.caller.channel,
            **fields,
        )
        self.events[question.id] = event
        return event


def start_interview(
    store: Store,
    caller: Caller,
    *,
    respondent_id: str,
    channel: str = "api",
    full_instrument: bool = False,
) -> InterviewView:
    """Open a new interview for a respondent of the caller's organization."""
    require(caller, "interview")
    require_own_interview(caller, respondent_id)
    with store.write() as session:
        respondent = people.get_respondent(session, caller.org_id, respondent_id)
        if respondent is None:
            msg = f"respondent {respondent_id!r} not found"
            raise NotFoundError(msg)
        interview = repo.create_interview(
            session,
            org_id=caller.org_id,
            respondent_id=respondent.id,
            channel=channel,
            full_instrument=full_instrument,
        )
        loaded = _Loaded(session, caller, interview.id, lock=False)
        _advance(loaded)
        return loaded.state()


def get_state(store: Store, caller: Caller, interview_id: str) -> InterviewView:
    with store.read() as session:
        return _Loaded(session, caller, interview_id, lock=False).state()


def _advance(loaded: _Loaded) -> None:
    """Point the interview at the next unanswered question, or mark it done."""
    question = loaded.next_open()
    loaded.interview.pending_question_id = question.id if question else None
    if question is None:
        loaded.interview.status = "done"
    elif loaded.interview.status == "done":
        loaded.interview.status = "active"


def _parse(question: Question, text: str, currency: str) -> tuple[dict[str, Any] | None, str]:
    try:
        parsed = parse_for_question(question, text, currency=currency)
    except ParseError as exc:
        raise AnswerRejected(exc.message, example=exc.example or question.example) from exc
    if parsed is None:
        return None, "don't know"
    value = {
        "low": parsed.low,
        "likely": parsed.likely,
        "high": parsed.high,
        "point": not parsed.is_range,
    }
    return value, parsed.display


def _org_currency(session: Session, org_id: str) -> str:
    org = get_org(session, org_id)
    return org.currency if org is not None else "USD"


def record_answer(
    store: Store,
    caller: Caller,
    interview_id: str,
    *,
    text: str,
    question_id: str | None = None,
    evidence: str | None = None,
) -> Recorded:
    """Record an answer (plain words) to the pending question or to `question_id`."""
    require(caller, "interview")
    with store.write() as session:
        loaded = _Loaded(session, caller, interview_id, lock=True)
        target = question_id or loaded.interview.pending_question_id
        if target is None:
            msg = "there is no open question to answer; the interview is complete"
            raise ConflictError(msg)
        question = loaded.question(target)
        previous = loaded.events.get(question.id)
        value, display = _parse(question, text, _org_currency(session, caller.org_id))
        kind = "answer" if value is not None else "dont_know"
        loaded.append(question, kind, text, value=value, display=display, evidence=evidence)
        if loaded.interview.status == "paused":
            loaded.interview.status = "active"
        _advance(loaded)
        return Recorded(
            question_id=question.id,
            kind=kind,
            display=display,
            previous=previous.display if previous else None,
        )


def skip_question(
    store: Store,
    caller: Caller,
    interview_id: str,
    *,
    question_id: str | None = None,
    dont_know: bool = False,
) -> Recorded:
    """Skip the pending question (or `question_id`); don't-know leaves it to a benchmark."""
    require(caller, "interview")
    with store.write() as session:
        loaded = _Loaded(session, caller, interview_id, lock=True)
        target = question_id or loaded.interview.pending_question_id
        if target is None:
            msg = "there is no open question to skip; the interview is complete"
            raise ConflictError(msg)
        question = loaded.question(target)
        kind = "dont_know" if dont_know else "skip"
        loaded.append(question, kind, "don't know" if dont_know else "skip")
        if loaded.interview.status == "paused":
            loaded.interview.status = "active"
        _advance(loaded)
        return Recorded(question_id=question.id, kind=kind, display=None)


def go_back(store: Store, caller: Caller, interview_id: str) -> QuestionView | None:
    """Re-open the question asked before the pending one; None when at the first."""
    require(caller, "interview")
    with store.write() as session:
        loaded = _Loaded(session, caller, interview_id, lock=True)
        pending = loaded.interview.pending_question_id
        answered = [q for q in loaded.questions if q.id in loaded.events]
        if pending is not None:
            before = [q for q in answered if loaded.questions.index(q) < _index(loaded, pending)]
        else:
            before = answered
        if not before:
            return None
        previous = max(before, key=lambda q: loaded.events[q.id].id)
        loaded.interview.pending_question_id = previous.id
        loaded.interview.status = "active"
        return loaded.view(previous)


def _index(loaded: _Loaded, question_id: str) -> int:
    """Position in the plan; a question no longer in it (the plan changed) counts as the end."""
    return next(
        (i for i, q in enumerate(loaded.questions) if q.id == question_id), len(loaded.questions)
    )


def set_status(
    store: Store, caller: Caller, interview_id: str, status: Literal["active", "paused"]
) -> InterviewView:
    """Pause or resume; a finished interview stays finished."""
    require(caller, "interview")
    with store.write() as session:
        loaded = _Loaded(session, caller, interview_id, lock=True)
        if loaded.interview.status != "done":
            loaded.interview.status = status
        return loaded.state()


def list_questions(store: Store, caller: Caller, interview_id: str) -> list[PlannedQuestion]:
    """The interview's questions in the order asked, each with its current answer, if any."""
    with store.read() as session:
        loaded = _Loaded(session, caller, interview_id, lock=False)
        total = len(loaded.questions)
        rows = []
        for number, question in enumerate(loaded.questions, start=1):
            event = loaded.events.get(question.id)
            rows.append(
                PlannedQuestion(
                    question=question_view(question, number, total),
                    status=event.kind if event else "open",
                    display=event.display if event else None,
                )
            )
        return rows


def instrument_questions(domain: str | None = None) -> list[QuestionView]:
    """The whole instrument (or one domain's questions, `pools` for finance figures)."""
    instrument = load_instrument()
    questions = instrument.questions if domain is None else instrument.for_domain(domain)
    return [question_view(q, number, len(questions)) for number, q in enumerate(questions, start=1)]


def last_answered(store: Store, caller: Caller, interview_id: str) -> QuestionView | None:
    """The question answered or skipped most recently (what "change my answer" refers to)."""
    with store.read() as session:
        loaded = _Loaded(session, caller, interview_id, lock=False)
        done = [q for q in loaded.questions if q.id in loaded.events]
        if not done:
            return None
        return loaded.view(max(done, key=lambda q: loaded.events[q.id].id))


def find_question(
    store: Store, caller: Caller, interview_id: str, phrase: str
) -> QuestionView | None:
    """The interview question whose wording best matches a phrase ("the decision wait")."""
    words = set(re.findall(r"[a-z]{3,}", phrase.lower())) - {"the", "one", "about", "answer"}
    if not words:
        return None
    with store.read() as session:
        loaded = _Loaded(session, caller, interview_id, lock=False)
        scored = [
            (len(words & set(re.findall(r"[a-z]{3,}", f"{q.text} {q.feeds}".lower()))), q)
            for q in loaded.questions
        ]
        best = max(scored, key=lambda pair: pair[0], default=(0, None))
        return loaded.view(best[1]) if best[0] and best[1] is not None else None


def log_messages(
    store: Store, caller: Caller, interview_id: str, messages: Sequence[tuple[str, str]]
) -> None:
    """Append (sender, text) pairs to the interview's transcript."""
    require(caller, "interview")
    with store.write() as session:
        _Loaded(session, caller, interview_id, lock=False)
        for sender, text in messages:
            repo.add_message(
                session,
                interview_id=interview_id,
                sender=sender,
                text=text,
                channel=caller.channel,
            )

"""Interview tools: the one way to ask, answer, skip, revise, pause and resume.

Every function takes the store and the server-side `Caller`, checks the caller may act on the
interview, does one transaction, and returns a plain pydantic view. Errors are `ToolError`s
whose messages a person (re-ask) or a model (tool error) can act on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from knowledge import Question, load_instrument
from scoring import OrganizationProfile
from tools.access import Caller, require, require_own_interview
from tools.admin import attribution
from tools.errors import AnswerRejected, ConflictError, ForbiddenError, NotFoundError
from tools.interview.adaptive import AdaptiveEstimator
from tools.interview.examples import scaled_example

# Views re-exported: callers import them with the interview tools.
from tools.interview.plan import Progress as Progress
from tools.interview.plan import QuestionView as QuestionView
from tools.interview.plan import keeps_last_round, plan, question_view
from tools.interview.plausible import answer_warning, typical_values
from tools.knowledge import feed as evidence_feed
from tools.parsing import ParseError
from tools.parsing.answers import parse_for_question
from tools.store import interviews as repo
from tools.store import people
from tools.store.db import Store
from tools.store.schema import AnswerEvent
from tools.timestamps import UtcDatetime

Status = Literal["active", "paused", "done"]


class Recorded(BaseModel):
    question_id: str
    # "unconfirmed": stored, but not counted until the respondent confirms (`warning` says why)
    kind: Literal["answer", "skip", "dont_know", "unconfirmed"]
    display: str | None
    previous: str | None = None
    warning: str | None = None


class InterviewView(BaseModel):
    id: str
    org_id: str
    respondent_id: str
    status: Status
    channel: str
    pending: QuestionView | None
    progress: Progress
    # Done with questions still open: the top three were settled (adaptive stop rule).
    settled: bool = False
    # The pending question's answer waits for the respondent's yes (an implausible figure).
    awaiting_confirmation: bool = False


class PlannedQuestion(BaseModel):
    """A question of an interview with where it stands: open, or the current answer's kind."""

    question: QuestionView
    status: Literal["open", "answer", "skip", "dont_know", "unconfirmed"]
    display: str | None = None


class InterviewHandle:
    """One interview loaded once inside one transaction: every action of a turn goes through it.

    Opened with `open_interview`; the org, visibility and role checks happen on load, so every
    method may assume the caller is allowed to act on this interview.
    """

    def __init__(
        self,
        session: Session,
        caller: Caller,
        interview_id: str,
        *,
        lock: bool,
        estimator: AdaptiveEstimator | None = None,
        store: Store | None = None,
    ) -> None:
        # The store, when known, caches what the plausibility check of an answer reads.
        self.store = store
        # The organization's typical values, read once per handle for the examples it shows.
        self._typical: Mapping[str, float] | None = None
        # Without an estimator, the plan's order (by priority), with no early stop.
        self.estimator = estimator
        loaded = repo.load_interview(session, interview_id, lock=lock)
        if loaded is None or loaded[0].org_id != caller.org_id:
            msg = f"interview {interview_id!r} not found"
            raise NotFoundError(msg)
        interview, respondent, profile_fields = loaded
        self.currency: str = profile_fields["currency"]
        self._profile_fields = profile_fields
        self._profile: OrganizationProfile | None = None
        # Another organization's interview is not found (above); a role without interview
        # rights in this one is forbidden.
        require(caller, "interview")
        require_own_interview(caller, interview.respondent_id)
        if lock and respondent.erased_at is not None:
            msg = "this respondent was erased: their interview takes no more answers"
            raise ConflictError(msg)
        self.session = session
        self.caller = caller
        self.interview = interview
        self.respondent = respondent
        # What `save` compares with: the interview is a detached copy (see `load_interview`).
        self._saved = (interview.status, interview.pending_question_id)
        self.questions = plan(respondent, full_instrument=interview.full_instrument)
        # A round's interview asks again what earlier rounds answered (offering those as
        # defaults); outside rounds, an answer stands until changed.
        self.events = repo.current_answers(
            session, interview.org_id, respondent.id, round_id=interview.round_id
        )
        # Answers appended in this transaction, published once it commits.
        self.appended: list[AnswerEvent] = []
        self._earlier: dict[str, AnswerEvent] | None = None

    @property
    def id(self) -> str:
        return self.interview.id

    @property
    def profile(self) -> OrganizationProfile:
        """The organization's profile as this turn read it (with the interview, one query)."""
        if self._profile is None:
            self._profile = OrganizationProfile.model_validate(self._profile_fields)
        return self._profile

    def save(self) -> None:
        """Write the interview's status and pending question if this turn changed them."""
        current = (self.interview.status, self.interview.pending_question_id)
        if current != self._saved:
            repo.save_interview(self.session, self.interview)
            self._saved = current

    def find(self, question_id: str) -> Question | None:
        """The question of this interview's plan with that id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)

    def question(self, question_id: str) -> Question:
        found = self.find(question_id)
        if found is None:
            msg = f"question {question_id!r} is not part of this interview"
            raise NotFoundError(msg)
        return found

    def progress(self) -> Progress:
        kinds = [self.events[q.id].kind for q in self.questions if q.id in self.events]
        return Progress(
            answered=kinds.count("answer"),
            skipped=kinds.count("skip") + kinds.count("dont_know"),
            total=len(self.questions),
        )

    def next_open(self, *, stop_when_settled: bool = True) -> Question | None:
        """The open question worth most for the ranking (value of information over the
        organization's current answers), or None when none is open or the ranking is settled."""
        open_questions = [q for q in self.questions if q.id not in self.events]
        estimator = self.estimator
        if not open_questions or estimator is None or not estimator.adaptive:
            return next(iter(open_questions), None)
        # Flush first: an estimate made in the turn reads this turn's answer through the
        # same session.
        self.session.flush()
        uncertainty = estimator.ranking_uncertainty(self.session, self.interview.org_id)
        full = self.interview.full_instrument or not stop_when_settled
        return estimator.next_question(open_questions, uncertainty, full_instrument=full)

    def view(self, question: Question) -> QuestionView:
        earlier = self.earlier().get(question.id)
        return question_view(
            question,
            self._number(question.id),
            len(self.questions),
            example=self._example(question),
            last_round=earlier.display if earlier is not None else None,
        )

    def earlier(self) -> dict[str, AnswerEvent]:
        """This respondent's answers from earlier rounds (read once per turn): the defaults a
        round's interview offers to confirm. Empty outside rounds."""
        if self._earlier is None:
            round_id = self.interview.round_id
            self._earlier = (
                repo.earlier_answers(
                    self.session, self.interview.org_id, self.respondent.id, round_id
                )
                if round_id is not None
                else {}
            )
        return self._earlier

    def _keep_earlier(self, question: Question, text: str) -> Recorded | None:
        """ "Same" to a carried-over default: a new answer event by this respondent with the
        earlier round's value, so the round holds it under its own author and date."""
        earlier = self.earlier().get(question.id)
        if earlier is None or question.type == "yes_no" or not keeps_last_round(text):
            return None
        previous = self.events.get(question.id)
        value = {**(earlier.value or {}), "confirmed_from": earlier.id}
        self._append(
            question,
            "answer",
            text,
            value=value,
            display=earlier.display,
            evidence=earlier.evidence,
        )
        self._resume_if_paused()
        self.advance()
        return Recorded(
            question_id=question.id,
            kind="answer",
            display=earlier.display,
            previous=previous.display if previous else None,
        )

    def _example(self, question: Question) -> str | None:
        """The question's example at this organization's typical value (its size and industry)."""
        if self.store is None:
            return None
        if self._typical is None:
            self._typical = typical_values(self.store, self.profile)
        return scaled_example(question, self._typical, self.currency)

    def _number(self, question_id: str) -> int:
        """Position in the order asked: questions are not asked in plan order (adaptive)."""
        asked = sorted((self.events[q.id].id, q.id) for q in self.questions if q.id in self.events)
        ids = [qid for _, qid in asked]
        return ids.index(question_id) + 1 if question_id in ids else len(ids) + 1

    def state(self) -> InterviewView:
        pending = self.interview.pending_question_id
        question = self.find(pending) if pending is not None else None
        progress = self.progress()
        return InterviewView(
            id=self.interview.id,
            org_id=self.interview.org_id,
            respondent_id=self.interview.respondent_id,
            status=self.interview.status,
            channel=self.interview.channel,
            pending=self.view(question) if question else None,
            progress=progress,
            settled=self.interview.status == "done" and progress.remaining > 0,
            awaiting_confirmation=question is not None
            and question.id in self.events
            and self.events[question.id].kind == "unconfirmed",
        )

    def _append(self, question: Question, kind: str, raw: str, **fields: Any) -> AnswerEvent:
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
        self.events[question.id] = repo.CurrentAnswer(event.id, question.id, kind, event.display)
        self.appended.append(event)
        return event

    def advance(self, *, stop_when_settled: bool = True) -> None:
        """Point the interview at the next question worth asking, or mark it done."""
        question = self.next_open(stop_when_settled=stop_when_settled)
        self.interview.pending_question_id = question.id if question else None
        if question is None:
            self.interview.status = "done"
        elif self.interview.status == "done":
            self.interview.status = "active"

    def target(self, question_id: str | None, action: str) -> Question:
        target = question_id or self.interview.pending_question_id
        if target is None:
            msg = f"there is no open question to {action}; the interview is complete"
            raise ConflictError(msg)
        return self.question(target)

    def record(
        self, text: str, *, question_id: str | None = None, evidence: str | None = None
    ) -> Recorded:
        """Record an answer (plain words) to the pending question or to `question_id`.

        A figure that alone would price a driver at a large share of revenue is stored as
        "unconfirmed": it does not count, and the interview stays on the question until the
        respondent confirms it (`confirm`) or gives another figure.
        """
        question = self.target(question_id, "answer")
        kept = self._keep_earlier(question, text)
        if kept is not None:
            return kept
        previous = self.events.get(question.id)
        value, display = _parse(question, text, self.currency, self._example(question))
        kind = "answer" if value is not None else "dont_know"
        warning = None
        if value is not None and previous is not None and previous.kind == "unconfirmed":
            # The same figure again, right after the warning, is the respondent's yes.
            held = repo.get_event(self.session, previous.id).value or {}
            if all(held.get(k) == value[k] for k in ("low", "likely", "high")):
                value = {**value, "confirmed": True}
        if value is not None and not value.get("confirmed") and self.store is not None:
            warning = answer_warning(self.store, self.profile, question, float(value["likely"]))
        if warning is not None:
            kind = "unconfirmed"
        self._append(question, kind, text, value=value, display=display, evidence=evidence)
        self._resume_if_paused()
        if warning is None:
            self.advance()
        else:
            self.interview.pending_question_id = question.id
        return Recorded(
            question_id=question.id,
            kind=kind,
            display=display,
            previous=previous.display if previous else None,
            warning=warning,
        )

    def confirm(self, question_id: str | None = None) -> Recorded:
        """Count the unconfirmed figure of the pending question (or `question_id`): a new
        answer event with the same words and value, marked confirmed, so the audit trail
        keeps both the figure and the respondent's yes."""
        question = self.target(question_id, "confirm")
        current = self.events.get(question.id)
        if current is None or current.kind != "unconfirmed":
            msg = f"there is no figure waiting for a yes on {question.id!r}"
            raise ConflictError(msg)
        stated = repo.get_event(self.session, current.id)
        value = {**(stated.value or {}), "confirmed": True}
        self._append(
            question,
            "answer",
            stated.raw_text,
            value=value,
            display=stated.display,
            evidence=stated.evidence,
        )
        self._resume_if_paused()
        self.advance()
        return Recorded(
            question_id=question.id, kind="answer", display=stated.display, previous=None
        )

    def skip(self, *, question_id: str | None = None, dont_know: bool = False) -> Recorded:
        """Skip the pending question (or `question_id`); don't-know leaves it to a benchmark."""
        question = self.target(question_id, "skip")
        kind = "dont_know" if dont_know else "skip"
        self._append(question, kind, "don't know" if dont_know else "skip")
        self._resume_if_paused()
        self.advance()
        return Recorded(question_id=question.id, kind=kind, display=None)

    def _resume_if_paused(self) -> None:
        if self.interview.status == "paused":
            self.interview.status = "active"

    def back(self) -> QuestionView | None:
        """Re-open the question asked before the pending one; None when at the first."""
        pending = self.interview.pending_question_id
        answered = [q for q in self.questions if q.id in self.events]
        if pending is not None and pending in self.events:
            # Asked order is answer order (the plan's order is not the asking order).
            limit = self.events[pending].id
            answered = [q for q in answered if self.events[q.id].id < limit]
        if not answered:
            return None
        previous = max(answered, key=lambda q: self.events[q.id].id)
        self.interview.pending_question_id = previous.id
        self.interview.status = "active"
        return self.view(previous)

    def set_status(self, status: Literal["active", "paused"]) -> InterviewView:
        """Pause or resume; a finished interview stays finished, except that resuming one
        stopped because the ranking was settled offers the next question worth most."""
        if self.interview.status != "done":
            self.interview.status = status
        elif status == "active" and self.progress().remaining > 0:
            self.advance(stop_when_settled=False)
        return self.state()

    def last_answered(self) -> QuestionView | None:
        """The question answered or skipped most recently (what "change my answer" means)."""
        done = [q for q in self.questions if q.id in self.events]
        if not done:
            return None
        return self.view(max(done, key=lambda q: self.events[q.id].id))

    def find_question(self, phrase: str) -> QuestionView | None:
        """The question whose wording best matches a phrase ("the decision wait")."""
        words = set(re.findall(r"[a-z]{3,}", phrase.lower())) - _FILLER_WORDS
        if not words:
            return None
        scored = [
            (len(words & set(re.findall(r"[a-z]{3,}", f"{q.text} {q.feeds}".lower()))), q)
            for q in self.questions
        ]
        best_score, best = max(scored, key=lambda pair: pair[0], default=(0, None))
        return self.view(best) if best_score and best is not None else None

    def planned(self) -> list[PlannedQuestion]:
        """The questions in the order asked, each with its current answer, if any."""
        total = len(self.questions)
        rows = []
        for number, question in enumerate(self.questions, start=1):
            event = self.events.get(question.id)
            rows.append(
                PlannedQuestion(
                    question=question_view(
                        question, number, total, example=self._example(question)
                    ),
                    status=event.kind if event else "open",
                    display=event.display if event else None,
                )
            )
        return rows

    def log(self, messages: Sequence[tuple[str, str]]) -> None:
        """Append (sender, text) pairs to the transcript."""
        repo.add_messages(
            self.session,
            interview_id=self.interview.id,
            channel=self.caller.channel,
            messages=messages,
        )


class MessageView(BaseModel):
    sender: str
    text: str
    channel: str
    created_at: UtcDatetime


class AnswerView(BaseModel):
    question_id: str
    kind: str
    raw_text: str
    display: str | None
    value: dict[str, Any] | None
    created_at: UtcDatetime


class InterviewRecord(BaseModel):
    """An interview with its transcript and the respondent's current answers."""

    state: InterviewView
    transcript: list[MessageView]
    answers: list[AnswerView]


_FILLER_WORDS = frozenset({"the", "one", "about", "answer"})


@contextmanager
def open_interview(
    store: Store,
    caller: Caller,
    interview_id: str,
    *,
    write: bool = True,
    estimator: AdaptiveEstimator | None = None,
) -> Iterator[InterviewHandle]:
    """Load an interview for one transaction (locked for writing on PostgreSQL).

    Args:
        estimator: Picks the next question by value of information; without one, the plan's
            order.
    """
    with store.write() if write else store.read() as session:
        handle = InterviewHandle(
            session, caller, interview_id, lock=write, estimator=estimator, store=store
        )
        yield handle
        if write:
            handle.save()
    # Only after the commit: the evidence index must never hold an answer that was rolled back.
    evidence_feed.publish(store, handle.appended, handle.respondent)


def start_interview(
    store: Store,
    caller: Caller,
    *,
    respondent_id: str,
    channel: str = "api",
    full_instrument: bool = False,
    estimator: AdaptiveEstimator | None = None,
) -> InterviewView:
    """Open a new interview for a respondent of the caller's organization."""
    require(caller, "interview")
    require_own_interview(caller, respondent_id)
    with store.write() as session:
        respondent = people.get_respondent(session, caller.org_id, respondent_id)
        if respondent is None:
            msg = f"respondent {respondent_id!r} not found"
            raise NotFoundError(msg)
        if respondent.erased_at is not None:
            msg = f"respondent {respondent_id!r} was erased: add them again to interview them"
            raise ConflictError(msg)
        interview = repo.create_interview(
            session,
            org_id=caller.org_id,
            respondent_id=respondent.id,
            channel=channel,
            full_instrument=full_instrument,
        )
        handle = InterviewHandle(
            session, caller, interview.id, lock=False, estimator=estimator, store=store
        )
        handle.advance()
        handle.save()
        return handle.state()


def get_state(store: Store, caller: Caller, interview_id: str) -> InterviewView:
    with open_interview(store, caller, interview_id, write=False) as handle:
        return handle.state()


def _parse(
    question: Question, text: str, currency: str, example: str | None
) -> tuple[dict[str, Any] | None, str]:
    """`example`: the one the person was shown (scaled to their organization), for a re-ask."""
    try:
        parsed = parse_for_question(question, text, currency=currency, example=example)
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


def record_answer(
    store: Store,
    caller: Caller,
    interview_id: str,
    *,
    text: str,
    question_id: str | None = None,
    evidence: str | None = None,
    estimator: AdaptiveEstimator | None = None,
) -> Recorded:
    """Record an answer (plain words) to the pending question or to `question_id`."""
    with open_interview(store, caller, interview_id, estimator=estimator) as handle:
        return handle.record(text, question_id=question_id, evidence=evidence)


def skip_question(
    store: Store,
    caller: Caller,
    interview_id: str,
    *,
    question_id: str | None = None,
    dont_know: bool = False,
    estimator: AdaptiveEstimator | None = None,
) -> Recorded:
    """Skip the pending question (or `question_id`); don't-know leaves it to a benchmark."""
    with open_interview(store, caller, interview_id, estimator=estimator) as handle:
        return handle.skip(question_id=question_id, dont_know=dont_know)


def go_back(store: Store, caller: Caller, interview_id: str) -> QuestionView | None:
    """Re-open the question asked before the pending one; None when at the first."""
    with open_interview(store, caller, interview_id) as handle:
        return handle.back()


def set_status(
    store: Store,
    caller: Caller,
    interview_id: str,
    status: Literal["active", "paused"],
    *,
    estimator: AdaptiveEstimator | None = None,
) -> InterviewView:
    """Pause or resume; a finished interview stays finished."""
    with open_interview(store, caller, interview_id, estimator=estimator) as handle:
        return handle.set_status(status)


def list_questions(store: Store, caller: Caller, interview_id: str) -> list[PlannedQuestion]:
    """The interview's questions in the order asked, each with its current answer, if any."""
    with open_interview(store, caller, interview_id, write=False) as handle:
        return handle.planned()


def instrument_questions(domain: str | None = None) -> list[QuestionView]:
    """The whole instrument (or one domain's questions, `pools` for finance figures)."""
    instrument = load_instrument()
    questions = instrument.questions if domain is None else instrument.for_domain(domain)
    return [question_view(q, number, len(questions)) for number, q in enumerate(questions, start=1)]


def last_answered(store: Store, caller: Caller, interview_id: str) -> QuestionView | None:
    """The question answered or skipped most recently (what "change my answer" refers to)."""
    with open_interview(store, caller, interview_id, write=False) as handle:
        return handle.last_answered()


def find_question(
    store: Store, caller: Caller, interview_id: str, phrase: str
) -> QuestionView | None:
    """The interview question whose wording best matches a phrase ("the decision wait")."""
    with open_interview(store, caller, interview_id, write=False) as handle:
        return handle.find_question(phrase)


def log_messages(
    store: Store, caller: Caller, interview_id: str, messages: Sequence[tuple[str, str]]
) -> None:
    """Append (sender, text) pairs to the interview's transcript."""
    with open_interview(store, caller, interview_id) as handle:
        handle.log(messages)


def get_record(store: Store, caller: Caller, interview_id: str) -> InterviewRecord:
    """State, transcript and current answers. Individual answers are people's own words: the
    respondent sees their own; anyone else needs answer-reading rights (admin, facilitator)."""
    with open_interview(store, caller, interview_id, write=False) as handle:
        if caller.role != "respondent":
            require(caller, "read_answers")
            # A department-only respondent's own words, under their interview, would name them.
            if attribution.is_department_only(handle.session, caller.org_id, handle.respondent.id):
                msg = (
                    "this interview belongs to a department-only campaign: only the person "
                    "who gave the answers can read them one by one; see the answers list or "
                    "the score for them by department"
                )
                raise ForbiddenError(msg)
        messages = repo.transcript(handle.session, interview_id)
        return InterviewRecord(
            state=handle.state(),
            transcript=[MessageView.model_validate(m, from_attributes=True) for m in messages],
            answers=[
                AnswerView.model_validate(e, from_attributes=True)
                for e in sorted(
                    repo.current_events(
                        handle.session, caller.org_id, handle.respondent.id
                    ).values(),
                    key=lambda e: e.id,
                )
            ],
        )

"""The conversation engine: one turn loop shared by every front end.

text (or a button's choice) in -> the driver reads the interview and decides a list of actions
-> tools apply them in one transaction they keep private, with the transcript -> the driver's
reply out (with the next question and progress). No lock is held while a driver decides.
"""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel

from assistant.config import Settings
from assistant.drivers.decision import Decision
from assistant.drivers.replies import choice_reply
from assistant.drivers.rules import RulesDriver
from tools import Store
from tools import interview as iv
from tools.access import Caller
from tools.errors import AnswerRejected
from tools.interview import (
    AdaptiveEstimator,
    InterviewContext,
    InterviewView,
    Progress,
    QuestionView,
    Recorded,
)
from tools.knowledge import KnowledgeService, open_knowledge

MAX_MESSAGE_CHARS = 4_000


class TurnResult(BaseModel):
    interview_id: str
    reply: str
    question: QuestionView | None
    progress: Progress
    done: bool


class ChoiceResult(TurnResult):
    """A button or modal's turn: the question it named (as shown before) and what it did."""

    chosen: QuestionView
    recorded: Recorded | None
    was_pending: bool
    state: InterviewView


Choice = Literal["answer", "skip", "dont_know", "pause"]


class ChatDriver(Protocol):
    def opening(self, context: InterviewContext) -> str: ...

    def decide(self, context: InterviewContext, text: str) -> Decision: ...

    def answer_question(self, caller: Caller, text: str) -> str: ...


def make_driver(
    store: Store,
    settings: Settings,
    *,
    knowledge: KnowledgeService | None = None,
    estimator: AdaptiveEstimator | None = None,
) -> ChatDriver:
    """The rules driver (OIAR_MODEL=rules, the default), or the LLM driver for a provider string.

    Args:
        knowledge: The app's knowledge service; without one, a service of the driver's own.
        estimator: The app's question order, for the model's previews of the next question.

    Raises:
        ModelConfigError: OIAR_MODEL is malformed or its provider package is not installed.
    """
    # Either driver's answers feed the evidence index; nothing opens until first used.
    if knowledge is None:
        knowledge = open_knowledge(
            store, data_dir=settings.data_dir, chroma_url=settings.chroma_url
        )
    rules = RulesDriver(store, knowledge=knowledge)
    if settings.model.strip().lower() == "rules":
        return rules
    # Imported here: the rules driver never loads LangChain's provider machinery.
    from assistant.drivers.llm import LLMDriver

    # The model gets the knowledge tools through the rules driver it falls back on.
    return LLMDriver.from_settings(store, settings, rules=rules, estimator=estimator)


class Engine:
    """Runs interviews and operator questions through one driver (rules by default).

    Args:
        estimator: Picks each next question by value of information; without one, the
            instrument's order.
    """

    def __init__(
        self,
        store: Store,
        driver: ChatDriver | None = None,
        *,
        estimator: AdaptiveEstimator | None = None,
    ) -> None:
        self.store = store
        self.driver: ChatDriver = driver or RulesDriver(store)
        self.estimator = estimator

    @property
    def quick(self) -> bool:
        """True when a turn is pure local work (the rules driver, its knowledge index on local
        disk): no call leaves the process, so a turn may run on an event loop."""
        driver = self.driver
        if not isinstance(driver, RulesDriver):
            return False
        return driver.knowledge is None or not driver.knowledge.remote

    @property
    def _decides_in_write(self) -> bool:
        """Whether the driver may decide inside the turn's write transaction (one load of the
        interview instead of two): only for quick work on SQLite, where a process's quick
        work runs one turn at a time on the event loop, so holding the writer while deciding
        takes no concurrency. On PostgreSQL turns run side by side in threads, and a decision
        that reads the store (a score, a named question) would hold one pooled connection
        while waiting for another."""
        return self.quick and self.store.is_sqlite

    def start(
        self,
        caller: Caller,
        *,
        respondent_id: str,
        channel: str = "api",
        full_instrument: bool = False,
    ) -> TurnResult:
        """Open an interview: the welcome and the first question."""
        state = iv.start_interview(
            self.store,
            caller,
            respondent_id=respondent_id,
            channel=channel,
            full_instrument=full_instrument,
            estimator=self.estimator,
        )
        if self._decides_in_write:

            def opening(context: InterviewContext) -> tuple[list[iv.Action], iv.Compose]:
                reply = self.driver.opening(context)
                return [], lambda _: reply

            outcome, said = iv.decide_and_apply(
                self.store, caller, state.id, opening, estimator=self.estimator
            )
            return _result(outcome.state, said or "")
        reply = self.driver.opening(self._context(caller, state.id))
        outcome, _ = iv.apply_turn(
            self.store, caller, state.id, [], compose=lambda _: reply, estimator=self.estimator
        )
        return _result(outcome.state, reply)

    def turn(self, caller: Caller, interview_id: str, text: str) -> TurnResult:
        """One message from the respondent in, the reply out.

        The driver decides from a read of the interview, holding no lock (a model may think
        for seconds); tools then apply what it decided in one transaction. Quick work on
        SQLite reads, decides and applies in that one transaction (`_decides_in_write`).
        """
        cleaned = text.strip()
        if not cleaned:
            msg = "the message is empty; type an answer, or 'help'"
            raise AnswerRejected(msg, example="about 15 a month")
        if len(cleaned) > MAX_MESSAGE_CHARS:
            msg = f"the message is {len(cleaned):,} characters; keep it under {MAX_MESSAGE_CHARS:,}"
            raise AnswerRejected(msg)
        if self._decides_in_write:

            def decide(context: InterviewContext) -> tuple[list[iv.Action], iv.Compose]:
                decision = self.driver.decide(context, cleaned)
                return decision.actions, decision.compose

            outcome, reply = iv.decide_and_apply(
                self.store, caller, interview_id, decide, said=cleaned, estimator=self.estimator
            )
            return _result(outcome.state, reply or "")
        decision = self.driver.decide(self._context(caller, interview_id), cleaned)
        outcome, reply = iv.apply_turn(
            self.store,
            caller,
            interview_id,
            decision.actions,
            said=cleaned,
            compose=decision.compose,
            estimator=self.estimator,
        )
        return _result(outcome.state, reply or "")

    def choose(
        self,
        caller: Caller,
        interview_id: str,
        *,
        question_id: str,
        choice: Choice,
        value: str = "",
    ) -> ChoiceResult:
        """A structured choice (a button, a menu, a modal) on one question, in one transaction.

        Raises:
            AnswerRejected: `value` cannot be read for the question; nothing is stored.
        """
        actions: list[iv.Action]
        if choice == "answer":
            actions, said = [iv.Answer(value, question_id=question_id)], value
        elif choice == "pause":
            actions, said = [iv.SetStatus("paused")], "pause"
        else:
            dont_know = choice == "dont_know"
            actions = [iv.Skip(question_id=question_id, dont_know=dont_know)]
            said = "don't know" if dont_know else "skip"
        outcome, reply = iv.apply_turn(
            self.store,
            caller,
            interview_id,
            actions,
            said=said,
            compose=choice_reply(choice),
            focus=question_id,
            estimator=self.estimator,
        )
        state = outcome.state
        if outcome.focus is None:
            msg = "apply_turn returned no view of the chosen question it was given"
            raise RuntimeError(msg)
        return ChoiceResult(
            **_result(state, reply or "").model_dump(),
            chosen=outcome.focus,
            recorded=outcome.recorded[0].recorded if outcome.recorded else None,
            was_pending=outcome.focus_was_pending,
            state=state,
        )

    def resume(self, caller: Caller, interview_id: str) -> TurnResult:
        """Where an interview stands, for a respondent coming back (no message sent)."""
        context = self._context(caller, interview_id)
        return _result(context.state, self.driver.opening(context))

    def _context(self, caller: Caller, interview_id: str) -> InterviewContext:
        return iv.interview_context(self.store, caller, interview_id, estimator=self.estimator)

    def ask(self, caller: Caller, text: str) -> str:
        """An operator's question about results ("what's our biggest drag?")."""
        cleaned = text.strip()
        if not cleaned or len(cleaned) > MAX_MESSAGE_CHARS:
            msg = f"ask a question of 1 to {MAX_MESSAGE_CHARS:,} characters"
            raise AnswerRejected(msg, example="what's our biggest drag?")
        return self.driver.answer_question(caller, cleaned)


def _result(state: InterviewView, reply: str) -> TurnResult:
    return TurnResult(
        interview_id=state.id,
        reply=reply,
        question=state.pending,
        progress=state.progress,
        done=state.status == "done",
    )

"""The conversation engine: one turn loop shared by every front end.

text in -> driver -> tool calls -> reply out (with the next question and progress). The engine
keeps the transcript; the driver decides what the text means and which tools to call.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from assistant.drivers.rules import RulesDriver
from tools import interview as iv
from tools.access import Caller
from tools.errors import AnswerRejected
from tools.interview import Progress, QuestionView
from tools.store.db import Store

MAX_MESSAGE_CHARS = 4_000


class TurnResult(BaseModel):
    interview_id: str
    reply: str
    question: QuestionView | None
    progress: Progress
    done: bool


class Driver(Protocol):
    def opening(self, caller: Caller, interview_id: str) -> str: ...

    def respond(self, caller: Caller, interview_id: str, text: str) -> str: ...

    def answer_question(self, caller: Caller, text: str) -> str: ...


class Engine:
    """Runs interviews and operator questions through one driver (rules by default)."""

    def __init__(self, store: Store, driver: Driver | None = None) -> None:
        self.store = store
        self.driver: Driver = driver or RulesDriver(store)

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
        )
        reply = self.driver.opening(caller, state.id)
        iv.log_messages(self.store, caller, state.id, [("assistant", reply)])
        return self._result(caller, state.id, reply)

    def turn(self, caller: Caller, interview_id: str, text: str) -> TurnResult:
        """One message from the respondent in, the reply out."""
        cleaned = text.strip()
        if not cleaned:
            msg = "the message is empty; type an answer, or 'help'"
            raise AnswerRejected(msg, example="about 15 a month")
        if len(cleaned) > MAX_MESSAGE_CHARS:
            msg = f"the message is {len(cleaned):,} characters; keep it under {MAX_MESSAGE_CHARS:,}"
            raise AnswerRejected(msg)
        # Fail fast on an interview the caller cannot see, before any tool runs.
        iv.get_state(self.store, caller, interview_id)
        reply = self.driver.respond(caller, interview_id, cleaned)
        iv.log_messages(
            self.store, caller, interview_id, [("respondent", cleaned), ("assistant", reply)]
        )
        return self._result(caller, interview_id, reply)

    def resume(self, caller: Caller, interview_id: str) -> TurnResult:
        """Where an interview stands, for a respondent coming back (no message sent)."""
        return self._result(caller, interview_id, self.driver.opening(caller, interview_id))

    def ask(self, caller: Caller, text: str) -> str:
        """An operator's question about results ("what's our biggest drag?")."""
        cleaned = text.strip()
        if not cleaned or len(cleaned) > MAX_MESSAGE_CHARS:
            msg = f"ask a question of 1 to {MAX_MESSAGE_CHARS:,} characters"
            raise AnswerRejected(msg, example="what's our biggest drag?")
        return self.driver.answer_question(caller, cleaned)

    def _result(self, caller: Caller, interview_id: str, reply: str) -> TurnResult:
        state = iv.get_state(self.store, caller, interview_id)
        return TurnResult(
            interview_id=interview_id,
            reply=reply,
            question=state.pending,
            progress=state.progress,
            done=state.status == "done",
        )

"""The conversation engine: one turn loop shared by every front end.

text in -> driver -> tool calls -> reply out (with the next question and progress). The engine
keeps the transcript; the driver decides what the text means and which tools to call.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel

from assistant.config import Settings
from assistant.drivers.rules import RulesDriver
from tools import interview as iv
from tools.access import Caller
from tools.errors import AnswerRejected
from tools.interview import InterviewHandle, Progress, QuestionView
from tools.knowledge import open_knowledge
from tools.store.db import Store

MAX_MESSAGE_CHARS = 4_000


class TurnResult(BaseModel):
    interview_id: str
    reply: str
    question: QuestionView | None
    progress: Progress
    done: bool


class ChatDriver(Protocol):
    def opening(self, h: InterviewHandle) -> str: ...

    def respond(self, h: InterviewHandle, text: str) -> str: ...

    def answer_question(self, caller: Caller, text: str) -> str: ...


def make_driver(store: Store, settings: Settings) -> ChatDriver:
    """The rules driver (OIAR_MODEL=rules, the default), or the LLM driver for a provider string.

    Raises:
        ModelConfigError: OIAR_MODEL is malformed or its provider package is not installed.
    """
    # Either driver's answers feed the evidence index; nothing opens until first used.
    knowledge = open_knowledge(store, data_dir=settings.data_dir, chroma_url=settings.chroma_url)
    rules = RulesDriver(store, knowledge=knowledge)
    if settings.model.strip().lower() == "rules":
        return rules
    # Imported here: the rules driver never loads LangChain's provider machinery.
    from assistant.drivers.llm import LLMDriver

    # The model gets the knowledge tools through the rules driver it falls back on.
    return LLMDriver.from_settings(store, settings, rules=rules)


class Engine:
    """Runs interviews and operator questions through one driver (rules by default)."""

    def __init__(self, store: Store, driver: ChatDriver | None = None) -> None:
        self.store = store
        self.driver: ChatDriver = driver or RulesDriver(store)

    @property
    def quick(self) -> bool:
        """True when a turn is pure local work (the rules driver, its knowledge index on local
        disk): no call leaves the process, so a turn may run on an event loop."""
        driver = self.driver
        if not isinstance(driver, RulesDriver):
            return False
        return driver.knowledge is None or not driver.knowledge.remote

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
        with iv.open_interview(self.store, caller, state.id) as h:
            reply = self.driver.opening(h)
            h.log([("assistant", reply)])
            return self._result(h, reply)

    def turn(self, caller: Caller, interview_id: str, text: str) -> TurnResult:
        """One message from the respondent in, the reply out."""
        cleaned = text.strip()
        if not cleaned:
            msg = "the message is empty; type an answer, or 'help'"
            raise AnswerRejected(msg, example="about 15 a month")
        if len(cleaned) > MAX_MESSAGE_CHARS:
            msg = f"the message is {len(cleaned):,} characters; keep it under {MAX_MESSAGE_CHARS:,}"
            raise AnswerRejected(msg)
        # One transaction per turn (the interview row locked on PostgreSQL): a message and
        # everything it causes land together or not at all.
        with iv.open_interview(self.store, caller, interview_id) as h:
            reply = self.driver.respond(h, cleaned)
            h.log([("respondent", cleaned), ("assistant", reply)])
            return self._result(h, reply)

    def resume(self, caller: Caller, interview_id: str) -> TurnResult:
        """Where an interview stands, for a respondent coming back (no message sent)."""
        with iv.open_interview(self.store, caller, interview_id, write=False) as h:
            return self._result(h, self.driver.opening(h))

    def ask(self, caller: Caller, text: str) -> str:
        """An operator's question about results ("what's our biggest drag?")."""
        cleaned = text.strip()
        if not cleaned or len(cleaned) > MAX_MESSAGE_CHARS:
            msg = f"ask a question of 1 to {MAX_MESSAGE_CHARS:,} characters"
            raise AnswerRejected(msg, example="what's our biggest drag?")
        return self.driver.answer_question(caller, cleaned)

    def _result(self, h: InterviewHandle, reply: str) -> TurnResult:
        state = h.state()
        return TurnResult(
            interview_id=h.id,
            reply=reply,
            question=state.pending,
            progress=state.progress,
            done=state.status == "done",
        )

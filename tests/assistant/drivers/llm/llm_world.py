"""A workspace with one respondent talking to an engine on the LLM driver."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factories import Workspace, make_workspace_of

from assistant.drivers.llm import LLMDriver, ModelLimits
from assistant.engine import Engine, TurnResult
from tools import analysis
from tools.access import Caller

FAST = ModelLimits(timeout_s=5.0, max_tool_calls=4, max_tokens=256)


@dataclass
class Interview:
    ws: Workspace
    engine: Engine
    caller: Caller
    respondent_id: str
    first: TurnResult

    @property
    def id(self) -> str:
        return self.first.interview_id

    def turn(self, text: str) -> TurnResult:
        return self.engine.turn(self.caller, self.id, text)

    def answers(self) -> list[Any]:
        """The respondent's current answers, oldest first."""
        rows = analysis.list_answers(self.ws.store, self.ws.admin, self.ws.org.id, history=False)
        return [r for r in rows if r.respondent_id == self.respondent_id]


def interview(
    store: Any,
    model: Any,
    *,
    limits: ModelLimits = FAST,
    sleep: Any = None,
    name: str = "Dana Ruiz",
) -> Interview:
    ws = make_workspace_of(store)
    person = ws.person(name, role="COO", department="Operations")
    caller = ws.caller("respondent", person.id)
    extra = {"sleep": sleep} if sleep is not None else {}
    engine = Engine(store, LLMDriver(store, model, limits=limits, **extra))
    return Interview(ws, engine, caller, person.id, engine.start(caller, respondent_id=person.id))

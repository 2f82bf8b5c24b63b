"""A scripted chat model that can bind tools (GenericFakeChatModel cannot), and a snapshot of
the store for proving what a turn did not touch."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.tools import BaseTool
from pydantic import Field
from sqlalchemy import inspect, select

from tools.store.schema import Base

Step = AIMessage | BaseException | Callable[[list[BaseMessage]], AIMessage]
_ids = itertools.count(1)


def call(name: str, /, **args: Any) -> AIMessage:
    """An AI message asking for one tool call."""
    return calls((name, args))


def calls(*requests: tuple[str, dict[str, Any]]) -> AIMessage:
    """An AI message asking for several tool calls at once."""
    return AIMessage(
        content="",
        tool_calls=[
            {"name": name, "args": args, "id": f"call_{next(_ids)}", "type": "tool_call"}
            for name, args in requests
        ],
    )


def say(text: str) -> AIMessage:
    return AIMessage(content=text)


def tool_results(messages: Sequence[BaseMessage]) -> list[ToolMessage]:
    return [m for m in messages if isinstance(m, ToolMessage)]


def last_tool_text(messages: Sequence[BaseMessage]) -> str:
    return str(tool_results(messages)[-1].content)


class ScriptedChatModel(BaseChatModel):
    """Plays `script` one step per model call: a message, an exception to raise, or a function
    of the messages so far (to answer from tool results). Past the end it repeats `then`."""

    script: list[Any] = Field(default_factory=list)
    then: Any = None
    seen: list[list[BaseMessage]] = Field(default_factory=list)
    bound: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedChatModel:  # type: ignore[override]
        self.bound = [t.name if isinstance(t, BaseTool) else str(t) for t in tools]
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.seen.append(list(messages))
        step = self.script.pop(0) if self.script else self.then
        if step is None:
            step = say("(script ended)")
        if isinstance(step, BaseException):
            raise step
        if callable(step):
            step = step(messages)
        # A fresh copy: the same scripted message may be played more than once.
        return ChatResult(generations=[ChatGeneration(message=step.model_copy(deep=True))])

    def seen_text(self) -> str:
        """Everything the model was shown, for asserting what never reached it."""
        return "\n".join(str(m.content) for turn in self.seen for m in turn)


def snapshot(store: Any, *, skip: Callable[[str, dict[str, Any]], bool]) -> dict[str, list[Any]]:
    """Every row of every table, minus those `skip(table, row)` allows to change."""
    with store.read() as session:
        present = set(inspect(session.connection()).get_table_names())
        rows: dict[str, list[Any]] = {}
        for table in Base.metadata.sorted_tables:
            if table.name not in present:
                continue
            found = [dict(r._mapping) for r in session.execute(select(table))]
            rows[table.name] = sorted(
                (sorted(r.items(), key=lambda kv: kv[0]) for r in found if not skip(table.name, r)),
                key=repr,
            )
        return rows

"""The bounded tool-calling loop of one turn.

The model answers or asks for tools; the tools run here, in the caller's thread (they act
through the turn's database session, which must not cross threads), and their results go back
to the model. The loop stops at the model's first reply without tool calls, at the per-turn
tool-call limit (calls past it are refused with a message, and the model gets one last chance
to reply), or when the model fails or the deadline passes (`LoopResult.failure`). Whatever ran
before a failure is kept in `steps`; the actions the tools collected are the driver's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, ToolCall, ToolMessage
from langchain_core.tools import BaseTool

from assistant.drivers.llm.calls import Deadline, ModelUnavailable, call_model

log = logging.getLogger(__name__)


@dataclass
class LoopResult:
    """What one turn's loop did."""

    reply: str | None = None
    steps: list[ToolMessage] = field(default_factory=list)
    failure: str | None = None
    model_calls: int = 0

    @property
    def tool_texts(self) -> list[str]:
        """What the tools said (successful calls only)."""
        return [str(m.content) for m in self.steps if m.status != "error"]


def _refused(call: ToolCall, text: str) -> ToolMessage:
    return ToolMessage(
        content=text, tool_call_id=call["id"] or "", name=call["name"], status="error"
    )


def _run_tool(tools: dict[str, BaseTool], call: ToolCall) -> ToolMessage:
    tool = tools.get(call["name"])
    if tool is None:
        return _refused(
            call, f"There is no tool named {call['name']!r}; the tools are: {', '.join(tools)}."
        )
    result = tool.invoke({**call, "type": "tool_call"})
    if isinstance(result, ToolMessage):
        return result
    return ToolMessage(content=str(result), tool_call_id=call["id"] or "", name=call["name"])


def run_tool_loop(
    model: BaseChatModel,
    tools: Sequence[BaseTool],
    messages: Sequence[BaseMessage],
    *,
    deadline: Deadline,
    max_tool_calls: int,
    sleep: Callable[[float], None] | None = None,
) -> LoopResult:
    """Run the model with `tools` until it replies, the limits stop it, or it fails."""
    by_name = {t.name: t for t in tools}
    bound = model.bind_tools(list(tools)) if tools else model
    history = list(messages)
    result = LoopResult()
    calls = 0
    # One model call per round of tool calls, plus the reply, plus one after the limit.
    for _ in range(max_tool_calls + 2):
        try:
            ai = call_model(bound, history, deadline, sleep=sleep or time.sleep)
        except ModelUnavailable as exc:
            log.warning("model unavailable after %.1f s: %s", deadline.elapsed(), exc)
            result.failure = str(exc)
            return result
        result.model_calls += 1
        history.append(ai)
        if not ai.tool_calls:
            result.reply = ai.text.strip() or None
            return result
        for call in ai.tool_calls:
            if calls >= max_tool_calls:
                message = _refused(
                    call,
                    f"Not run: the limit of {max_tool_calls} tool calls this turn is reached. "
                    "Reply to the respondent now with what the tools have said.",
                )
            else:
                calls += 1
                message = _run_tool(by_name, call)
                result.steps.append(message)
            history.append(message)
    return result

"""`LLMDriver`: the Driver protocol with a LangChain chat model deciding the tool calls.

Per turn: the system prompt (``prompts/interviewer.md`` or ``prompts/analyst.md``), a window
of the interview's transcript, and the message; the model calls the tools `make_tools` gives
this caller (bound server-side to their organization, respondent, role and interview): reads
are short transactions of their own, and answers and skips are previewed (rolled back) and
collected as the turn's actions, so no write lock is held while the model thinks;
`run_tool_loop` bounds it. The engine then applies the collected actions in one transaction,
and the reply is worded from their outcomes:

- provider failure or deadline: the rules driver answers, prefixed with a note saying so
  (`fallback`);
- no reply within the tool-call limit, or a reply with a number that is in no tool result of
  this turn, the question or the respondent's message (`numbers`): a reply rendered from the
  tool results instead;
- otherwise the model's reply, with a confirmation line added for any answer recorded this
  turn that the reply does not repeat as the tool read it.

The opening of an interview (welcome and first question) is the rules driver's: it needs no
judgement and so costs no model call.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.tools import BaseTool

from assistant.config import Settings
from assistant.drivers.decision import Decision
from assistant.drivers.llm import fallback
from assistant.drivers.llm.calls import Deadline
from assistant.drivers.llm.chat_model import (
    ModelLimits,
    build_chat_model,
    limits_from,
    spec_from,
)
from assistant.drivers.llm.loop import LoopResult, run_tool_loop
from assistant.drivers.llm.numbers import unsupported_numbers
from assistant.drivers.rules import RulesDriver
from prompts import check_variables, system_prompt
from tools import Store, admin
from tools import interview as iv
from tools.access import Caller
from tools.interview import InterviewContext
from tools.model_tools import text as tool_text
from tools.model_tools.registry import make_tools

log = logging.getLogger(__name__)

HISTORY_MESSAGES = 12
MAX_OPEN_QUESTIONS = 40

INTERVIEWER = system_prompt("interviewer")
ANALYST = system_prompt("analyst")
# The values this module fills; a prompt file that declares others fails at import.
check_variables(
    INTERVIEWER,
    (
        "org_name",
        "respondent_name",
        "respondent_title",
        "department",
        "interview_state",
        "open_questions",
    ),
)
check_variables(ANALYST, ("org_name", "caller_role"))


class LLMDriver:
    """Interview turns and operators' questions decided by a chat model, bounded and grounded."""

    def __init__(
        self,
        store: Store,
        model: BaseChatModel,
        *,
        limits: ModelLimits | None = None,
        rules: RulesDriver | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self.model = model
        self.limits = limits or ModelLimits()
        self.rules = rules or RulesDriver(store)
        self._clock = clock
        self._sleep = sleep

    @classmethod
    def from_settings(
        cls, store: Store, settings: Settings, *, rules: RulesDriver | None = None
    ) -> LLMDriver:
        """The driver for OIAR_MODEL (a provider string) and its OIAR_MODEL_* limits.

        Args:
            store: The workspace store.
            settings: OIAR_MODEL, OIAR_MODEL_BASE_URL, OIAR_MODEL_API_KEY and the limits.
            rules: The rules driver for fallbacks and openings, if one is built already.
        """
        limits = limits_from(settings)
        model = build_chat_model(spec_from(settings), limits)
        return cls(store, model, limits=limits, rules=rules)

    # -- interview turns -------------------------------------------------------------

    def opening(self, context: InterviewContext) -> str:
        return self.rules.opening(context)

    def decide(self, context: InterviewContext, text: str) -> Decision:
        """Run the model over read tools and action-collecting tools; no transaction is open
        while it thinks. The collected actions are applied by the engine afterwards."""
        system = self._interviewer_prompt(context)
        messages = [SystemMessage(system), *self._history(context), HumanMessage(text)]
        actions: list[iv.Action] = []
        tools = make_tools(
            store=self.store,
            caller=context.caller,
            interview_id=context.id,
            knowledge=self.rules.knowledge,
            actions=actions,
        )
        result = self._run(tools, messages)
        if result.failure is not None:
            return fallback.unavailable_decision(
                fallback.interview_decision(self.rules, context, text, actions)
            )
        reply = result.reply
        if reply is None:
            log.warning("model gave no reply within %d tool calls", self.limits.max_tool_calls)
            return fallback.interview_decision(self.rules, context, text, actions)
        stray = unsupported_numbers(reply, [*result.tool_texts, system, text])
        if stray:
            log.warning("model reply has figures no tool gave (%s); replaced", ", ".join(stray))
            return fallback.interview_decision(self.rules, context, text, actions)
        return Decision(lambda outcome: fallback.confirm_recorded(outcome, reply), actions)

    def _interviewer_prompt(self, context: InterviewContext) -> str:
        org = admin.get_org(self.store, context.caller, context.caller.org_id)
        open_rows = [r for r in context.planned if r.status == "open"][:MAX_OPEN_QUESTIONS]
        return INTERVIEWER.render(
            org_name=org.name,
            respondent_name=context.respondent_name,
            respondent_title=context.respondent_title or "title not given",
            department=context.department or "department not given",
            interview_state=tool_text.state_text(context.state),
            open_questions="\n".join(f"[{r.question.id}] {r.question.text}" for r in open_rows)
            or "none: every question has an answer or a skip",
        )

    def _history(self, context: InterviewContext) -> list[BaseMessage]:
        """The latest messages of the transcript: enough for "make that 5", bounded in cost."""
        record = iv.get_record(self.store, context.caller, context.id)
        window = record.transcript[-HISTORY_MESSAGES:]
        return [
            HumanMessage(m.text) if m.sender == "respondent" else AIMessage(m.text) for m in window
        ]

    # -- questions about results -----------------------------------------------------

    def answer_question(self, caller: Caller, text: str) -> str:
        org = admin.get_org(self.store, caller, caller.org_id)
        system = ANALYST.render(org_name=org.name, caller_role=caller.role)
        tools = make_tools(store=self.store, caller=caller, knowledge=self.rules.knowledge)
        result = self._run(tools, [SystemMessage(system), HumanMessage(text)])
        if result.failure is not None:
            return fallback.unavailable(self.rules.answer_question(caller, text))
        reply = result.reply
        if reply is None or unsupported_numbers(reply, [*result.tool_texts, text]):
            return fallback.analyst_reply(self.rules, caller, text, result)
        return reply

    def _run(self, tools: list[BaseTool], messages: list[BaseMessage]) -> LoopResult:
        deadline = Deadline(self.limits.timeout_s, clock=self._clock)
        result = run_tool_loop(
            self.model,
            tools,
            messages,
            deadline=deadline,
            max_tool_calls=self.limits.max_tool_calls,
            sleep=self._sleep,
        )
        log.info(
            "llm turn: %d model calls, %d tool calls, %.2f s%s",
            result.model_calls,
            len(result.steps),
            deadline.elapsed(),
            f", failed: {result.failure}" if result.failure else "",
        )
        return result

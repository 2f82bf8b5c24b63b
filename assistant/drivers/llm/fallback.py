"""Replies the driver can stand behind without the model: the rules driver, or a rendering of
what the tools did this turn.

Used when the provider fails (with the `model_unavailable` note), when the model runs out of
tool calls without replying, and when its reply carries a figure no tool gave. If no tool
changed anything this turn, the rules driver handles the message as it would have anyway; if
the model collected an answer before it failed, running the rules driver on the same message
could record it a second time against the next question, so the collected actions are applied
and the reply confirms what was recorded and asks the open question instead.
"""

from __future__ import annotations

from assistant.drivers.decision import Decision
from assistant.drivers.llm.loop import LoopResult
from assistant.drivers.replies import format_question
from assistant.drivers.rules import RulesDriver
from prompts import render
from tools.access import Caller
from tools.interview import Action, Applied, InterviewContext, TurnOutcome


def confirmation(applied: Applied) -> str:
    """One line saying what an action recorded, from the tools' own outcome."""
    recorded = applied.recorded
    if recorded.kind == "skip":
        return render("skipped")
    if recorded.kind == "dont_know":
        return render("dont_know")
    display = recorded.display or ""
    if recorded.previous is not None:
        question = applied.question.text
        return render("revised", question=question, old=recorded.previous, new=display)
    return render("confirm", display=display)


def confirm_recorded(outcome: TurnOutcome, reply: str) -> str:
    """Make sure the reply confirms every answer recorded this turn, as the tool read it."""
    missing = [
        confirmation(a)
        for a in outcome.recorded
        if a.recorded.kind == "answer" and (a.recorded.display or "") not in reply
    ]
    return "\n".join([*missing, reply]) if missing else reply


def interview_decision(
    rules: RulesDriver, context: InterviewContext, text: str, actions: list[Action]
) -> Decision:
    """The turn answered from the collected actions alone, or by the rules driver when the
    model collected none."""
    if not actions:
        return rules.decide(context, text)

    def reply(outcome: TurnOutcome) -> str:
        lines = "\n".join(confirmation(a) for a in outcome.recorded)
        state = outcome.state
        if state.status == "done" or state.pending is None:
            done = render("done", answered=state.progress.answered, skipped=state.progress.skipped)
            return f"{lines}\n\n{done}"
        return f"{lines}\n\n{format_question(state.pending)}"

    return Decision(reply, actions)


def unavailable_decision(decision: Decision) -> Decision:
    """The decision with its reply prefixed by the note that the model is unavailable."""
    compose = decision.compose
    return Decision(lambda outcome: unavailable(compose(outcome)), decision.actions)


def analyst_reply(rules: RulesDriver, caller: Caller, text: str, result: LoopResult) -> str:
    """An operator's question answered from tool results alone, or by the rules driver."""
    if result.tool_texts:
        return "\n\n".join(result.tool_texts)
    return rules.answer_question(caller, text)


def unavailable(reply: str) -> str:
    """A reply prefixed with the note that the model is unavailable this turn."""
    return f"{render('model_unavailable')}\n\n{reply}"

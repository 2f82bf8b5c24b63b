"""The rules driver: the offline, deterministic structured interviewer.

It classifies each message (answer, skip, don't know, back, revise, pause, resume, status, help,
or a question about results), calls the matching tool, and composes the reply from the
templates in `prompts/`. Unreadable answers get a re-ask with an example, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from assistant.drivers import governance_chat, lookup_replies
from assistant.drivers.intents import Intent, ParsedIntent, classify, match_domain
from knowledge import load_instrument
from prompts import render
from scoring.catalog import INPUTS
from scoring.explain import money
from scoring.what_if import OverrideError
from tools import analysis
from tools.access import Caller
from tools.analysis import what_if
from tools.errors import AnswerRejected, ForbiddenError
from tools.interview import InterviewHandle, InterviewView, QuestionView
from tools.knowledge import KnowledgeService, KnowledgeUnavailable
from tools.parsing.answers import parsing_choices
from tools.store.db import Store

MINUTES_PER_QUESTION = 0.6
_SCALE_HINT = "Answer 1 to 5."


def format_question(question: QuestionView) -> str:
    """The question as shown in chat: progress, domain, text, and how to answer."""
    hint = f"For example: {question.example}"
    if question.type == "choice":
        hint = "Options: " + ", ".join(question.choices)
    elif question.type == "scale_1_5":
        hint = _SCALE_HINT
    elif question.type == "yes_no":
        hint = "Yes, no or partly."
    progress = render("progress", answered=question.number, total=question.total)
    return f"{progress} · {question.domain_label}\n*{question.text}*\n{hint}"


def done_message(state: InterviewView) -> str:
    """Every question answered, or (adaptive stop rule) the ranking settled before that."""
    template = "settled" if state.settled else "done"
    done = render(template, answered=state.progress.answered, skipped=state.progress.skipped)
    return f"{done}\n\n{render('governance_invite')}"


class RulesDriver:
    """Interview turns act on an `InterviewHandle`: one transaction per turn, however many
    tools the message needs."""

    def __init__(self, store: Store, knowledge: KnowledgeService | None = None) -> None:
        self.store = store
        # Knowledge and evidence questions need the index; without one they say so.
        self.knowledge = knowledge

    # -- interview turns -------------------------------------------------------------

    def opening(self, h: InterviewHandle) -> str:
        state = h.state()
        if state.status == "done" or state.pending is None:
            return done_message(state)
        minutes = max(1, round(state.progress.remaining * MINUTES_PER_QUESTION))
        name = h.respondent.name.split()[0] if h.respondent.name.split() else "there"
        welcome = render("welcome", name=name, total=state.progress.total, minutes=minutes)
        if state.progress.answered or state.progress.skipped:
            welcome = render("resumed")
        return f"{welcome}\n\n{format_question(state.pending)}"

    def respond(self, h: InterviewHandle, text: str) -> str:
        state = h.state()
        pending = state.pending
        awaiting = pending is not None and state.status != "done"
        question = load_instrument().by_id.get(pending.id) if pending else None
        parsed = classify(
            text,
            awaiting_answer=awaiting,
            question_type=question.type if question else None,
            unit=question.unit if question else None,
            choices=parsing_choices(question) if question else (),
        )
        if parsed.intent is Intent.WHY and parsed.target is None and pending is not None:
            # "why?" with a question open asks why we ask it, not why a domain ranks first.
            return f"{pending.why}\n\n{format_question(pending)}"
        if parsed.intent is Intent.GOVERNANCE_ENTRY:
            recorded = governance_chat.record_entry(self.store, h.caller, parsed, handle=h)
            return self._then_continue(h, recorded)
        handler = self._handlers.get(parsed.intent)
        if handler is not None:
            return handler(self, h, parsed)
        results = self.answer_question(h.caller, parsed.payload, parsed=parsed)
        return self._then_continue(h, results)

    def _then_continue(self, h: InterviewHandle, reply: str) -> str:
        """Append the open question so the interview never stalls after a side trip."""
        state = h.state()
        if state.pending is None or state.status == "done":
            return reply
        return f"{reply}\n\n{format_question(state.pending)}"

    def _next(self, h: InterviewHandle, lead: str) -> str:
        state = h.state()
        if state.status == "done" or state.pending is None:
            return f"{lead}\n\n{done_message(state)}"
        return f"{lead}\n\n{format_question(state.pending)}"

    def _answer(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        pending_id = h.interview.pending_question_id
        pending = h.find(pending_id) if pending_id is not None else None
        if pending is None or h.interview.status == "done":
            return render("not_understood")
        try:
            recorded = h.record(parsed.payload)
        except AnswerRejected as exc:
            return render("reask", problem=exc.message, example=exc.example or pending.example)
        if recorded.kind == "dont_know":
            return self._next(h, render("dont_know"))
        return self._next(h, render("confirm", display=recorded.display or ""))

    def _skip(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        if h.interview.pending_question_id is None:
            return render("not_understood")
        h.skip()
        return self._next(h, render("skipped"))

    def _dont_know(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        if h.interview.pending_question_id is None:
            return render("not_understood")
        h.skip(dont_know=True)
        return self._next(h, render("dont_know"))

    def _back(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        previous = h.back()
        if previous is None:
            return self._then_continue(h, render("nothing_to_go_back_to"))
        return f"{render('back', question=previous.domain_label)}\n\n{format_question(previous)}"

    def _revise(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        target = (h.find_question(parsed.target) if parsed.target else None) or h.last_answered()
        if target is None:
            return self._then_continue(h, render("nothing_to_revise"))
        if not parsed.payload.strip():
            h.interview.pending_question_id = target.id
            return f"{render('back', question=target.domain_label)}\n\n{format_question(target)}"
        try:
            recorded = h.record(parsed.payload, question_id=target.id)
        except AnswerRejected as exc:
            return render("reask", problem=exc.message, example=exc.example or target.example)
        reply = render(
            "revised",
            question=target.text,
            old=recorded.previous or "no answer",
            new=recorded.display or "don't know",
        )
        return self._then_continue(h, reply)

    def _pause(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        paused = h.set_status("paused")
        return render("paused", answered=paused.progress.answered, total=paused.progress.total)

    def _resume(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        h.set_status("active")
        return self._then_continue(h, render("resumed"))

    def _status(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        p = h.progress()
        reply = render(
            "status", answered=p.answered, total=p.total, skipped=p.skipped, remaining=p.remaining
        )
        return self._then_continue(h, reply)

    def _help(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        return self._then_continue(h, render("help"))

    def _greeting(self, h: InterviewHandle, parsed: ParsedIntent) -> str:
        return self._then_continue(h, render("greeting"))

    _handlers: ClassVar[dict[Intent, Callable[[RulesDriver, InterviewHandle, ParsedIntent], str]]]

    # -- questions about results -----------------------------------------------------

    def answer_question(
        self, caller: Caller, text: str, *, parsed: ParsedIntent | None = None
    ) -> str:
        """Operators' questions: biggest drag, why a domain ranks where it does, the leaks."""
        parsed = parsed or classify(text, awaiting_answer=False)
        try:
            if parsed.intent is Intent.BIGGEST_DRAG:
                return self._biggest_drag(caller)
            if parsed.intent is Intent.WHY:
                return self._why(caller, parsed.target or match_domain(text))
            if parsed.intent is Intent.LEAKS:
                return self._leaks(caller)
            if parsed.intent is Intent.DEFINE:
                return lookup_replies.define(self.knowledge, text)
            if parsed.intent is Intent.EVIDENCE:
                return lookup_replies.evidence(self.knowledge, self.store, caller, text)
            if parsed.intent is Intent.WHAT_IF:
                return self._what_if(caller, text, parsed.target)
            if parsed.intent is Intent.GOVERNANCE:
                return governance_chat.governance_reply(self.store, caller, parsed.target)
            if parsed.intent is Intent.GOVERNANCE_ENTRY:
                return governance_chat.record_entry(self.store, caller, parsed)
        except ForbiddenError as exc:
            return str(exc)
        except KnowledgeUnavailable as exc:
            return render("knowledge_unavailable", problem=str(exc))
        return render("not_understood")

    def _biggest_drag(self, caller: Caller) -> str:
        drag = analysis.biggest_drag(self.store, caller, knowledge=self.knowledge)
        cur = drag.currency
        reply = render(
            "biggest_drag",
            domain=drag.label,
            mean=money(drag.mean, cur),
            p10=money(drag.p10, cur),
            p90=money(drag.p90, cur),
            bps=f"{drag.bps_of_revenue:.0f}",
            driver=drag.top_driver,
            explanation=drag.explanation,
        )
        return lookup_replies.with_quotes(reply, drag.quotes)

    def _why(self, caller: Caller, domain: str | None) -> str:
        result = analysis.results_for_chat(self.store, caller)
        chosen = next((d for d in result.domains if d.key == domain), result.domains[0])
        cur = result.currency
        drivers = "\n".join(
            f"• {d.label}: {money(d.mean, cur)} — {d.formula}" for d in chosen.drivers
        )
        label = f"{chosen.label} (ranked {chosen.rank} of {len(result.domains)})"
        reply = render("why", domain=label, explanation=chosen.explanation, drivers=drivers)
        quotes = (
            analysis.quotes_for(self.knowledge, self.store, caller, chosen)
            if self.knowledge is not None
            else []
        )
        return lookup_replies.with_quotes(reply, quotes)

    def _what_if(self, caller: Caller, text: str, domain: str | None) -> str:
        """ "What if approvals took 1 day?": one input changed, the ranking re-priced."""
        currency = what_if.org_currency(self.store, caller.org_id)
        read = what_if.interpret(text, currency=currency, domain=domain)
        if read.key is None or read.value is None:
            if not read.candidates:
                return f"{read.problem}."
            options = "\n".join(f"• {c.label} (`{c.key}`)" for c in read.candidates)
            return (
                f"{read.problem}. Which of these did you mean?\n{options}\n"
                "Say it with the figure's words, e.g. 'what if the decision wait was 1 day?'"
            )
        try:
            result = what_if.what_if_for_chat(self.store, caller, {read.key: read.value})
        except OverrideError as exc:
            return f"I can't price that: {exc.problem}."
        changed = f"{INPUTS[read.key].label.lower()} were {read.display}"
        return what_if.what_if_text(result, changes=changed)

    def _leaks(self, caller: Caller) -> str:
        result = analysis.results_for_chat(self.store, caller)
        cur = result.currency
        lines = "\n".join(
            f"{d.rank}. {d.label}: {money(d.mean, cur)} ({d.bps_of_revenue:.0f} bps, "
            f"{d.confidence} confidence)"
            for d in result.domains
        )
        t = result.total
        return render(
            "leaks",
            total=money(t.mean, cur),
            p10=money(t.p10, cur),
            p90=money(t.p90, cur),
            bps=f"{t.bps_of_revenue:.0f}",
            lines=lines,
        )


RulesDriver._handlers = {
    Intent.ANSWER: RulesDriver._answer,
    Intent.SKIP: RulesDriver._skip,
    Intent.DONT_KNOW: RulesDriver._dont_know,
    Intent.BACK: RulesDriver._back,
    Intent.REVISE: RulesDriver._revise,
    Intent.PAUSE: RulesDriver._pause,
    Intent.RESUME: RulesDriver._resume,
    Intent.STATUS: RulesDriver._status,
    Intent.HELP: RulesDriver._help,
    Intent.GREETING: RulesDriver._greeting,
}

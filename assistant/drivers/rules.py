"""The rules driver: the offline, deterministic structured interviewer.

It classifies each message (answer, skip, don't know, back, revise, pause, resume, status, help,
or a question about results), calls the matching tool, and composes the reply from the
templates in `prompts/`. Unreadable answers get a re-ask with an example, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from assistant.drivers import governance_chat, lookup_replies
from assistant.drivers.decision import Decision, saying
from assistant.drivers.intents import Intent, ParsedIntent, classify, match_domain
from assistant.drivers.replies import (
    back_reply,
    done_message,
    format_question,
    moved_to,
    next_after,
    paused_reply,
    recorded_reply,
    revised_reply,
    then_continue,
)
from knowledge import load_instrument
from prompts import render
from scoring.catalog import INPUTS
from scoring.explain import money
from scoring.what_if import OverrideError
from tools import Store, analysis, rounds
from tools import interview as iv
from tools.access import Caller
from tools.analysis import what_if
from tools.errors import ForbiddenError
from tools.interview import (
    InterviewContext,
    TurnOutcome,
)
from tools.knowledge import KnowledgeService, KnowledgeUnavailable
from tools.parsing import ParseError
from tools.parsing.answers import parsing_choices
from tools.parsing.choices import parse_yes_no

MINUTES_PER_QUESTION = 0.6


class RulesDriver:
    """Interview turns are decided from the text and the question (`decide`), applied by tools
    in one transaction, and worded from the outcomes (the decision's `compose`)."""

    def __init__(self, store: Store, knowledge: KnowledgeService | None = None) -> None:
        self.store = store
        # Knowledge and evidence questions need the index; without one they say so.
        self.knowledge = knowledge

    # -- interview turns -------------------------------------------------------------

    def opening(self, context: InterviewContext) -> str:
        state = context.state
        if state.status == "done" or state.pending is None:
            return done_message(state)
        minutes = max(1, round(state.progress.remaining * MINUTES_PER_QUESTION))
        words = context.respondent_name.split()
        name = words[0] if words else "there"
        welcome = render("welcome", name=name, total=state.progress.total, minutes=minutes)
        if state.progress.answered or state.progress.skipped:
            welcome = render("resumed")
        return f"{welcome}\n\n{format_question(state.pending)}"

    def decide(self, context: InterviewContext, text: str) -> Decision:
        """The actions a message asks for, from the text and the open question alone."""
        state = context.state
        if state.awaiting_confirmation and _is_yes(text):
            return Decision(recorded_reply, [iv.Confirm()])
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
            return saying(f"{pending.why}\n\n{format_question(pending)}")
        if parsed.intent is Intent.GOVERNANCE_ENTRY:
            action = governance_chat.entry_action(parsed)
            return Decision(
                lambda o: then_continue(o.state, governance_chat.entry_reply(o.outcomes[0])),
                [action],
            )
        handler = self._handlers.get(parsed.intent)
        if handler is not None:
            return handler(self, context, parsed)
        results = self.answer_question(context.caller, parsed.payload, parsed=parsed)
        return Decision(lambda o: then_continue(o.state, results))

    def _answer(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        pending = context.state.pending
        if pending is None or context.state.status == "done":
            return saying(render("not_understood"))
        return Decision(recorded_reply, [iv.Answer(parsed.payload)])

    def _skip(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        if context.state.pending is None:
            return saying(render("not_understood"))
        return Decision(lambda o: next_after(o.state, render("skipped")), [iv.Skip()])

    def _dont_know(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        if context.state.pending is None:
            return saying(render("not_understood"))
        return Decision(
            lambda o: next_after(o.state, render("dont_know")), [iv.Skip(dont_know=True)]
        )

    def _back(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        return Decision(back_reply, [iv.Back()])

    def _revise(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        named = (
            iv.find_question(self.store, context.caller, context.id, parsed.target)
            if parsed.target
            else None
        )
        target = named or context.last_answered
        if target is None:
            return Decision(lambda o: then_continue(o.state, render("nothing_to_revise")))
        if not parsed.payload.strip():
            reopened = f"{render('back', question=target.domain_label)}\n\n"
            return Decision(
                lambda o: reopened + format_question(moved_to(o) or target), [iv.Reopen(target.id)]
            )
        return Decision(
            lambda o: revised_reply(o, target), [iv.Answer(parsed.payload, question_id=target.id)]
        )

    def _pause(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        return Decision(paused_reply, [iv.SetStatus("paused")])

    def _resume(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        return Decision(
            lambda o: then_continue(o.state, render("resumed")), [iv.SetStatus("active")]
        )

    def _status(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        def reply(o: TurnOutcome) -> str:
            p = o.state.progress
            status = render(
                "status",
                answered=p.answered,
                total=p.total,
                skipped=p.skipped,
                remaining=p.remaining,
            )
            return then_continue(o.state, status)

        return Decision(reply)

    def _help(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        return Decision(lambda o: then_continue(o.state, render("help")))

    def _greeting(self, context: InterviewContext, parsed: ParsedIntent) -> Decision:
        return Decision(lambda o: then_continue(o.state, render("greeting")))

    _handlers: ClassVar[
        dict[Intent, Callable[[RulesDriver, InterviewContext, ParsedIntent], Decision]]
    ]

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
            if parsed.intent is Intent.TREND:
                return rounds.trend(self.store, caller, caller.org_id, detail=False).summary
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
        if drag.toss_up:
            reply += "\n" + drag.stability()
        if drag.year_tail:
            reply += "\n" + drag.year_tail
        if drag.plausibility:
            reply += "\n\n*Plausibility*: " + drag.plausibility
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


_KEEP_WORDS = frozenset({"keep", "keep it", "keep that", "confirm", "confirmed", "as stated"})


def _is_yes(text: str) -> bool:
    """A yes to a figure held for confirmation ("yes", "correct", "keep it")."""
    words = " ".join(text.lower().replace("!", " ").replace(".", " ").split())
    if words in _KEEP_WORDS:
        return True
    try:
        return parse_yes_no(text) == 1.0
    except ParseError:
        return False

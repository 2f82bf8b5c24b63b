"""Replies of the rules driver, worded from the templates in `prompts/` and a turn's outcomes:
the question as shown in chat, confirmations, re-asks, and the lines buttons leave behind."""

from __future__ import annotations

from collections.abc import Callable

from prompts import render
from tools.errors import AnswerRejected
from tools.interview import InterviewView, Moved, QuestionView, Rejected, TurnOutcome
from tools.interview.plan import last_round_line

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
    carried = last_round_line(question)
    if carried is not None:
        hint = f"{carried}\n{hint}"
    return f"{progress} · {question.domain_label}\n*{question.text}*\n{hint}"


def done_message(state: InterviewView) -> str:
    """Every question answered, or (adaptive stop rule) the ranking settled before that."""
    template = "settled" if state.settled else "done"
    done = render(template, answered=state.progress.answered, skipped=state.progress.skipped)
    return f"{done}\n\n{render('governance_invite')}"


def then_continue(state: InterviewView, reply: str) -> str:
    """Append the open question so the interview never stalls after a side trip."""
    if state.pending is None or state.status == "done":
        return reply
    return f"{reply}\n\n{format_question(state.pending)}"


def next_after(state: InterviewView, lead: str) -> str:
    if state.status == "done" or state.pending is None:
        return f"{lead}\n\n{done_message(state)}"
    return f"{lead}\n\n{format_question(state.pending)}"


def reask(rejected: Rejected) -> str:
    """The re-ask for words that could not be read: the problem and an example."""
    example = rejected.example or rejected.question.example
    return render("reask", problem=rejected.message, example=example)


def recorded_reply(o: TurnOutcome) -> str:
    if o.rejected is not None:
        return reask(o.rejected)
    recorded = o.recorded[0].recorded
    if recorded.kind == "unconfirmed":
        return recorded.warning or ""
    if recorded.kind == "dont_know":
        return next_after(o.state, render("dont_know"))
    return next_after(o.state, render("confirm", display=recorded.display or ""))


def revised_reply(o: TurnOutcome, target: QuestionView) -> str:
    if o.rejected is not None:
        return reask(o.rejected)
    recorded = o.recorded[0].recorded
    if recorded.kind == "unconfirmed":
        return recorded.warning or ""
    reply = render(
        "revised",
        question=target.text,
        old=recorded.previous or "no answer",
        new=recorded.display or "don't know",
    )
    return then_continue(o.state, reply)


def moved_to(o: TurnOutcome) -> QuestionView | None:
    moved = o.outcomes[0] if o.outcomes else None
    return moved.question if isinstance(moved, Moved) else None


def back_reply(o: TurnOutcome) -> str:
    previous = moved_to(o)
    if previous is None:
        return then_continue(o.state, render("nothing_to_go_back_to"))
    return f"{render('back', question=previous.domain_label)}\n\n{format_question(previous)}"


def paused_text(state: InterviewView) -> str:
    return render("paused", answered=state.progress.answered, total=state.progress.total)


def paused_reply(o: TurnOutcome) -> str:
    return paused_text(o.state)


def choice_reply(kind: str) -> Callable[[TurnOutcome], str]:
    """The transcript line for a button or modal (`answer`, `skip`, `dont_know`, `pause`): what
    it recorded, with no question appended (the front end shows the next one as buttons). A
    rejection is raised, so a modal shows it under its field and nothing is stored or logged.
    """

    def reply(o: TurnOutcome) -> str:
        if o.rejected is not None:
            raise AnswerRejected(o.rejected.message, example=o.rejected.example)
        if kind == "pause":
            return paused_text(o.state)
        if kind == "answer":
            recorded = o.recorded[0].recorded
            if recorded.kind == "unconfirmed":
                return recorded.warning or ""
            return render("confirm", display=recorded.display or "don't know")
        return render("dont_know" if kind == "dont_know" else "skipped")

    return reply

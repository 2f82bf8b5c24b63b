"""Block Kit builders: what a person sees. Pure functions of views; no I/O.

Interview messages carry their interview and question in block ids
(`oiar_q|<interview>|<question>`), so a click names exactly what it answers.
"""

from __future__ import annotations

import json
from typing import Any

from prompts import render
from tools.interview import QuestionView
from tools.interview.plan import last_round_line

Block = dict[str, Any]
MAX_TEXT = 2_900  # Slack's section limit is 3,000 characters
NUMBER_TYPES = frozenset({"money", "count", "duration", "percent"})
YES_NO = ("Yes", "No", "Partly")
MAX_BUTTON_CHOICES = 5

ANSWER = "oiar_answer"
CHOICE = "oiar_choice"
NUMBER = "oiar_number"
SKIP = "oiar_skip"
DONT_KNOW = "oiar_dont_know"
PAUSE = "oiar_pause"
EDIT = "oiar_edit"
CONTINUE = "oiar_continue"
NUMBER_MODAL = "oiar_number_modal"
EDIT_MODAL = "oiar_edit_modal"
ANSWER_INPUT = "answer"

_UNIT_WORDS: dict[tuple[str, str], str] = {
    ("money", "per_year"): "a year",
    ("money", "per_month"): "a month",
    ("money", "per_day"): "a day",
    ("money", "per_hour"): "an hour",
    ("money", "each"): "each",
    ("count", "per_month"): "a month",
    ("count", "per_year"): "a year",
    ("count", "total"): "in total",
    ("duration", "days"): "days",
    ("duration", "weeks"): "weeks",
    ("duration", "hours"): "hours",
    ("duration", "hours_per_week"): "hours a week",
    ("percent", "fraction"): "percent",
    ("percent", "per_year"): "percent a year",
}


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(text)}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(text)}]}


def button(text: str, action_id: str, value: str, *, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": text[:75]},
        "action_id": action_id,
        "value": value,
    }
    if style:
        element["style"] = style
    return element


def ref(kind: str, interview_id: str, question_id: str) -> str:
    return f"{kind}|{interview_id}|{question_id}"


def parse_ref(block_id: str) -> tuple[str, str] | None:
    """(interview id, question id) from an interview block id, or None for anything else."""
    parts = block_id.split("|")
    return (parts[1], parts[2]) if len(parts) == 3 and all(parts) else None


def progress_line(question: QuestionView) -> str:
    """`_7 of 24_ · Leadership Bandwidth`."""
    progress = render("progress", answered=question.number, total=question.total)
    return f"{progress} · {question.domain_label}"


def unit_words(question: QuestionView) -> str:
    return _UNIT_WORDS.get((question.type, question.unit), question.unit.replace("_", " "))


def _answer_elements(question: QuestionView) -> list[Block]:
    if question.type == "scale_1_5":
        return [button(str(n), f"{ANSWER}_{n}", str(n)) for n in range(1, 6)]
    if question.type == "yes_no":
        return [button(label, f"{ANSWER}_{label.lower()}", label) for label in YES_NO]
    if question.type == "choice" and len(question.choices) <= MAX_BUTTON_CHOICES:
        return [
            button(label, f"{ANSWER}_{n}", label) for n, label in enumerate(question.choices, 1)
        ]
    if question.type == "choice":
        options = [
            {"text": {"type": "plain_text", "text": label[:75]}, "value": label}
            for label in question.choices
        ]
        return [{"type": "radio_buttons", "action_id": CHOICE, "options": options}]
    if question.type in NUMBER_TYPES:
        return [button("Enter a number", NUMBER, question.id)]
    return []


def question_blocks(question: QuestionView, interview_id: str, *, lead: str = "") -> list[Block]:
    """One interview question: text, progress line, answer buttons, Skip/Don't know/Pause."""
    blocks: list[Block] = [section(lead)] if lead.strip() else []
    blocks += [section(f"*{question.text}*"), context(progress_line(question))]
    carried = last_round_line(question)
    if carried is not None:
        blocks.append(context(carried))
    elements = _answer_elements(question)
    if elements:
        blocks.append(
            {
                "type": "actions",
                "block_id": ref("oiar_q", interview_id, question.id),
                "elements": elements,
            }
        )
    if question.type not in ("scale_1_5", "yes_no", "choice"):
        blocks.append(context(f"Type your answer in plain words, e.g. _{question.example}_"))
    blocks.append(
        {
            "type": "actions",
            "block_id": ref("oiar_c", interview_id, question.id),
            "elements": [
                button("Skip", SKIP, "skip"),
                button("Don't know", DONT_KNOW, "dont_know"),
                button("Pause", PAUSE, "pause"),
            ],
        }
    )
    return blocks


def question_text(question: QuestionView, *, lead: str = "") -> str:
    """The notification / screen-reader text of a question message."""
    return "\n".join(
        p for p in (lead, f"{question.text} ({question.number} of {question.total})") if p
    )


def answered_blocks(question: QuestionView, interview_id: str, outcome: str) -> list[Block]:
    """A question message after the fact: what was recorded, and a Change button."""
    recorded = section(outcome)
    recorded["block_id"] = ref("oiar_a", interview_id, question.id)
    recorded["accessory"] = button("Change", EDIT, question.id)
    return [section(f"*{question.text}*"), context(progress_line(question)), recorded]


def closed_blocks(question: QuestionView, note: str) -> list[Block]:
    """A question message without its buttons (paused, or superseded)."""
    return [section(f"*{question.text}*"), context(progress_line(question)), context(note)]


def outcome_text(kind: str, display: str | None) -> str:
    if kind == "skip":
        return ":fast_forward: Skipped"
    if kind == "dont_know":
        return ":grey_question: Don't know: a benchmark stands in, flagged as an assumption"
    return f":white_check_mark: Recorded: *{display or ''}*"


def _metadata(interview_id: str, question_id: str, channel: str, ts: str) -> str:
    return json.dumps({"i": interview_id, "q": question_id, "c": channel, "ts": ts})


def read_metadata(private_metadata: str) -> dict[str, str]:
    data = json.loads(private_metadata or "{}")
    return {k: str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def _modal(callback_id: str, title: str, metadata: str, blocks: list[Block]) -> Block:
    return {
        "type": "modal",
        "callback_id": callback_id,
        "title": {"type": "plain_text", "text": title},
        "submit": {"type": "plain_text", "text": "Save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": metadata,
        "blocks": blocks,
    }


def number_modal(question: QuestionView, interview_id: str, channel: str, ts: str) -> Block:
    """A modal with a number input labelled with the question's unit."""
    element: Block = {
        "type": "number_input",
        "action_id": ANSWER_INPUT,
        "is_decimal_allowed": True,
        "min_value": "0",
    }
    field = {
        "type": "input",
        "block_id": ANSWER_INPUT,
        "label": {"type": "plain_text", "text": f"Number ({unit_words(question)})"[:150]},
        "element": element,
        "hint": {"type": "plain_text", "text": f"For example: {question.example}"[:150]},
    }
    return _modal(
        NUMBER_MODAL,
        "Your answer",
        _metadata(interview_id, question.id, channel, ts),
        [section(f"*{question.text}*"), field],
    )


def edit_modal(question: QuestionView, interview_id: str, channel: str, ts: str) -> Block:
    """A modal to change an earlier answer in plain words."""
    hint = f"For example: {question.example}"
    if question.choices:
        hint = "One of: " + ", ".join(question.choices)
    field = {
        "type": "input",
        "block_id": ANSWER_INPUT,
        "label": {"type": "plain_text", "text": "New answer"},
        "element": {"type": "plain_text_input", "action_id": ANSWER_INPUT, "max_length": 500},
        "hint": {"type": "plain_text", "text": hint[:150]},
    }
    return _modal(
        EDIT_MODAL,
        "Change your answer",
        _metadata(interview_id, question.id, channel, ts),
        [section(f"*{question.text}*"), field],
    )


def placeholder_note(org_name: str) -> str:
    return (
        f":warning: {org_name}'s figures use a stand-in profile ($100M revenue, 10% margin). "
        "An admin sets the real one with `/oiar profile revenue=… margin=… headcount=…`."
    )


def answer_blocks(text: str, *, org_name: str, placeholder: bool) -> list[Block]:
    """An operator answer: the reply, and whose figures they are."""
    note = placeholder_note(org_name) if placeholder else f"Figures for {org_name} · oiar"
    return [section(text), context(note)]

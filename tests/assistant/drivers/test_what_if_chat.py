"""What-if in the middle of an interview: priced, and the open question shown again."""

from __future__ import annotations

from typing import Any

from factories import make_workspace

from assistant.engine import Engine
from tools import admin


def test_what_if_mid_interview_prices_and_keeps_the_question_open(store: Any) -> None:
    org, _, caller = make_workspace(store)
    person = admin.add_respondent(store, caller, org.id, name="Dana", role="COO")
    engine = Engine(store)
    started = engine.start(caller, respondent_id=person.id)
    assert started.question is not None

    turn = engine.turn(caller, started.interview_id, "what if approvals took 1 day?")

    assert turn.reply.startswith("What if days an escalated decision waits were 1 day")
    assert started.question.text in turn.reply
    assert turn.progress.answered == 0  # a scenario is never recorded as an answer


def test_what_if_ask_bad_value_is_explained_not_priced(store: Any) -> None:
    org, _, caller = make_workspace(store)
    engine = Engine(store)

    reply = engine.ask(caller, "what if approvals took 400 days?")

    assert "can't price that for days an escalated decision waits" in reply
    assert "between 0 and 365 days" in reply

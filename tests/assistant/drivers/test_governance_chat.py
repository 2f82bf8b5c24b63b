"""Governance in the rules-driven chat: entries mid-interview in the speaker's name, and
questions about the constraint, seams, decisions, initiatives and AI velocity."""

from __future__ import annotations

from typing import Any

import pytest
from factories import make_workspace

from assistant.drivers.intents import Intent, classify
from assistant.engine import Engine
from tools import admin, governance
from tools.governance import initiatives


@pytest.mark.parametrize(
    ("text", "awaiting", "intent", "target"),
    [
        ("seam: Ops -> Transport: 6 a month, $4k each", True, Intent.GOVERNANCE_ENTRY, "seam"),
        ("constraint: production | press | throughput", False, Intent.GOVERNANCE_ENTRY, None),
        ("what's our constraint?", False, Intent.GOVERNANCE, "constraint"),
        ("show me the seam map", False, Intent.GOVERNANCE, "seams"),
        ("rank the initiatives", False, Intent.GOVERNANCE, "initiatives"),
        ("who decides?", False, Intent.GOVERNANCE, "decisions"),
        ("what would scaling ai cost?", False, Intent.GOVERNANCE, "ai"),
        ("2 initiatives", True, Intent.ANSWER, None),
        ("about 6 handoffs a month", True, Intent.ANSWER, None),
    ],
)
def test_classify_governance(text: str, awaiting: bool, intent: Intent, target: str | None) -> None:
    parsed = classify(
        text,
        awaiting_answer=awaiting,
        question_type="count" if awaiting else None,
        unit="per_month" if awaiting else None,
    )
    assert parsed.intent is intent
    if target is not None:
        assert parsed.target == target


def test_seam_mid_interview_is_recorded_then_interview_continues(store: Any) -> None:
    org, _, admin_caller = make_workspace(store)
    dana = admin.add_respondent(store, admin_caller, org.id, name="Dana Ruiz", role="COO")
    caller = admin.authenticate(
        store,
        admin.create_key(store, admin_caller, org.id, role="respondent", respondent_id=dana.id).key
        or "",
    )
    assert caller is not None
    engine = Engine(store)
    turn = engine.start(caller, respondent_id=dana.id)
    pending = turn.question
    turn = engine.turn(
        caller, turn.interview_id, "seam: Ops -> Transport: 6 a month, $4k each, owner unclear"
    )
    assert "Recorded your seam" in turn.reply
    assert turn.question == pending  # the open question is asked again, nothing answered
    entries = governance.list_entries(store, admin_caller, org.id, "seam")
    assert [e.respondent_id for e in entries] == [dana.id]
    bad = engine.turn(caller, turn.interview_id, "seam: ops and transport fight")
    assert "I couldn't record that seam" in bad.reply and "For example" in bad.reply


def test_operator_asks_for_constraint_and_ranking(store: Any) -> None:
    org, _, caller = make_workspace(store)
    governance.add_entry(
        store, caller, org.id, "constraint", text="production | 400-ton press | throughput"
    )
    initiatives.add_initiative(
        store,
        caller,
        org.id,
        name="Seam owners",
        cost=60_000,
        relieves=[{"driver": "handoff_failure", "fraction": 0.4}],
    )
    engine = Engine(store)
    assert "Production (400-ton press) governs throughput" in engine.ask(
        caller, "what's our constraint?"
    )
    assert "1. Seam owners" in engine.ask(caller, "rank the initiatives")
    assert "AI velocity" in engine.ask(caller, "what would scaling ai cost?")


def test_finished_interview_invites_seams_decisions_and_constraint(store: Any) -> None:
    org, _, caller = make_workspace(store)
    dana = admin.add_respondent(store, caller, org.id, name="Dana Ruiz", role="COO")
    engine = Engine(store)
    turn = engine.start(caller, respondent_id=dana.id)
    for _ in range(60):
        if turn.done:
            break
        turn = engine.turn(caller, turn.interview_id, "skip")
    assert turn.done
    assert "seam: Ops -> Transport" in turn.reply and "constraint: production" in turn.reply

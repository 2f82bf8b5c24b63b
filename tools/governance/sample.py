"""The sample company's governance data (seams, decisions, constraints, AI plan, initiatives)
and a way to enter any `GovernanceInput` into an organization, as the demo and tests do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scoring.governance import GovernanceInput
from tools.access import Caller
from tools.governance import initiatives
from tools.governance.entries import add_entry, set_ai_plan
from tools.store import people
from tools.store.db import Store

SAMPLE_GOVERNANCE = (
    Path(__file__).parents[2] / "knowledge" / "samples" / ("sample_manufacturer_governance.json")
)


def load_sample_governance() -> GovernanceInput:
    """The sample company's seams, decision types, constraints, AI plan and initiatives."""
    return GovernanceInput.model_validate_json(SAMPLE_GOVERNANCE.read_text(encoding="utf-8"))


def seed_governance(store: Store, caller: Caller, org_id: str, gov: GovernanceInput) -> None:
    """Enter every item of `gov`, each attributed to its respondent found by name."""
    with store.read() as session:
        ids = {r.name: r.id for r in people.list_respondents(session, org_id)}
    groups: list[tuple[str, list[Any]]] = [
        ("seam", list(gov.seams)),
        ("decision", list(gov.decisions)),
        ("constraint", list(gov.constraints)),
    ]
    for kind, items in groups:
        for item in items:
            who = ids.get(item.respondent.name) if item.respondent else None
            data = item.model_dump(mode="json", exclude={"respondent"})
            add_entry(store, caller, org_id, kind, data=data, respondent_id=who)
    if gov.ai_plan is not None:
        set_ai_plan(
            store, caller, org_id, speedup=gov.ai_plan.speedup, maturity=gov.ai_plan.maturity
        )
    for initiative in gov.initiatives:
        initiatives.add_initiative(
            store,
            caller,
            org_id,
            name=initiative.name,
            cost=initiative.cost,
            relieves=[r.model_dump() for r in initiative.relieves],
        )

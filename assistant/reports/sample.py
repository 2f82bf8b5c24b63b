"""The sample company (Cedar Ridge Components) in a store, answered through the tools.

Report previews, benchmarks and tests need an organization whose answers went through the same
path a real interview's do (parsing, events, attribution), without driving the conversation.
Finance's pool figures are recorded as the CFO's answers.
"""

from __future__ import annotations

from typing import Any

from knowledge import load_sample_assessment
from scoring import OrganizationProfile
from tools import Store, admin, interview
from tools.access import Caller
from tools.admin import OrgView

POOL_OWNER_ROLE = "CFO"


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value['low']:g}-{value['high']:g}"
    return str(value)


def _answers_by_person(sample: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    people: dict[str, list[dict[str, Any]]] = {}
    for answer in sample["answers"]:
        people.setdefault(answer["respondent"]["name"], []).append(answer)
    owner = next(
        (name for name, rows in people.items() if rows[0]["respondent"].get("role") == "CFO"),
        next(iter(people)),
    )
    pools = [
        {"question_id": f"pl_{pool}", "value": value, "respondent": people[owner][0]["respondent"]}
        for pool, value in sample.get("pools", {}).items()
    ]
    people[owner] = [*people[owner], *pools]
    return people


def seed_sample(store: Store) -> tuple[OrgView, Caller]:
    """Create the sample organization with its four leaders' answers; (org, admin caller)."""
    sample = load_sample_assessment()
    org, key = admin.create_org(store, OrganizationProfile.model_validate(sample["organization"]))
    caller = admin.authenticate(store, key.key or "", channel="api")
    if caller is None:  # a key just minted always authenticates
        msg = "the sample organization's admin key did not authenticate"
        raise RuntimeError(msg)
    for answers in _answers_by_person(sample).values():
        who = answers[0]["respondent"]
        person = admin.add_respondent(
            store,
            caller,
            org.id,
            name=who["name"],
            role=who.get("role"),
            department=who.get("department"),
        )
        started = interview.start_interview(
            store, caller, respondent_id=person.id, channel="api", full_instrument=True
        )
        for answer in answers:
            interview.record_answer(
                store,
                caller,
                started.id,
                text=_text(answer["value"]),
                question_id=answer["question_id"],
                evidence=answer.get("evidence"),
            )
    return org, caller

"""Governance entries (seams, decision types, constraints, the AI plan) and initiatives.

A current entry is one without `replaced_at`; entering the same subject again (the same seam,
decision type or constraint from the same respondent, or the org's AI plan) replaces it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from scoring.governance import (
    AiPlan,
    ConstraintStatement,
    DecisionRight,
    GovernanceInput,
    Initiative,
    Seam,
)
from scoring.model import Respondent as RespondentModel
from tools.store import people
from tools.store.db import add_unique
from tools.store.orgs import new_id
from tools.store.schema import GovernanceEntry, InitiativeRow, Respondent, utcnow


def add_entry(
    session: Session,
    *,
    org_id: str,
    kind: str,
    subject: str,
    respondent_id: str | None,
    data: dict[str, Any],
    raw_text: str | None,
    channel: str,
    created_by: str | None,
) -> GovernanceEntry:
    """Append an entry, retiring the current one of the same subject and respondent."""
    session.execute(
        update(GovernanceEntry)
        .where(
            GovernanceEntry.org_id == org_id,
            GovernanceEntry.kind == kind,
            GovernanceEntry.subject == subject,
            GovernanceEntry.respondent_id.is_(None)
            if respondent_id is None
            else GovernanceEntry.respondent_id == respondent_id,
            GovernanceEntry.replaced_at.is_(None),
        )
        .values(replaced_at=utcnow())
    )
    entry = GovernanceEntry(
        org_id=org_id,
        kind=kind,
        subject=subject,
        respondent_id=respondent_id,
        data=data,
        raw_text=raw_text,
        channel=channel,
        created_by=created_by,
    )
    session.add(entry)
    session.flush()
    return entry


def current_entries(
    session: Session, org_id: str, kind: str | None = None
) -> list[GovernanceEntry]:
    query = select(GovernanceEntry).where(
        GovernanceEntry.org_id == org_id, GovernanceEntry.replaced_at.is_(None)
    )
    if kind is not None:
        query = query.where(GovernanceEntry.kind == kind)
    return list(session.scalars(query.order_by(GovernanceEntry.id)))


def count_current(session: Session, org_id: str, kind: str) -> int:
    query = select(func.count(GovernanceEntry.id)).where(
        GovernanceEntry.org_id == org_id,
        GovernanceEntry.kind == kind,
        GovernanceEntry.replaced_at.is_(None),
    )
    return int(session.scalar(query) or 0)


def get_entry(session: Session, org_id: str, entry_id: int) -> GovernanceEntry | None:
    entry = session.get(GovernanceEntry, entry_id)
    if entry is None or entry.org_id != org_id or entry.replaced_at is not None:
        return None
    return entry


def retire_entry(entry: GovernanceEntry) -> None:
    entry.replaced_at = utcnow()


def create_initiative(
    session: Session,
    *,
    org_id: str,
    name: str,
    cost: float,
    relieves: list[dict[str, Any]],
    created_by: str | None,
) -> InitiativeRow:
    row = InitiativeRow(
        id=new_id("ini"),
        org_id=org_id,
        name=name,
        cost=cost,
        relieves=relieves,
        created_by=created_by,
    )
    conflict = f"an initiative named {name!r} already exists in this organization"
    add_unique(session, row, conflict)
    return row


def list_initiatives(session: Session, org_id: str) -> list[InitiativeRow]:
    query = (
        select(InitiativeRow)
        .where(InitiativeRow.org_id == org_id)
        .order_by(InitiativeRow.created_at, InitiativeRow.id)
    )
    return list(session.scalars(query))


def find_initiative(session: Session, org_id: str, key: str) -> InitiativeRow | None:
    """By id, or by name (case-insensitive)."""
    for row in list_initiatives(session, org_id):
        if row.id == key or row.name.casefold() == key.casefold():
            return row
    return None


def _respondent(row: Respondent | None) -> RespondentModel | None:
    if row is None:
        return None
    return RespondentModel.model_validate(people.scoring_identity(row))


def governance_input(session: Session, org_id: str) -> GovernanceInput:
    """Every current entry and initiative of the organization as the scoring core's input."""
    people = {
        r.id: r for r in session.scalars(select(Respondent).where(Respondent.org_id == org_id))
    }
    seams: list[Seam] = []
    decisions: list[DecisionRight] = []
    constraints: list[ConstraintStatement] = []
    plan: AiPlan | None = None
    for entry in current_entries(session, org_id):
        who = _respondent(people.get(entry.respondent_id or ""))
        if entry.kind == "seam":
            seams.append(Seam.model_validate({**entry.data, "respondent": who}))
        elif entry.kind == "decision":
            decisions.append(DecisionRight.model_validate({**entry.data, "respondent": who}))
        elif entry.kind == "constraint":
            constraints.append(
                ConstraintStatement.model_validate({**entry.data, "respondent": who})
            )
        elif entry.kind == "ai_plan":
            plan = AiPlan.model_validate(entry.data)
    initiatives = [
        Initiative.model_validate({"name": r.name, "cost": r.cost, "relieves": r.relieves})
        for r in list_initiatives(session, org_id)
    ]
    return GovernanceInput(
        seams=seams,
        decisions=decisions,
        constraints=constraints,
        ai_plan=plan,
        initiatives=initiatives,
    )

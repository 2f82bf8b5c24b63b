"""Assessment rounds: open, adopt answers, freeze at close; sprint items of a round."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tools.store.db import add_unique
from tools.store.orgs import new_id
from tools.store.schema import (
    AnswerEvent,
    AssessmentRound,
    Campaign,
    Interview,
    SprintItemRow,
    utcnow,
)


def open_round_key(session: Session, org_id: str) -> str | None:
    """The id of the organization's open round (None while none is open): what an interview
    or campaign started now belongs to. Answers take it inside their own insert."""
    found = get_open_round(session, org_id)
    return found.id if found is not None else None


def get_open_round(session: Session, org_id: str) -> AssessmentRound | None:
    query = select(AssessmentRound).where(
        AssessmentRound.org_id == org_id, AssessmentRound.status == "open"
    )
    return session.scalars(query).first()


def get_round(session: Session, org_id: str, round_id: str) -> AssessmentRound | None:
    found = session.get(AssessmentRound, round_id)
    return found if found is not None and found.org_id == org_id else None


def lock_round(session: Session, org_id: str, round_id: str) -> AssessmentRound | None:
    """The round with a row lock (PostgreSQL; SQLite writers are serialized already)."""
    query = (
        select(AssessmentRound)
        .where(AssessmentRound.id == round_id, AssessmentRound.org_id == org_id)
        .with_for_update()
    )
    return session.scalars(query).first()


def list_rounds(session: Session, org_id: str) -> list[AssessmentRound]:
    """Oldest first: the order a trend reads them in."""
    query = (
        select(AssessmentRound)
        .where(AssessmentRound.org_id == org_id)
        .order_by(AssessmentRound.opened_at, AssessmentRound.id)
    )
    return list(session.scalars(query))


def answer_counts(session: Session, org_id: str) -> dict[str, int]:
    """Answer events per round of the organization."""
    query = (
        select(AnswerEvent.round_id, func.count())
        .where(AnswerEvent.org_id == org_id, AnswerEvent.round_id.is_not(None))
        .group_by(AnswerEvent.round_id)
    )
    return {str(row[0]): int(row[1]) for row in session.execute(query)}


def create_round(
    session: Session, *, org_id: str, label: str, due_at: datetime | None, opened_by: str | None
) -> AssessmentRound:
    """Open a round, and adopt what was answered while no round was open: answers, interviews
    and campaigns since the last close (or, for the first round, everything so far)."""
    row = AssessmentRound(
        id=new_id("rnd"),
        org_id=org_id,
        label=label,
        status="open",
        due_at=due_at,
        opened_by=opened_by,
        opened_at=utcnow(),
    )
    add_unique(session, row, f"a round labelled {label!r} already exists, or one is open")
    for table in (AnswerEvent, Interview, Campaign):
        session.execute(
            update(table)
            .where(table.org_id == org_id, table.round_id.is_(None))
            .values(round_id=row.id)
        )
    return row


def round_current_events(session: Session, org_id: str, round_id: str) -> list[AnswerEvent]:
    """Each respondent's latest event per question within the round, oldest first."""
    latest = (
        select(func.max(AnswerEvent.id))
        .where(AnswerEvent.org_id == org_id, AnswerEvent.round_id == round_id)
        .group_by(AnswerEvent.respondent_id, AnswerEvent.question_id)
    )
    query = select(AnswerEvent).where(AnswerEvent.id.in_(latest)).order_by(AnswerEvent.id)
    return list(session.scalars(query))


def freeze_round(
    session: Session,
    row: AssessmentRound,
    *,
    closed_by: str | None,
    model_version: str,
    input_sha256: str,
    draws: int,
    seed: int,
    input_json: str,
    result_json: str,
) -> None:
    row.status = "closed"
    row.closed_by = closed_by
    row.closed_at = utcnow()
    row.model_version = model_version
    row.input_sha256 = input_sha256
    row.draws = draws
    row.seed = str(seed)
    row.input_json = input_json
    row.result_json = result_json
    session.flush()


def add_sprint_items(
    session: Session, row: AssessmentRound, items: Sequence[dict[str, Any]]
) -> None:
    for position, item in enumerate(items):
        session.add(
            SprintItemRow(
                round_id=row.id,
                org_id=row.org_id,
                key=item["key"],
                position=position,
                owner=item.get("owner"),
                due_week=item["due_week"],
                status="planned",
                generated=dict(item),
            )
        )
    session.flush()


def sprint_items(session: Session, round_id: str) -> list[SprintItemRow]:
    query = (
        select(SprintItemRow)
        .where(SprintItemRow.round_id == round_id)
        .order_by(SprintItemRow.position)
    )
    return list(session.scalars(query))


def get_sprint_item(session: Session, org_id: str, item_id: int) -> SprintItemRow | None:
    found = session.get(SprintItemRow, item_id)
    return found if found is not None and found.org_id == org_id else None

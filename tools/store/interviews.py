"""Interviews, append-only answer events and transcripts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tools.store.orgs import new_id
from tools.store.schema import AnswerEvent, Interview, Message


def create_interview(
    session: Session,
    *,
    org_id: str,
    respondent_id: str,
    channel: str,
    full_instrument: bool = False,
) -> Interview:
    interview = Interview(
        id=new_id("itv"),
        org_id=org_id,
        respondent_id=respondent_id,
        channel=channel,
        full_instrument=full_instrument,
        status="active",
    )
    session.add(interview)
    session.flush()
    return interview


def get_interview(session: Session, interview_id: str, *, lock: bool = False) -> Interview | None:
    """The interview; `lock` takes a row lock (PostgreSQL) so concurrent turns queue."""
    query = select(Interview).where(Interview.id == interview_id)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def latest_interview(session: Session, respondent_id: str) -> Interview | None:
    query = (
        select(Interview)
        .where(Interview.respondent_id == respondent_id)
        .order_by(Interview.created_at.desc(), Interview.id.desc())
    )
    return session.scalars(query).first()


def append_event(
    session: Session,
    *,
    org_id: str,
    respondent_id: str,
    interview_id: str | None,
    question_id: str,
    kind: str,
    raw_text: str,
    channel: str,
    value: dict[str, Any] | None = None,
    display: str | None = None,
    evidence: str | None = None,
) -> AnswerEvent:
    event = AnswerEvent(
        org_id=org_id,
        respondent_id=respondent_id,
        interview_id=interview_id,
        question_id=question_id,
        kind=kind,
        raw_text=raw_text,
        value=value,
        display=display,
        evidence=evidence,
        channel=channel,
    )
    session.add(event)
    session.flush()
    return event


def _latest_ids(org_id: str, respondent_id: str | None = None) -> Any:
    query = select(func.max(AnswerEvent.id)).where(AnswerEvent.org_id == org_id)
    if respondent_id is not None:
        query = query.where(AnswerEvent.respondent_id == respondent_id)
    return query.group_by(AnswerEvent.respondent_id, AnswerEvent.question_id)


def current_events(session: Session, org_id: str, respondent_id: str) -> dict[str, AnswerEvent]:
    """The respondent's current event per question (the latest one)."""
    query = select(AnswerEvent).where(AnswerEvent.id.in_(_latest_ids(org_id, respondent_id)))
    return {event.question_id: event for event in session.scalars(query)}


def org_current_events(session: Session, org_id: str) -> list[AnswerEvent]:
    """Every respondent's current event per question, oldest first."""
    query = (
        select(AnswerEvent).where(AnswerEvent.id.in_(_latest_ids(org_id))).order_by(AnswerEvent.id)
    )
    return list(session.scalars(query))


def org_history(session: Session, org_id: str) -> list[AnswerEvent]:
    query = select(AnswerEvent).where(AnswerEvent.org_id == org_id).order_by(AnswerEvent.id)
    return list(session.scalars(query))


def respondent_history(session: Session, org_id: str, respondent_id: str) -> list[AnswerEvent]:
    query = (
        select(AnswerEvent)
        .where(AnswerEvent.org_id == org_id, AnswerEvent.respondent_id == respondent_id)
        .order_by(AnswerEvent.id)
    )
    return list(session.scalars(query))


def add_message(
    session: Session, *, interview_id: str, sender: str, text: str, channel: str
) -> Message:
    message = Message(interview_id=interview_id, sender=sender, text=text, channel=channel)
    # No flush: nothing reads the id back, so the commit writes the transcript in one batch.
    session.add(message)
    return message


def transcript(session: Session, interview_id: str) -> list[Message]:
    query = select(Message).where(Message.interview_id == interview_id).order_by(Message.id)
    return list(session.scalars(query))

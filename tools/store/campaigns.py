"""Campaigns and their members; claims of due reminders and summary posts.

Claims lock rows: on PostgreSQL `SELECT ... FOR UPDATE SKIP LOCKED`, so two app processes
claiming at once each get different rows and never wait on each other; on SQLite the store's
write transaction (BEGIN IMMEDIATE) already lets one writer in at a time. A claim is updated in
the transaction that locked it, so once committed no other process sees the row as due.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Exists, exists, func, select
from sqlalchemy.orm import Session

from tools.store import rounds
from tools.store.db import add_unique
from tools.store.orgs import new_id
from tools.store.schema import Campaign, CampaignMember, Interview


def create_campaign(
    session: Session,
    *,
    org_id: str,
    name: str,
    attribution: str,
    due_at: datetime,
    results_channel: str | None,
    reminder_interval_hours: int,
    max_reminders: int,
    created_by: str | None,
) -> Campaign:
    campaign = Campaign(
        id=new_id("cmp"),
        org_id=org_id,
        name=name,
        attribution=attribution,
        due_at=due_at,
        results_channel=results_channel,
        reminder_interval_hours=reminder_interval_hours,
        max_reminders=max_reminders,
        status="open",
        created_by=created_by,
        round_id=rounds.open_round_key(session, org_id),
    )
    session.add(campaign)
    session.flush()
    return campaign


def get_campaign(session: Session, org_id: str, campaign_id: str) -> Campaign | None:
    campaign = session.get(Campaign, campaign_id)
    return campaign if campaign is not None and campaign.org_id == org_id else None


def list_campaigns(session: Session, org_id: str) -> list[Campaign]:
    query = (
        select(Campaign)
        .where(Campaign.org_id == org_id)
        .order_by(Campaign.created_at.desc(), Campaign.id)
    )
    return list(session.scalars(query))


def add_member(
    session: Session,
    *,
    campaign_id: str,
    respondent_id: str,
    department: str | None,
    tz: str | None,
    invited_at: datetime,
    next_reminder_at: datetime | None,
) -> CampaignMember:
    member = CampaignMember(
        campaign_id=campaign_id,
        respondent_id=respondent_id,
        department=department,
        tz=tz,
        invited_at=invited_at,
        reminders_sent=0,
        next_reminder_at=next_reminder_at,
    )
    conflict = f"respondent {respondent_id!r} is already a member of this campaign"
    add_unique(session, member, conflict)
    return member


def members(session: Session, campaign_id: str) -> list[CampaignMember]:
    query = (
        select(CampaignMember)
        .where(CampaignMember.campaign_id == campaign_id)
        .order_by(CampaignMember.id)
    )
    return list(session.scalars(query))


def _done_since_campaign() -> Exists:
    """The member's respondent finished an interview after the campaign began."""
    return exists().where(
        Interview.respondent_id == CampaignMember.respondent_id,
        Interview.status == "done",
        Interview.updated_at >= Campaign.created_at,
    )


def mark_finished(session: Session, now: datetime, campaign_ids: Sequence[str] = ()) -> int:
    """Stamp `finished_at` on members whose interview is done; how many were stamped."""
    query = (
        select(CampaignMember)
        .join(Campaign, Campaign.id == CampaignMember.campaign_id)
        .where(CampaignMember.finished_at.is_(None), _done_since_campaign())
    )
    if campaign_ids:
        query = query.where(Campaign.id.in_(list(campaign_ids)))
    found = list(session.scalars(query))
    for member in found:
        member.finished_at = now
        member.next_reminder_at = None
    session.flush()
    return len(found)


def lock_due_members(session: Session, now: datetime, limit: int) -> list[CampaignMember]:
    """Members of open campaigns whose reminder is due, locked for this transaction."""
    query = (
        select(CampaignMember)
        .join(Campaign, Campaign.id == CampaignMember.campaign_id)
        .where(
            Campaign.status == "open",
            Campaign.due_at > now,
            CampaignMember.finished_at.is_(None),
            CampaignMember.next_reminder_at <= now,
            CampaignMember.reminders_sent < Campaign.max_reminders,
        )
        .order_by(CampaignMember.next_reminder_at, CampaignMember.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=CampaignMember)
    )
    return list(session.scalars(query))


def lock_ready_campaigns(
    session: Session, now: datetime, limit: int, *, lease: timedelta
) -> list[Campaign]:
    """Open campaigns whose members all finished or whose due date passed, not yet claimed
    (or claimed longer than `lease` ago without the post going out)."""
    unfinished = exists().where(
        CampaignMember.campaign_id == Campaign.id, CampaignMember.finished_at.is_(None)
    )
    has_members = exists().where(CampaignMember.campaign_id == Campaign.id)
    query = (
        select(Campaign)
        .where(
            Campaign.status == "open",
            Campaign.summary_claimed_at.is_(None) | (Campaign.summary_claimed_at < now - lease),
            has_members,
            (Campaign.due_at <= now) | ~unfinished,
        )
        .order_by(Campaign.due_at, Campaign.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(session.scalars(query))


def finished_counts(session: Session, campaign_id: str) -> tuple[int, int]:
    """(finished, total) members of a campaign."""
    query = select(func.count(CampaignMember.finished_at), func.count()).where(
        CampaignMember.campaign_id == campaign_id
    )
    finished, total = session.execute(query).one()
    return int(finished), int(total)

"""The background side of campaigns: claim due reminders and ready summaries, once each.

These act for the server, not for a caller (no `Caller`): a worker of any front end (the Slack
reminder loop, a cron job) calls them with the current time, sends what it was given, and
reports back. Two app processes calling at once each get different claims (see
`tools.store.campaigns` for the row locks).

Reminders are at most once: a claim counts the reminder as sent and schedules the next in the
locking transaction, so a crash between claim and send loses that reminder rather than sending
it twice; a send that fails cleanly hands it back with `reminder_failed`. A summary claim is a
lease of `SUMMARY_LEASE`: a process that dies before posting lets another post it later.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field

from tools.access import Caller, require, require_org
from tools.analysis.results import results_as_shown
from tools.campaigns.manage import CampaignView, campaign_view
from tools.campaigns.schedule import next_reminder_at, to_naive_utc
from tools.errors import NotFoundError
from tools.store import campaigns as repo
from tools.store.db import Store
from tools.store.schema import Campaign, CampaignMember, Respondent

SUMMARY_LEASE = timedelta(minutes=15)
RETRY_AFTER_FAILURE = timedelta(minutes=15)


class ReminderClaim(BaseModel):
    """One reminder this process alone now sends."""

    member_id: int
    campaign_id: str
    campaign_name: str
    org_id: str
    respondent_id: str
    respondent_name: str
    slack_user_id: str | None
    number: int = Field(description="1 for the first reminder")
    max_reminders: int
    due_at: datetime
    token: str


class SummaryDomain(BaseModel):
    rank: int
    key: str
    label: str
    mean: float
    p10: float
    p90: float
    bps_of_revenue: float
    share_of_total: float
    confidence: str
    explanation: str


class CampaignSummary(BaseModel):
    """What goes to the results channel: progress and the ranked score, attribution applied."""

    campaign: CampaignView
    reason: Literal["all finished", "due date passed"]
    finished: int
    total: int
    currency: str
    total_mean: float
    total_p10: float
    total_p90: float
    domains: list[SummaryDomain]
    disagreements: list[str]


def claim_reminders(store: Store, now: datetime, *, limit: int = 50) -> list[ReminderClaim]:
    """Claim up to `limit` due reminders; each is this caller's alone to send, now."""
    now = to_naive_utc(now)
    claims: list[ReminderClaim] = []
    with store.write() as session:
        repo.mark_finished(session, now)
        for member in repo.lock_due_members(session, now, limit):
            campaign = session.get(Campaign, member.campaign_id)
            person = session.get(Respondent, member.respondent_id)
            if campaign is None or person is None:  # foreign keys guarantee both
                continue
            claims.append(_claim(member, campaign, person, now))
    return claims


def _claim(
    member: CampaignMember, campaign: Campaign, person: Respondent, now: datetime
) -> ReminderClaim:
    member.reminders_sent += 1
    member.last_reminded_at = now
    member.claim_token = secrets.token_hex(8)
    member.next_reminder_at = next_reminder_at(
        last=now,
        interval_hours=campaign.reminder_interval_hours,
        sent=member.reminders_sent,
        max_reminders=campaign.max_reminders,
        due_at=campaign.due_at,
        tz_name=member.tz,
    )
    return ReminderClaim(
        member_id=member.id,
        campaign_id=campaign.id,
        campaign_name=campaign.name,
        org_id=campaign.org_id,
        respondent_id=person.id,
        respondent_name=person.name,
        slack_user_id=person.slack_user_id,
        number=member.reminders_sent,
        max_reminders=campaign.max_reminders,
        due_at=campaign.due_at,
        token=member.claim_token,
    )


def reminder_failed(store: Store, claim: ReminderClaim, now: datetime) -> None:
    """Hand back a reminder that could not be sent: it is retried after a pause."""
    with store.write() as session:
        member = session.get(CampaignMember, claim.member_id)
        if member is None or member.claim_token != claim.token:
            return  # someone else's claim since: theirs stands
        member.reminders_sent = max(0, member.reminders_sent - 1)
        member.claim_token = None
        member.next_reminder_at = to_naive_utc(now) + RETRY_AFTER_FAILURE


def claim_summaries(store: Store, now: datetime, *, limit: int = 10) -> list[CampaignSummary]:
    """Claim campaigns ready for their summary (all finished, or due date passed)."""
    now = to_naive_utc(now)
    claimed: list[tuple[str, str]] = []
    with store.write() as session:
        repo.mark_finished(session, now)
        for campaign in repo.lock_ready_campaigns(session, now, limit, lease=SUMMARY_LEASE):
            campaign.summary_claimed_at = now
            claimed.append((campaign.org_id, campaign.id))
    return [_summary(store, org_id, campaign_id) for org_id, campaign_id in claimed]


def summary_posted(store: Store, campaign_id: str, now: datetime) -> None:
    """Record that the summary went out: the campaign is closed, reminders stop."""
    with store.write() as session:
        campaign = session.get(Campaign, campaign_id)
        if campaign is not None:
            campaign.summary_posted_at = to_naive_utc(now)
            campaign.status = "closed"


def summary_failed(store: Store, campaign_id: str) -> None:
    """Hand back a summary that could not be posted: the next claim retries it."""
    with store.write() as session:
        campaign = session.get(Campaign, campaign_id)
        if campaign is not None and campaign.summary_posted_at is None:
            campaign.summary_claimed_at = None


def campaign_summary(
    store: Store, caller: Caller, org_id: str, campaign_id: str, *, now: datetime
) -> CampaignSummary:
    """The summary as it would be posted now (facilitators preview or re-post it)."""
    require_org(caller, org_id)
    require(caller, "read_score_detail")
    with store.write() as session:
        if repo.get_campaign(session, org_id, campaign_id) is None:
            msg = f"campaign {campaign_id!r} not found"
            raise NotFoundError(msg)
        repo.mark_finished(session, to_naive_utc(now), [campaign_id])
    return _summary(store, org_id, campaign_id)


def _summary(store: Store, org_id: str, campaign_id: str) -> CampaignSummary:
    with store.read() as session:
        campaign = session.get(Campaign, campaign_id)
        assert campaign is not None  # claimed or checked in the caller's transaction
        finished, total = repo.finished_counts(session, campaign_id)
        view = campaign_view(campaign)
    result = results_as_shown(store, org_id)
    return CampaignSummary(
        campaign=view,
        reason="all finished" if total and finished == total else "due date passed",
        finished=finished,
        total=total,
        currency=result.currency,
        total_mean=result.total.mean,
        total_p10=result.total.p10,
        total_p90=result.total.p90,
        domains=[SummaryDomain.model_validate(d, from_attributes=True) for d in result.domains],
        disagreements=[d.summary for d in result.disagreements],
    )

"""Campaign tools: invite respondents with departments and time zones, see who finished.

Facilitators and admins create campaigns and see their status; respondents never see others.
Reminders and the summary post are claimed by `tools.campaigns_worker`.

Finished means: the member's respondent has an interview marked done since the campaign began
(checked whenever status, reminders or summaries are looked at, so nothing has to report it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tools.access import Caller, require, require_org
from tools.admin import attribution
from tools.campaigns.schedule import is_valid_zone, next_reminder_at, to_naive_utc
from tools.errors import AnswerRejected, ConflictError, NotFoundError
from tools.store import campaigns as repo
from tools.store import people
from tools.store.db import Store
from tools.store.schema import Campaign, CampaignMember, Respondent, utcnow
from tools.timestamps import UtcDatetime

MAX_INTERVAL_HOURS = 24 * 30
MAX_REMINDERS = 10


class MemberIn(BaseModel):
    respondent_id: str = Field(min_length=1, max_length=32)
    department: str | None = Field(default=None, max_length=200)
    tz: str | None = Field(default=None, max_length=64, description="IANA zone, e.g. Europe/Paris")


class CampaignView(BaseModel):
    id: str
    org_id: str
    name: str
    attribution: attribution.Attribution
    due_at: UtcDatetime
    results_channel: str | None
    reminder_interval_hours: int
    max_reminders: int
    status: str
    created_by: str | None
    created_at: UtcDatetime
    summary_posted_at: UtcDatetime | None


class MemberStatus(BaseModel):
    respondent_id: str
    name: str
    department: str | None
    slack_user_id: str | None
    finished: bool
    finished_at: UtcDatetime | None
    reminders_sent: int
    next_reminder_at: UtcDatetime | None


class CampaignStatus(BaseModel):
    campaign: CampaignView
    finished: int
    total: int
    progress: str = Field(description="'2 of 3 finished'")
    members: list[MemberStatus]


def campaign_view(campaign: Campaign) -> CampaignView:
    return CampaignView.model_validate(campaign, from_attributes=True)


def _check_settings(
    *, name: str, attribution_: str, due_at: datetime, now: datetime, interval: int, most: int
) -> None:
    if not name.strip() or len(name) > 200:
        msg = "name: give the campaign a name of 1 to 200 characters"
        raise AnswerRejected(msg)
    if attribution_ not in attribution.ATTRIBUTIONS:
        msg = f"attribution: {attribution_!r} is not one of named, department"
        raise AnswerRejected(msg)
    if due_at <= now:
        msg = f"due_at: {due_at:%Y-%m-%d %H:%M} UTC is not in the future"
        raise AnswerRejected(msg, example=f"{now + timedelta(days=10):%Y-%m-%d}")
    if not 1 <= interval <= MAX_INTERVAL_HOURS:
        msg = f"reminder_interval_hours: {interval} is not between 1 and {MAX_INTERVAL_HOURS}"
        raise AnswerRejected(msg)
    if not 0 <= most <= MAX_REMINDERS:
        msg = f"max_reminders: {most} is not between 0 and {MAX_REMINDERS}"
        raise AnswerRejected(msg)


def create_campaign(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    name: str,
    due_at: datetime,
    attribution: str = "department",
    results_channel: str | None = None,
    reminder_interval_hours: int = 48,
    max_reminders: int = 3,
    members: Sequence[MemberIn] = (),
    created_by: str | None = None,
    now: datetime | None = None,
) -> CampaignStatus:
    """Launch a campaign and invite its members (each gets a reminder schedule).

    Args:
        name: What people see in invitations ("Q3 execution review").
        due_at: When answers are due; aware datetimes are converted, naive ones are UTC.
        attribution: `department` (the default) to show answers as "a leader in Operations",
            or `named`.
        results_channel: Where the summary goes (a Slack channel id), if anywhere.
        members: Respondents of the organization, each with a department and IANA time zone.
    """
    require_org(caller, org_id)
    require(caller, "manage_people")
    now = to_naive_utc(now or utcnow())
    due = to_naive_utc(due_at)
    _check_settings(
        name=name,
        attribution_=attribution,
        due_at=due,
        now=now,
        interval=reminder_interval_hours,
        most=max_reminders,
    )
    with store.write() as session:
        campaign = repo.create_campaign(
            session,
            org_id=org_id,
            name=name.strip(),
            attribution=attribution,
            due_at=due,
            results_channel=results_channel,
            reminder_interval_hours=reminder_interval_hours,
            max_reminders=max_reminders,
            created_by=created_by,
        )
        _add(session, campaign, members, now)
        return _status(session, campaign)


def add_members(
    store: Store,
    caller: Caller,
    org_id: str,
    campaign_id: str,
    members: Sequence[MemberIn],
    *,
    now: datetime | None = None,
) -> CampaignStatus:
    """Invite more respondents to an open campaign."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    with store.write() as session:
        campaign = _campaign(session, org_id, campaign_id)
        if campaign.status != "open":
            msg = f"campaign {campaign.name!r} is closed; start a new one"
            raise ConflictError(msg)
        _add(session, campaign, members, to_naive_utc(now or utcnow()))
        return _status(session, campaign)


def _add(session: Session, campaign: Campaign, members: Sequence[MemberIn], now: datetime) -> None:
    seen: set[str] = set()
    for index, member in enumerate(members):
        field = f"members[{index}]"
        if member.respondent_id in seen:
            msg = f"{field}.respondent_id: {member.respondent_id!r} is listed twice"
            raise AnswerRejected(msg)
        seen.add(member.respondent_id)
        if member.tz and not is_valid_zone(member.tz):
            msg = f"{field}.tz: {member.tz!r} is not an IANA time zone"
            raise AnswerRejected(msg, example="Europe/Paris")
        person = people.get_respondent(session, campaign.org_id, member.respondent_id)
        if person is None:
            msg = f"{field}.respondent_id: respondent {member.respondent_id!r} not found"
            raise NotFoundError(msg)
        department = (member.department or "").strip() or None
        # The respondent's department chooses their questions: fill it in, never overwrite it.
        if department and not person.department:
            person.department = department
        repo.add_member(
            session,
            campaign_id=campaign.id,
            respondent_id=person.id,
            department=department or person.department,
            tz=member.tz,
            invited_at=now,
            next_reminder_at=next_reminder_at(
                last=now,
                interval_hours=campaign.reminder_interval_hours,
                sent=0,
                max_reminders=campaign.max_reminders,
                due_at=campaign.due_at,
                tz_name=member.tz,
            ),
        )


def _campaign(session: Session, org_id: str, campaign_id: str) -> Campaign:
    campaign = repo.get_campaign(session, org_id, campaign_id)
    if campaign is None:
        msg = f"campaign {campaign_id!r} not found"
        raise NotFoundError(msg)
    return campaign


def _status(session: Session, campaign: Campaign) -> CampaignStatus:
    rows = repo.members(session, campaign.id)
    persons = {r.id: r for r in people.list_respondents(session, campaign.org_id)}
    statuses = [_member_status(m, persons[m.respondent_id]) for m in rows]
    done = sum(1 for s in statuses if s.finished)
    return CampaignStatus(
        campaign=campaign_view(campaign),
        finished=done,
        total=len(statuses),
        progress=f"{done} of {len(statuses)} finished",
        members=statuses,
    )


def _member_status(member: CampaignMember, person: Respondent) -> MemberStatus:
    return MemberStatus(
        respondent_id=person.id,
        name=person.name,
        department=member.department or person.department,
        slack_user_id=person.slack_user_id,
        finished=member.finished_at is not None,
        finished_at=member.finished_at,
        reminders_sent=member.reminders_sent,
        next_reminder_at=member.next_reminder_at,
    )


def campaign_status(
    store: Store, caller: Caller, org_id: str, campaign_id: str, *, now: datetime | None = None
) -> CampaignStatus:
    """Who has finished and who has not ("2 of 3 finished"), with their reminders so far."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    with store.write() as session:
        campaign = _campaign(session, org_id, campaign_id)
        repo.mark_finished(session, to_naive_utc(now or utcnow()), [campaign.id])
        return _status(session, campaign)


def list_campaigns(store: Store, caller: Caller, org_id: str) -> list[CampaignView]:
    """The organization's campaigns, newest first."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    with store.read() as session:
        return [campaign_view(c) for c in repo.list_campaigns(session, org_id)]


def known_departments(
    store: Store, caller: Caller, org_id: str, slack_user_ids: Sequence[str]
) -> dict[str, str | None]:
    """The department the store already has for each Slack user (None when it has none), to
    prefill a campaign's departments step."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    with store.read() as session:
        found = {
            r.slack_user_id: r.department
            for r in people.list_respondents(session, org_id)
            if r.slack_user_id is not None
        }
    return {user: found.get(user) for user in slack_user_ids}


def latest_open_campaign(store: Store, caller: Caller, org_id: str) -> CampaignView | None:
    """The newest campaign still open (what a bare "campaign status" asks about)."""
    return next((c for c in list_campaigns(store, caller, org_id) if c.status == "open"), None)

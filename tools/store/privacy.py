"""Respondents' data in the store: what one person left, erasing it, deleting an organization,
pruning what outlived its retention, the access log and the lease of the retention job.

The retention job's lease row is locked with `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL
(a second process skips it rather than waiting) and by the store's single writer on SQLite
(BEGIN IMMEDIATE): whichever process holds it checks `last_run_at` and stamps it in the same
transaction, so one run happens per period however many processes ask.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, Table, delete, or_, select, update
from sqlalchemy.orm import Session

from tools.store.schema import (
    AccessLogEntry,
    AnswerEvent,
    ApiKey,
    AssessmentRound,
    Campaign,
    CampaignMember,
    Erasure,
    GovernanceEntry,
    InitiativeRow,
    Interview,
    Invite,
    JobLease,
    Message,
    Organization,
    Respondent,
    SlackBot,
    SlackEvent,
    SlackInstallation,
    SlackWorkspace,
    SprintItemRow,
    WebSession,
)
from tools.store.slack import insert_or_ignore
from tools.store.web import end_sessions, revoke_invites

# What replaces a person's words: the same marker everywhere, so a scan finds only it.
ERASED = "[erased]"


def _count(result: Any) -> int:
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def _interview_ids(respondent_id: str) -> Any:
    return select(Interview.id).where(Interview.respondent_id == respondent_id)


# -- export ----------------------------------------------------------------------------------


def respondent_interviews(session: Session, respondent_id: str) -> list[Interview]:
    query = select(Interview).where(Interview.respondent_id == respondent_id)
    return list(session.scalars(query.order_by(Interview.created_at, Interview.id)))


def respondent_messages(session: Session, respondent_id: str) -> list[Message]:
    query = select(Message).where(Message.interview_id.in_(_interview_ids(respondent_id)))
    return list(session.scalars(query.order_by(Message.id)))


def respondent_keys(session: Session, respondent_id: str) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.respondent_id == respondent_id)
    return list(session.scalars(query.order_by(ApiKey.created_at, ApiKey.id)))


def respondent_memberships(session: Session, respondent_id: str) -> list[tuple[Any, Any]]:
    """(member, campaign) rows of every campaign the person was invited to."""
    query = (
        select(CampaignMember, Campaign)
        .join(Campaign, Campaign.id == CampaignMember.campaign_id)
        .where(CampaignMember.respondent_id == respondent_id)
        .order_by(CampaignMember.id)
    )
    return [(member, campaign) for member, campaign in session.execute(query)]


def respondent_governance(session: Session, respondent_id: str) -> list[GovernanceEntry]:
    query = select(GovernanceEntry).where(GovernanceEntry.respondent_id == respondent_id)
    return list(session.scalars(query.order_by(GovernanceEntry.id)))


def slack_installations_of_user(
    session: Session, org_id: str, slack_user_id: str
) -> list[SlackInstallation]:
    """The user's own OAuth grants in the organization's workspaces."""
    query = select(SlackInstallation).where(
        SlackInstallation.user_id == slack_user_id, _org_teams(SlackInstallation, org_id)
    )
    return list(session.scalars(query.order_by(SlackInstallation.id)))


def _org_teams(model: type[SlackInstallation] | type[SlackBot], org_id: str) -> Any:
    keys = select(SlackWorkspace.team_key).where(SlackWorkspace.org_id == org_id)
    return or_(model.team_id.in_(keys), model.enterprise_id.in_(keys))


def erasure_of(session: Session, respondent_id: str) -> Erasure | None:
    query = select(Erasure).where(Erasure.respondent_id == respondent_id)
    return session.scalars(query.order_by(Erasure.erased_at)).first()


def list_erasures(session: Session, org_id: str) -> list[Erasure]:
    query = select(Erasure).where(Erasure.org_id == org_id)
    return list(session.scalars(query.order_by(Erasure.erased_at, Erasure.id)))


# -- erasure ---------------------------------------------------------------------------------


def _scrub_round(text_json: str | None, names: Iterable[str], pseudonym: str) -> str | None:
    """A round frozen before scores held ids only: the person's name becomes their id."""
    if text_json is None:
        return None
    for name in names:
        text_json = text_json.replace(json.dumps(name)[1:-1], pseudonym)
    return text_json


def _scrub_round_input(text_json: str | None, name: str, pseudonym: str) -> str | None:
    if text_json is None:
        return None
    data = json.loads(text_json)
    for observations in data.get("inputs", {}).values():
        for observation in observations:
            who = observation.get("respondent") or {}
            if who.get("name") == name:
                observation["respondent"] = {**who, "name": pseudonym, "role": None}
                observation["evidence"] = None
    return json.dumps(data, separators=(",", ":"))


def erase_respondent(
    session: Session,
    respondent: Respondent,
    *,
    now: datetime,
    text_questions: Iterable[str],
) -> dict[str, int]:
    """Remove or overwrite everything personal of one respondent, keeping the numeric answers
    (their values, questions and department) so the organization's score stays as it was.
    Returns how many rows of each kind were scrubbed or deleted."""
    rid, name, role = respondent.id, respondent.name, respondent.role
    removed: dict[str, int] = {}
    removed["answer_events"] = _count(
        session.execute(
            update(AnswerEvent)
            .where(AnswerEvent.respondent_id == rid)
            .values(raw_text=ERASED, evidence=None)
        )
    )
    # A free-text answer's display is its own words; a figure's display is a unit ("3 days").
    session.execute(
        update(AnswerEvent)
        .where(AnswerEvent.respondent_id == rid, AnswerEvent.question_id.in_(list(text_questions)))
        .values(display=ERASED)
    )
    removed["messages"] = _count(
        session.execute(delete(Message).where(Message.interview_id.in_(_interview_ids(rid))))
    )
    removed["governance_texts"] = _count(
        session.execute(
            update(GovernanceEntry)
            .where(GovernanceEntry.respondent_id == rid, GovernanceEntry.raw_text.is_not(None))
            .values(raw_text=None)
        )
    )
    keys = respondent_keys(session, rid)
    for key in keys:
        key.name = None
        key.revoked_at = key.revoked_at or now
    removed["api_keys_revoked"] = len(keys)
    # Their invitation links stop working and every browser signed in as them is signed out.
    removed["invites_revoked"] = revoke_invites(session, rid, now)
    removed["web_sessions_ended"] = end_sessions(session, now, respondent_id=rid)
    session.execute(
        update(CampaignMember).where(CampaignMember.respondent_id == rid).values(tz=None)
    )
    removed["slack_links"] = 0
    if respondent.slack_user_id:
        removed["slack_links"] = 1 + _count(
            session.execute(
                delete(SlackInstallation).where(
                    SlackInstallation.user_id == respondent.slack_user_id,
                    _org_teams(SlackInstallation, respondent.org_id),
                )
            )
        )
    session.execute(
        update(SprintItemRow)
        .where(SprintItemRow.org_id == respondent.org_id, SprintItemRow.owner == name)
        .values(owner=None)
    )
    rounds = session.scalars(
        select(AssessmentRound).where(
            AssessmentRound.org_id == respondent.org_id, AssessmentRound.input_json.is_not(None)
        )
    )
    for row in rounds:
        if row.input_json is not None and json.dumps(name)[1:-1] in row.input_json:
            row.input_json = _scrub_round_input(row.input_json, name, rid)
            row.result_json = _scrub_round(row.result_json, [name], rid)
    removed["profile_fields"] = 1 + (role is not None) + (respondent.slack_user_id is not None)
    respondent.name = f"erased {rid}"
    respondent.role = None
    respondent.slack_user_id = None
    respondent.erased_at = now
    session.flush()
    return removed


# -- organization offboarding ----------------------------------------------------------------


def delete_org(session: Session, org_id: str) -> dict[str, int]:
    """Delete every row of the organization, children before parents; rows deleted per table."""
    interviews = select(Interview.id).where(Interview.org_id == org_id)
    campaigns = select(Campaign.id).where(Campaign.org_id == org_id)
    teams = select(SlackWorkspace.team_key).where(SlackWorkspace.org_id == org_id)
    team_ids = [str(t) for t in session.scalars(teams)]
    steps: list[tuple[str, Any]] = [
        ("web_sessions", delete(WebSession).where(WebSession.org_id == org_id)),
        ("invites", delete(Invite).where(Invite.org_id == org_id)),
        ("access_log", delete(AccessLogEntry).where(AccessLogEntry.org_id == org_id)),
        ("erasures", delete(Erasure).where(Erasure.org_id == org_id)),
        ("sprint_items", delete(SprintItemRow).where(SprintItemRow.org_id == org_id)),
        ("messages", delete(Message).where(Message.interview_id.in_(interviews))),
        ("answer_events", delete(AnswerEvent).where(AnswerEvent.org_id == org_id)),
        ("governance_entries", delete(GovernanceEntry).where(GovernanceEntry.org_id == org_id)),
        ("initiatives", delete(InitiativeRow).where(InitiativeRow.org_id == org_id)),
        (
            "campaign_members",
            delete(CampaignMember).where(CampaignMember.campaign_id.in_(campaigns)),
        ),
        ("campaigns", delete(Campaign).where(Campaign.org_id == org_id)),
        ("interviews", delete(Interview).where(Interview.org_id == org_id)),
        ("api_keys", delete(ApiKey).where(ApiKey.org_id == org_id)),
        ("rounds", delete(AssessmentRound).where(AssessmentRound.org_id == org_id)),
        ("respondents", delete(Respondent).where(Respondent.org_id == org_id)),
        (
            "slack_installations",
            delete(SlackInstallation).where(
                or_(
                    SlackInstallation.team_id.in_(team_ids),
                    SlackInstallation.enterprise_id.in_(team_ids),
                )
            ),
        ),
        (
            "slack_bots",
            delete(SlackBot).where(
                or_(SlackBot.team_id.in_(team_ids), SlackBot.enterprise_id.in_(team_ids))
            ),
        ),
        ("slack_events", delete(SlackEvent).where(SlackEvent.team_id.in_(team_ids))),
        ("slack_workspaces", delete(SlackWorkspace).where(SlackWorkspace.org_id == org_id)),
        ("organizations", delete(Organization).where(Organization.id == org_id)),
    ]
    return {table: _count(session.execute(statement)) for table, statement in steps}


# -- retention -------------------------------------------------------------------------------


def prune_messages(session: Session, before: datetime) -> int:
    """Delete transcript lines older than `before` (the answers they led to stay)."""
    return _count(session.execute(delete(Message).where(Message.created_at < before)))


def prune_access_log(session: Session, before: datetime) -> int:
    return _count(session.execute(delete(AccessLogEntry).where(AccessLogEntry.at < before)))


def claim_job(session: Session, name: str, *, now: datetime, every: timedelta, holder: str) -> bool:
    """True when this caller runs job `name` now: no run in the last `every`, and no other
    process holding the row. Stamped in this transaction: commit it with the job's work."""
    table = JobLease.__table__
    assert isinstance(table, Table)
    insert_or_ignore(session, table, {"name": name})
    query = select(JobLease).where(JobLease.name == name).with_for_update(skip_locked=True)
    lease = session.scalars(query).first()
    if lease is None:  # another process holds it right now
        return False
    if lease.last_run_at is not None and lease.last_run_at > now - every:
        return False
    lease.last_run_at = now
    lease.holder = holder
    session.flush()
    return True


def record_job_result(session: Session, name: str, result: dict[str, Any]) -> None:
    session.execute(update(JobLease).where(JobLease.name == name).values(last_result=result))


def get_job(session: Session, name: str) -> JobLease | None:
    return session.get(JobLease, name)


# -- access log ------------------------------------------------------------------------------


def add_access(session: Session, row: dict[str, Any]) -> None:
    table = AccessLogEntry.__table__
    assert isinstance(table, Table)
    session.connection().execute(table.insert(), [row])


def list_access(
    session: Session,
    org_id: str,
    *,
    limit: int,
    since: datetime | None = None,
    role: str | None = None,
    respondent_id: str | None = None,
    route: str | None = None,
) -> list[AccessLogEntry]:
    """Newest first."""
    query = select(AccessLogEntry).where(AccessLogEntry.org_id == org_id)
    if since is not None:
        query = query.where(AccessLogEntry.at >= since)
    if role is not None:
        query = query.where(AccessLogEntry.role == role)
    if respondent_id is not None:
        query = query.where(AccessLogEntry.respondent_id == respondent_id)
    if route is not None:
        query = query.where(AccessLogEntry.route.contains(route, autoescape=True))
    query = query.order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc()).limit(limit)
    return list(session.scalars(query))

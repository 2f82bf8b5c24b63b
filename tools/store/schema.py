"""SQLAlchemy models of the workspace store.

Answers are append-only events: the current answer to a question is the latest event for that
respondent and question, so nothing is ever lost and every change is audited.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Naive UTC: stored the same way by SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    # float -> Float, as the migrations declare it (SQLAlchemy 2.1 would otherwise pick Double).
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, float: Float}


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    revenue: Mapped[float]
    operating_margin: Mapped[float]
    currency: Mapped[str] = mapped_column(String(3))
    headcount: Mapped[int]
    industry: Mapped[str] = mapped_column(String(60))
    loaded_labor_cost_per_hour: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Respondent(Base):
    __tablename__ = "respondents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str | None] = mapped_column(String(200))
    # Which parts of the instrument this person sees (role tags) and any domains assigned on top.
    tags: Mapped[list[str]] = mapped_column(default=list)
    domains: Mapped[list[str]] = mapped_column(default=list)
    slack_user_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when an admin erased the person (`tools.privacy.erase`): the row keeps only its id,
    # department and instrument tags, so the numeric answers still count, by department.
    erased_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("org_id", "name", name="uq_respondent_org_name"),)


class Interview(Base):
    __tablename__ = "interviews"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    respondent_id: Mapped[str] = mapped_column(ForeignKey("respondents.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    channel: Mapped[str] = mapped_column(String(32), default="api")
    full_instrument: Mapped[bool] = mapped_column(default=False)
    # The question last put to the respondent: what a bare answer answers.
    pending_question_id: Mapped[str | None] = mapped_column(String(64))
    # The assessment round open when it started (None: started while no round was open).
    round_id: Mapped[str | None] = mapped_column(ForeignKey("rounds.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AnswerEvent(Base):
    __tablename__ = "answer_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    interview_id: Mapped[str | None] = mapped_column(ForeignKey("interviews.id"))
    respondent_id: Mapped[str] = mapped_column(ForeignKey("respondents.id"))
    question_id: Mapped[str] = mapped_column(String(64))
    # answer | skip | dont_know
    kind: Mapped[str] = mapped_column(String(16))
    raw_text: Mapped[str] = mapped_column(Text)
    # {"low", "likely", "high", "point"} in the question's canonical unit; null for skip/dont_know
    value: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    display: Mapped[str | None] = mapped_column(String(300))
    evidence: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(32))
    # The round open when it was given; None until a round adopts it (`tools.store.rounds`).
    round_id: Mapped[str | None] = mapped_column(ForeignKey("rounds.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_answer_events_org_question", "org_id", "question_id"),
        Index("ix_answer_events_round", "round_id", "respondent_id", "question_id"),
        Index("ix_answer_events_respondent", "respondent_id", "question_id", "id"),
    )


class Message(Base):
    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    interview_id: Mapped[str] = mapped_column(ForeignKey("interviews.id"), index=True)
    sender: Mapped[str] = mapped_column(String(16))  # respondent | assistant
    text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    respondent_id: Mapped[str | None] = mapped_column(ForeignKey("respondents.id"))
    name: Mapped[str | None] = mapped_column(String(200))
    # SHA-256 of the whole key: keys are 32 random bytes, so a fast hash is enough.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class Campaign(Base):
    """An interview campaign: a facilitator invites respondents, due by a date, with reminders."""

    __tablename__ = "campaigns"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    # named | department: department-only hides who said what from everyone but the speaker.
    attribution: Mapped[str] = mapped_column(String(16), default="department")
    due_at: Mapped[datetime]
    results_channel: Mapped[str | None] = mapped_column(String(64))
    reminder_interval_hours: Mapped[int] = mapped_column(default=48)
    max_reminders: Mapped[int] = mapped_column(default=3)
    # open | closed (summary posted, or closed by hand)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_by: Mapped[str | None] = mapped_column(String(200))
    round_id: Mapped[str | None] = mapped_column(ForeignKey("rounds.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Claimed once by whichever process posts the summary; posted_at once it went out.
    summary_claimed_at: Mapped[datetime | None]
    summary_posted_at: Mapped[datetime | None]


class CampaignMember(Base):
    """One respondent invited to a campaign, with the reminder schedule for that person."""

    __tablename__ = "campaign_members"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    campaign_id: Mapped[str] = mapped_column(ForeignKey("campaigns.id"), index=True)
    respondent_id: Mapped[str] = mapped_column(ForeignKey("respondents.id"), index=True)
    department: Mapped[str | None] = mapped_column(String(200))
    # IANA time zone: reminders go out only in the member's own working hours.
    tz: Mapped[str | None] = mapped_column(String(64))
    invited_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    reminders_sent: Mapped[int] = mapped_column(default=0)
    last_reminded_at: Mapped[datetime | None]
    next_reminder_at: Mapped[datetime | None] = mapped_column(index=True)
    # Set when a reminder is claimed: a failed send may undo only its own claim.
    claim_token: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("campaign_id", "respondent_id", name="uq_campaign_member"),)


class SlackWorkspace(Base):
    """A Slack workspace (or an Enterprise Grid org installed org-wide) and its organization.

    Every Slack request's organization comes from this row, keyed by the team Slack signed the
    request for; never from anything a person typed.
    """

    __tablename__ = "slack_workspaces"

    # The team id, or the enterprise id for an org-wide Enterprise Grid install.
    team_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    # True while the organization still has the stand-in profile made at first contact.
    placeholder_profile: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SlackInstallation(Base):
    """One OAuth installation (a user's grant in a workspace), as slack_sdk's stores keep it."""

    __tablename__ = "slack_installations"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(64))
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    team_id: Mapped[str | None] = mapped_column(String(32))
    user_id: Mapped[str | None] = mapped_column(String(32))
    is_enterprise_install: Mapped[bool] = mapped_column(default=False)
    # slack_sdk's Installation fields, tokens included (like its file and SQL stores).
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    installed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_slack_installations_team", "client_id", "enterprise_id", "team_id", "id"),
    )


class SlackBot(Base):
    """The bot token of a workspace's latest installation: what every request authorizes with."""

    __tablename__ = "slack_bots"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(String(64))
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    team_id: Mapped[str | None] = mapped_column(String(32))
    is_enterprise_install: Mapped[bool] = mapped_column(default=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    installed_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_slack_bots_team", "client_id", "enterprise_id", "team_id", "id"),)


class SlackEvent(Base):
    """Events API deliveries already taken: a retry (same event_id) is acknowledged and dropped."""

    __tablename__ = "slack_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    team_id: Mapped[str | None] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class GovernanceEntry(Base):
    """One structured governance entry: a seam, a decision type, a constraint or the AI plan.

    `data` holds the entry as its scoring model dumps it (without the respondent, which is the
    row's). A respondent entering the same seam, decision type or constraint again replaces
    their earlier entry: the earlier row gets `replaced_at`, so every change stays audited.
    """

    __tablename__ = "governance_entries"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    # seam | decision | constraint | ai_plan
    kind: Mapped[str] = mapped_column(String(16))
    # Which entry of its kind this replaces when entered again (e.g. "operations>transport").
    subject: Mapped[str] = mapped_column(String(200))
    respondent_id: Mapped[str | None] = mapped_column(ForeignKey("respondents.id"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    raw_text: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    replaced_at: Mapped[datetime | None]

    __table_args__ = (Index("ix_governance_entries_org_kind", "org_id", "kind", "id"),)


class InitiativeRow(Base):
    """An initiative a facilitator entered: its cost and the drivers it relieves."""

    __tablename__ = "initiatives"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    cost: Mapped[float]
    # [{"driver": key, "fraction": 0-1}, ...]
    relieves: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("org_id", "name", name="uq_initiative_org_name"),)


class AssessmentRound(Base):
    """One quarter's assessment ("2027-Q1"): open while answers arrive, frozen when closed.

    Closing stores the exact scoring input and its score (JSON text, byte for byte), with the
    model version, input hash, draws and seed: the round's figures never change when later
    answers arrive, and re-scoring `input_json` gives `result_json` again.
    """

    __tablename__ = "rounds"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    label: Mapped[str] = mapped_column(String(60))
    # open | closed; at most one open round per organization (partial unique index).
    status: Mapped[str] = mapped_column(String(16), default="open")
    due_at: Mapped[datetime | None]
    opened_by: Mapped[str | None] = mapped_column(String(200))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None]
    model_version: Mapped[str | None] = mapped_column(String(40))
    input_sha256: Mapped[str | None] = mapped_column(String(64))
    draws: Mapped[int | None]
    seed: Mapped[str | None] = mapped_column(String(24))  # a 64-bit seed, as decimal text
    input_json: Mapped[str | None] = mapped_column(Text)
    result_json: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("org_id", "label", name="uq_round_org_label"),
        Index("ix_rounds_org", "org_id", "opened_at"),
        Index(
            "uq_rounds_one_open",
            "org_id",
            unique=True,
            sqlite_where=text("status = 'open'"),
            postgresql_where=text("status = 'open'"),
        ),
    )


class SprintItemRow(Base):
    """One item of a round's 90-day sprint plan: generated at close, then a facilitator's to
    edit (owner, due week, status). `generated` keeps the plan as the core made it."""

    __tablename__ = "sprint_items"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    round_id: Mapped[str] = mapped_column(ForeignKey("rounds.id"))
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    owner: Mapped[str | None] = mapped_column(String(200))
    due_week: Mapped[int]
    # planned | in_progress | done | dropped
    status: Mapped[str] = mapped_column(String(16), default="planned")
    generated: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __table_args__ = (
        UniqueConstraint("round_id", "key", name="uq_sprint_item_round_key"),
        Index("ix_sprint_items_round", "round_id", "position"),
    )


class Erasure(Base):
    """The tombstone of an erasure: who erased which respondent id, when, and what went.

    It holds no erased data: `removed` counts rows and quotes, never their contents.
    """

    __tablename__ = "erasures"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    respondent_id: Mapped[str] = mapped_column(ForeignKey("respondents.id"))
    erased_by_role: Mapped[str] = mapped_column(String(16))
    # The API key's id (never the key); None from the command line.
    erased_by_key_id: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(32))
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    # {"answer_events": n, "messages": n, ...}: how much was scrubbed or deleted.
    removed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # False until the person's quotes are gone from the evidence index too.
    index_cleared: Mapped[bool] = mapped_column(default=False)


class AccessLogEntry(Base):
    """One read of answers, transcripts, reports or exports: who, with which key, what, when.

    Only the key's id is kept, never the key itself.
    """

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"))
    role: Mapped[str] = mapped_column(String(16))
    respondent_id: Mapped[str | None] = mapped_column(String(32))
    key_id: Mapped[str | None] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(32))
    method: Mapped[str] = mapped_column(String(8))
    # The route template ("/v1/orgs/{org_id}/answers") or a CLI command ("oiar report").
    route: Mapped[str] = mapped_column(String(200))
    # What was read, when the route names one thing (an interview or respondent id).
    target: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_access_log_org_at", "org_id", "at"),)


class JobLease(Base):
    """A background job run once across every app process: the row is locked to claim it."""

    __tablename__ = "job_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(64))
    last_run_at: Mapped[datetime | None]
    last_result: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Invite(Base):
    """An interview invitation: a single-use link bound to one respondent and one round.

    Only a SHA-256 of the link's token is kept; the token itself is shown once, when made.
    """

    __tablename__ = "invites"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    respondent_id: Mapped[str] = mapped_column(ForeignKey("respondents.id"), index=True)
    round_id: Mapped[str | None] = mapped_column(ForeignKey("rounds.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # Who made it, as the respondent's page names them ("ask <created_by> for a new link").
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_by_key_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    opened_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]


class WebSession(Base):
    """A browser's sign-in: a console session (from an API key) or a respondent's (an invite).

    The cookie's value is never stored, only its SHA-256. Every request re-checks that the
    session is live and that its key or invite is not revoked.
    """

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    respondent_id: Mapped[str | None] = mapped_column(ForeignKey("respondents.id"))
    key_id: Mapped[str | None] = mapped_column(ForeignKey("api_keys.id"))
    invite_id: Mapped[str | None] = mapped_column(ForeignKey("invites.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

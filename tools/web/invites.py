"""Interview invitations: a single-use, expiring, revocable link bound to one respondent and
one round. Opening it signs that browser in as the respondent until the invite expires.

A link is `<base>/i/<token>` with a 32-byte random token; only its SHA-256 is stored, and the
token is shown once, in the answer that made it. The first browser to open it gets the session
and the invite is marked opened; the same browser opening it again resumes; any other browser
is told it was already used. Revoking an invite ends the session made from it at once;
erasing the respondent revokes their invites; offboarding deletes them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from tools.access import ROLES, Caller, require, require_org
from tools.errors import AnswerRejected, ConflictError, NotFoundError
from tools.store import people, rounds
from tools.store import privacy as privacy_repo
from tools.store import web as repo
from tools.store.db import Store
from tools.store.orgs import get_org, new_id
from tools.store.schema import Invite, Respondent, utcnow
from tools.timestamps import UtcDatetime
from tools.web.sessions import CHANNEL, new_session

MIN_DAYS, MAX_DAYS, DEFAULT_DAYS = 1, 90, 14
OPEN_ROUND = "open"  # `round_id` default: the round open now (none when none is)
OPEN_ROUTE = "/i/{token}"

InviteStatus = Literal["pending", "opened", "expired", "revoked"]
OpenState = Literal[
    "opened", "resumed", "unknown", "expired", "revoked", "used", "closed", "preview"
]


class InviteView(BaseModel):
    id: str = Field(description="`inv_…`; also the key id the access log shows for its reads.")
    respondent_id: str
    respondent_name: str
    department: str | None
    round_id: str | None
    created_at: UtcDatetime
    expires_at: UtcDatetime
    opened_at: UtcDatetime | None = None
    revoked_at: UtcDatetime | None = None
    status: InviteStatus


class InviteCreated(BaseModel):
    """A new invite with its link: the token is shown only in this answer."""

    id: str
    respondent_id: str
    respondent_name: str
    department: str | None
    round_id: str | None
    url: str
    token: str
    created_at: UtcDatetime
    expires_at: UtcDatetime
    status: InviteStatus = "pending"


@dataclass(frozen=True, slots=True)
class Opening:
    """What opening a link did: its state and, when it signed a browser in, the cookie."""

    state: OpenState
    cookie: str | None = None
    expires_at: datetime | None = None
    created_by: str | None = None


def invite_status(row: Invite, now: datetime) -> InviteStatus:
    if row.revoked_at is not None:
        return "revoked"
    if row.opened_at is not None:
        return "opened"
    return "expired" if row.expires_at <= now else "pending"


def _view(row: Invite, person: Respondent, now: datetime) -> InviteView:
    return InviteView(
        id=row.id,
        respondent_id=row.respondent_id,
        respondent_name=person.name,
        department=person.department,
        round_id=row.round_id,
        created_at=row.created_at,
        expires_at=row.expires_at,
        opened_at=row.opened_at,
        revoked_at=row.revoked_at,
        status=invite_status(row, now),
    )


def _round_of(session: Session, org_id: str, round_id: str | None) -> str | None:
    if round_id == OPEN_ROUND or round_id is None:
        return rounds.open_round_key(session, org_id)
    found = rounds.get_round(session, org_id, round_id)
    if found is None:
        msg = f"round {round_id!r} not found"
        raise NotFoundError(msg)
    if found.status != "open":
        msg = f"round_id: round {found.label!r} is closed; invite to the open round instead"
        raise ConflictError(msg)
    return found.id


def _creator(session: Session, caller: Caller, created_by: str | None) -> str | None:
    """Who the respondent's page names: given (Slack: the facilitator's name), else the
    creating key's name when it is a person's rather than a role's."""
    if created_by:
        return created_by[:200]
    if caller.key_id is None:
        return None
    key = people.get_key(session, caller.org_id, caller.key_id)
    name = key.name if key is not None else None
    return name if name and name not in ROLES else None


def create_invite(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    respondent_id: str,
    base_url: str,
    round_id: str | None = OPEN_ROUND,
    expires_in_days: int = DEFAULT_DAYS,
    created_by: str | None = None,
) -> InviteCreated:
    """A link that signs one respondent in to their interview (admins and facilitators).

    Args:
        respondent_id: Who the link is for.
        base_url: Where the server is reached (`https://oiar.example.com`); the link is
            `<base_url>/i/<token>`.
        round_id: The round the interview belongs to; by default the one open now.
        expires_in_days: 1 to 90.
        created_by: The name the respondent's page gives for asking a new link.
    """
    require_org(caller, org_id)
    require(caller, "invite")
    if not MIN_DAYS <= expires_in_days <= MAX_DAYS:
        msg = f"expires_in_days: expected {MIN_DAYS} to {MAX_DAYS}, got {expires_in_days}"
        raise AnswerRejected(msg, example=str(DEFAULT_DAYS))
    now = utcnow()
    token = secrets.token_urlsafe(32)
    with store.write() as session:
        person = people.get_respondent(session, org_id, respondent_id)
        if person is None:
            msg = f"respondent {respondent_id!r} not found"
            raise NotFoundError(msg)
        if person.erased_at is not None:
            msg = f"respondent {respondent_id!r} was erased and cannot be invited"
            raise ConflictError(msg)
        row = repo.add_invite(
            session,
            Invite(
                id=new_id("inv"),
                org_id=org_id,
                respondent_id=person.id,
                round_id=_round_of(session, org_id, round_id),
                token_hash=repo.hash_token(token),
                created_by=_creator(session, caller, created_by),
                created_by_key_id=caller.key_id,
                created_at=now,
                expires_at=now + timedelta(days=expires_in_days),
            ),
        )
        view = _view(row, person, now)
    return InviteCreated(
        **view.model_dump(include=set(InviteCreated.model_fields)),
        url=f"{base_url.rstrip('/')}/i/{token}",
        token=token,
    )


def list_invites(store: Store, caller: Caller, org_id: str) -> list[InviteView]:
    """Every invite of the organization, newest first, with where it stands."""
    require_org(caller, org_id)
    require(caller, "invite")
    now = utcnow()
    with store.read() as session:
        people_by_id = {p.id: p for p in people.list_respondents(session, org_id)}
        return [
            _view(row, people_by_id[row.respondent_id], now)
            for row in repo.list_invites(session, org_id)
        ]


def revoke_invite(store: Store, caller: Caller, org_id: str, invite_id: str) -> InviteView:
    """Withdraw an invite: its link stops working and its session ends now. Safe to repeat."""
    require_org(caller, org_id)
    require(caller, "invite")
    now = utcnow()
    with store.write() as session:
        row = repo.get_invite(session, org_id, invite_id)
        if row is None:
            msg = f"invite {invite_id!r} not found"
            raise NotFoundError(msg)
        if row.revoked_at is None:
            row.revoked_at = now
            repo.end_sessions(session, now, invite_id=row.id)
            session.flush()
        person = people.get_respondent(session, org_id, row.respondent_id)
        assert person is not None  # the foreign key keeps it
        return _view(row, person, now)


def open_invite(store: Store, token: str, *, cookie: str | None) -> Opening:
    """Open a link: sign this browser in as its respondent, resume, or say why not.

    Args:
        token: The link's token.
        cookie: This browser's session cookie, if any: the session made from this same invite
            resumes instead of being refused as "used".
    """
    now = utcnow()
    with store.write() as session:
        row = repo.find_invite(session, token, lock=True) if token else None
        if row is None:
            return Opening("unknown")
        if row.revoked_at is not None:
            return Opening("revoked", created_by=row.created_by)
        if row.expires_at <= now:
            return Opening("expired", expires_at=row.expires_at, created_by=row.created_by)
        if row.round_id is not None:
            found = rounds.get_round(session, row.org_id, row.round_id)
            if found is None or found.status != "open":
                return Opening("closed", created_by=row.created_by)
        if row.opened_at is not None:
            grant = repo.find_session_grant(session.connection(), cookie, now) if cookie else None
            if grant is not None and grant.invite_id == row.id:
                return Opening("resumed", expires_at=row.expires_at)
            return Opening("used", created_by=row.created_by)
        row.opened_at = now
        made, value = new_session(
            org_id=row.org_id,
            role="respondent",
            respondent_id=row.respondent_id,
            key_id=None,
            invite_id=row.id,
            expires_at=row.expires_at,
        )
        if cookie:  # whoever this browser was signed in as, it is this respondent now
            repo.end_session(session, cookie, now)
        repo.add_session(session, made)
        privacy_repo.add_access(
            session,
            {
                "org_id": row.org_id,
                "role": "respondent",
                "respondent_id": row.respondent_id,
                "key_id": row.id,
                "channel": CHANNEL,
                "method": "GET",
                "route": OPEN_ROUTE,
                "target": row.respondent_id,
                "at": now,
            },
        )
        return Opening("opened", cookie=value, expires_at=row.expires_at)


def org_name_of_invite(store: Store, token: str) -> str | None:
    """The company a link is from (for its pages), or None for an unknown link."""
    with store.read() as session:
        row = repo.find_invite(session, token) if token else None
        org = get_org(session, row.org_id) if row is not None else None
        return org.name if org is not None else None

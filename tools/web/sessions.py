"""Browser sessions: signing in with an API key (the console) or through an invite (a
respondent), resolving a cookie to its caller on every request, and signing out.

The cookie's value and the CSRF token are 32 random bytes each; only the value's SHA-256 is
stored. A session's caller has the role of the key or invite it came from, and its `key_id` is
that key's id or the invite's id, so the access log shows which one read. A session dies when
it expires, when it is ended (sign-out, erasure, offboarding), or the moment its key or invite
is revoked (checked on every request, in the same query that finds it).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel

from tools.access import Caller, Role
from tools.store import orgs, people, rounds
from tools.store import web as repo
from tools.store.db import Store
from tools.store.orgs import new_id
from tools.store.schema import AssessmentRound, WebSession, utcnow
from tools.timestamps import UtcDatetime

CONSOLE_HOURS = 12
CHANNEL = "web"


@dataclass(frozen=True, slots=True)
class SessionGrant:
    """A live session as one request sees it."""

    id: str
    caller: Caller
    csrf_token: str
    expires_at: datetime
    invite_id: str | None


class SessionRespondent(BaseModel):
    id: str
    name: str
    role: str | None
    department: str | None


class SessionRound(BaseModel):
    id: str
    name: str
    status: Literal["open", "closed"]
    due_at: UtcDatetime | None


class SessionView(BaseModel):
    """What GET /web/session answers: who is signed in, for which company and round."""

    role: Role
    org_id: str
    org_name: str
    currency: str
    respondent: SessionRespondent | None
    round: SessionRound | None
    interview_id: str | None
    csrf_token: str
    expires_at: UtcDatetime


def new_session(
    *,
    org_id: str,
    role: str,
    respondent_id: str | None,
    key_id: str | None,
    invite_id: str | None,
    expires_at: datetime,
) -> tuple[WebSession, str]:
    """A session row (not yet added) and the cookie value it answers to."""
    cookie = secrets.token_urlsafe(32)
    row = WebSession(
        id=new_id("wss"),
        token_hash=repo.hash_token(cookie),
        org_id=org_id,
        role=role,
        respondent_id=respondent_id,
        key_id=key_id,
        invite_id=invite_id,
        csrf_token=secrets.token_urlsafe(32),
        created_at=utcnow(),
        expires_at=expires_at,
    )
    return row, cookie


def sign_in(
    store: Store, key: str, *, previous: str | None = None
) -> tuple[SessionGrant, str] | None:
    """A console session for a live API key (any role), lasting 12 hours, and its cookie value;
    None for an unknown or revoked key. `previous`, this browser's old cookie, is ended."""
    now = utcnow()
    with store.write() as session:
        found = people.find_key(session, key)
        if found is None:
            return None
        if previous:
            repo.end_session(session, previous, now)
        row, cookie = new_session(
            org_id=found.org_id,
            role=found.role,
            respondent_id=found.respondent_id,
            key_id=found.id,
            invite_id=None,
            expires_at=now + timedelta(hours=CONSOLE_HOURS),
        )
        repo.add_session(session, row)
        return _grant(row), cookie


def resolve(store: Store, cookie: str) -> SessionGrant | None:
    """The live session of a cookie value, or None (unknown, ended, expired, key or invite
    revoked). A read on a bare connection: every browser request asks it."""
    if not cookie:
        return None
    with store.reader.connect() as connection:
        row = repo.find_session_grant(connection, cookie, utcnow())
    return _grant(row) if row is not None else None


def sign_out(store: Store, cookie: str) -> bool:
    """End the session of a cookie value; False when there was no live one."""
    if not cookie:
        return False
    with store.write() as session:
        return repo.end_session(session, cookie, utcnow()) > 0


def _grant(row: Any) -> SessionGrant:
    key_id = getattr(row, "key_id", None)
    invite_id = getattr(row, "invite_id", None)
    caller = Caller(
        org_id=row.org_id,
        role=row.role,
        respondent_id=row.respondent_id,
        channel=CHANNEL,
        key_id=invite_id or key_id,
    )
    return SessionGrant(
        id=row.id,
        caller=caller,
        csrf_token=row.csrf_token,
        expires_at=row.expires_at,
        invite_id=invite_id,
    )


def _round_view(row: AssessmentRound | None) -> SessionRound | None:
    if row is None:
        return None
    return SessionRound(
        id=row.id,
        name=row.label,
        status="closed" if row.status == "closed" else "open",
        due_at=row.due_at,
    )


def describe(store: Store, grant: SessionGrant) -> SessionView | None:
    """Who the session is, for which company and round, and the respondent's interview.

    A respondent session's round is its invite's; a console session's is the open round.
    None when the organization is gone (offboarded under a live cookie)."""
    caller = grant.caller
    with store.read() as session:
        org = orgs.get_org(session, caller.org_id)
        if org is None:
            return None
        if grant.invite_id is not None:
            invite = repo.get_invite(session, caller.org_id, grant.invite_id)
            round_row = (
                rounds.get_round(session, caller.org_id, invite.round_id)
                if invite is not None and invite.round_id is not None
                else None
            )
        else:
            round_row = rounds.get_open_round(session, caller.org_id)
        respondent = None
        interview_id = None
        if caller.respondent_id is not None:
            person = people.get_respondent(session, caller.org_id, caller.respondent_id)
            if person is not None:
                respondent = SessionRespondent(
                    id=person.id, name=person.name, role=person.role, department=person.department
                )
                latest = repo.latest_interview_in_round(
                    session, person.id, round_row.id if round_row is not None else None
                )
                interview_id = latest.id if latest is not None else None
        return SessionView(
            role=caller.role,
            org_id=org.id,
            org_name=org.name,
            currency=org.currency,
            respondent=respondent,
            round=_round_view(round_row),
            interview_id=interview_id,
            csrf_token=grant.csrf_token,
            expires_at=grant.expires_at,
        )

"""Browser sessions and interview invitations in the store.

Every request a browser makes resolves its cookie here (`find_session_grant`): one prebuilt Core
query on a bare connection, like `people.find_key_grant`, that also refuses a session whose API
key or invite was revoked since.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select, update
from sqlalchemy.orm import Session

from tools.store.schema import ApiKey, Interview, Invite, WebSession


def hash_token(plaintext: str) -> str:
    """SHA-256 of a cookie value or an invite token: both are 32 random bytes."""
    return hashlib.sha256(plaintext.encode()).hexdigest()


# -- sessions --------------------------------------------------------------------------------

_SESSION_GRANT = (
    select(
        WebSession.id,
        WebSession.org_id,
        WebSession.role,
        WebSession.respondent_id,
        WebSession.key_id,
        WebSession.invite_id,
        WebSession.csrf_token,
        WebSession.expires_at,
    )
    .outerjoin(ApiKey, ApiKey.id == WebSession.key_id)
    .outerjoin(Invite, Invite.id == WebSession.invite_id)
    .where(
        WebSession.token_hash == bindparam("token_hash"),
        WebSession.ended_at.is_(None),
        WebSession.expires_at > bindparam("now"),
        or_(WebSession.key_id.is_(None), ApiKey.revoked_at.is_(None)),
        or_(WebSession.invite_id.is_(None), Invite.revoked_at.is_(None)),
    )
)


def find_session_grant(connection: Connection, plaintext: str, now: datetime) -> Any | None:
    """The live session row of a cookie value (id, org, role, respondent, key, invite, csrf,
    expiry), or None: unknown, ended, expired, or its key or invite revoked."""
    return connection.execute(
        _SESSION_GRANT, {"token_hash": hash_token(plaintext), "now": now}
    ).first()


def add_session(session: Session, row: WebSession) -> WebSession:
    session.add(row)
    session.flush()
    return row


def end_session(session: Session, plaintext: str, now: datetime) -> int:
    """End the session of a cookie value; how many rows it ended (0 or 1)."""
    result = session.execute(
        update(WebSession)
        .where(WebSession.token_hash == hash_token(plaintext), WebSession.ended_at.is_(None))
        .values(ended_at=now)
    )
    return int(getattr(result, "rowcount", 0))


def end_sessions(
    session: Session,
    now: datetime,
    *,
    key_id: str | None = None,
    invite_id: str | None = None,
    respondent_id: str | None = None,
) -> int:
    """End every live session made from a key, from an invite, or of a respondent."""
    conditions = [
        column == value
        for column, value in (
            (WebSession.key_id, key_id),
            (WebSession.invite_id, invite_id),
            (WebSession.respondent_id, respondent_id),
        )
        if value is not None
    ]
    if not conditions:
        return 0
    result = session.execute(
        update(WebSession)
        .where(WebSession.ended_at.is_(None), and_(*conditions))
        .values(ended_at=now)
    )
    return int(getattr(result, "rowcount", 0))


def latest_interview_in_round(
    session: Session, respondent_id: str, round_id: str | None
) -> Interview | None:
    """The respondent's newest interview of that round (of none: started outside rounds)."""
    query = select(Interview).where(
        Interview.respondent_id == respondent_id,
        Interview.round_id.is_(None) if round_id is None else Interview.round_id == round_id,
    )
    return session.scalars(query.order_by(Interview.created_at.desc(), Interview.id.desc())).first()


# -- invites ---------------------------------------------------------------------------------


def add_invite(session: Session, row: Invite) -> Invite:
    session.add(row)
    session.flush()
    return row


def find_invite(session: Session, plaintext: str, *, lock: bool = False) -> Invite | None:
    """The invite of a link's token; locked (PostgreSQL) when it is about to be opened, so two
    browsers opening one link at once cannot both get in."""
    query = select(Invite).where(Invite.token_hash == hash_token(plaintext))
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def get_invite(session: Session, org_id: str, invite_id: str) -> Invite | None:
    found = session.get(Invite, invite_id)
    return found if found is not None and found.org_id == org_id else None


def list_invites(session: Session, org_id: str) -> list[Invite]:
    """Newest first."""
    query = select(Invite).where(Invite.org_id == org_id)
    return list(session.scalars(query.order_by(Invite.created_at.desc(), Invite.id.desc())))


def respondent_invites(session: Session, respondent_id: str) -> list[Invite]:
    query = select(Invite).where(Invite.respondent_id == respondent_id)
    return list(session.scalars(query.order_by(Invite.created_at, Invite.id)))


def revoke_invites(session: Session, respondent_id: str, now: datetime) -> int:
    """Withdraw every invite of a respondent not withdrawn yet."""
    result = session.execute(
        update(Invite)
        .where(Invite.respondent_id == respondent_id, Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(getattr(result, "rowcount", 0))

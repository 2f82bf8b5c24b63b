"""Respondents and API keys."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from tools.store.db import Store, add_unique
from tools.store.orgs import new_id
from tools.store.schema import ApiKey, Respondent, utcnow

KEY_PREFIX = "oiar_"


def create_respondent(
    session: Session,
    *,
    org_id: str,
    name: str,
    role: str | None = None,
    department: str | None = None,
    tags: Sequence[str] = (),
    domains: Sequence[str] = (),
    slack_user_id: str | None = None,
) -> Respondent:
    respondent = Respondent(
        id=new_id("rsp"),
        org_id=org_id,
        name=name,
        role=role,
        department=department,
        tags=list(tags),
        domains=list(domains),
        slack_user_id=slack_user_id,
    )
    conflict = f"a respondent named {name!r} already exists in this organization"
    add_unique(session, respondent, conflict)
    return respondent


def get_respondent(session: Session, org_id: str, respondent_id: str) -> Respondent | None:
    respondent = session.get(Respondent, respondent_id)
    return respondent if respondent is not None and respondent.org_id == org_id else None


def find_respondent(session: Session, org_id: str, name: str) -> Respondent | None:
    query = select(Respondent).where(Respondent.org_id == org_id, Respondent.name == name)
    return session.scalars(query).first()


def list_respondents(session: Session, org_id: str) -> list[Respondent]:
    query = select(Respondent).where(Respondent.org_id == org_id).order_by(Respondent.created_at)
    return list(session.scalars(query))


def scoring_identity(respondent: Respondent) -> dict[str, str | None]:
    """Who a respondent is to the scoring core: their id and department, never their name,
    title or words. The score and its hash then hold nothing personal, so erasing a person
    leaves the organization's score byte for byte as it was; names are put back on the way
    out (`tools.admin.attribution.score_replacements`)."""
    return {"name": respondent.id, "role": None, "department": respondent.department}


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def create_key(
    session: Session,
    *,
    org_id: str,
    role: str,
    respondent_id: str | None = None,
    name: str | None = None,
) -> tuple[ApiKey, str]:
    """A new API key; the plaintext is returned once and only its hash is stored."""
    plaintext = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        id=new_id("key"),
        org_id=org_id,
        role=role,
        respondent_id=respondent_id,
        name=name,
        key_hash=hash_key(plaintext),
    )
    session.add(key)
    session.flush()
    return key, plaintext


def find_key(session: Session, plaintext: str) -> ApiKey | None:
    query = select(ApiKey).where(ApiKey.key_hash == hash_key(plaintext))
    key = session.scalars(query).first()
    return key if key is not None and key.revoked_at is None else None


KeyGrant = tuple[str, str, str | None, str]

_KEY_GRANT = select(ApiKey.org_id, ApiKey.role, ApiKey.respondent_id, ApiKey.id).where(
    ApiKey.key_hash == bindparam("key_hash"), ApiKey.revoked_at.is_(None)
)


def find_key_grant(connection: Connection, plaintext: str) -> KeyGrant | None:
    """(org id, role, respondent id, key id) of a live key. Every API request asks this, so it
    is a prebuilt Core query on a bare connection: no session, no ORM object."""
    row = connection.execute(_KEY_GRANT, {"key_hash": hash_key(plaintext)}).first()
    return (row.org_id, row.role, row.respondent_id, row.id) if row is not None else None


def lookup_key_grant(store: Store, plaintext: str) -> KeyGrant | None:
    """`find_key_grant` on a connection of the store's reader. On SQLite the query goes to the
    driver's own cursor: SQLAlchemy's connection would add a BEGIN and a ROLLBACK around it
    and its execute path, about 90 us of the 105 a lookup took, on every request; one SELECT
    in autocommit mode reads one consistent snapshot all the same (the same rows, so a key
    revoked in any process is refused on the very next request)."""
    if not store.is_sqlite:
        with store.reader.connect() as connection:
            return find_key_grant(connection, plaintext)
    raw = store.reader.raw_connection()
    try:
        row = raw.cursor().execute(_key_grant_sql(store), (hash_key(plaintext),)).fetchone()
    finally:
        raw.close()
    return (row[0], row[1], row[2], row[3]) if row is not None else None


def _key_grant_sql(store: Store) -> str:
    sql = _KEY_GRANT_SQL.get(store.reader.dialect.name)
    if sql is None:
        sql = _KEY_GRANT_SQL[store.reader.dialect.name] = str(
            _KEY_GRANT.compile(dialect=store.reader.dialect)
        )
    return sql


_KEY_GRANT_SQL: dict[str, str] = {}


def list_keys(session: Session, org_id: str) -> list[ApiKey]:
    query = select(ApiKey).where(ApiKey.org_id == org_id).order_by(ApiKey.created_at, ApiKey.id)
    return list(session.scalars(query))


def get_key(session: Session, org_id: str, key_id: str) -> ApiKey | None:
    key = session.get(ApiKey, key_id)
    return key if key is not None and key.org_id == org_id else None


def revoke_key(session: Session, key: ApiKey) -> None:
    key.revoked_at = utcnow()
    session.flush()

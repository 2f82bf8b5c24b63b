"""Organization, respondent and key tools: what facilitators and admins set up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from knowledge import ROLE_TAGS
from scoring import DOMAINS, OrganizationProfile
from tools.access import ROLES, Caller, Role, require, require_org
from tools.errors import AnswerRejected, NotFoundError
from tools.store import orgs, people, web
from tools.store.db import Store
from tools.store.schema import Organization, Respondent, utcnow
from tools.timestamps import UtcDatetime


class OrgView(BaseModel):
    id: str
    name: str
    revenue: float
    operating_margin: float
    currency: str
    headcount: int
    industry: str
    loaded_labor_cost_per_hour: float | None


class RespondentView(BaseModel):
    id: str
    org_id: str
    name: str
    role: str | None
    department: str | None
    tags: list[str]
    domains: list[str]


class KeyView(BaseModel):
    id: str
    org_id: str
    role: Role
    respondent_id: str | None
    name: str | None
    key: str | None = None  # the plaintext, present only in the response that created it
    created_at: UtcDatetime | None = None
    revoked_at: UtcDatetime | None = None


def org_view(org: Organization) -> OrgView:
    return OrgView.model_validate(org, from_attributes=True)


def respondent_view(respondent: Respondent) -> RespondentView:
    return RespondentView.model_validate(respondent, from_attributes=True)


def create_org(store: Store, profile: OrganizationProfile) -> tuple[OrgView, KeyView]:
    """Create an organization and its first admin key (the server operator's act)."""
    with store.write() as session:
        org = orgs.create_org(session, profile)
        key, plaintext = people.create_key(session, org_id=org.id, role="admin", name="admin")
        return org_view(org), _key_view(key, plaintext)


def list_org_ids(store: Store) -> list[str]:
    """Every organization's id in the workspace, oldest first (the server operator's view).

    Like `create_org` it takes no caller: a caller is bound to one organization and may not
    learn of others, so only the local operator, who holds the database (the CLI), uses it.
    """
    with store.read() as session:
        return orgs.list_org_ids(session)


def get_org(store: Store, caller: Caller, org_id: str) -> OrgView:
    require_org(caller, org_id)
    with store.read() as session:
        return org_view(_org(session, org_id))


def _org(session: Any, org_id: str) -> Organization:
    org = orgs.get_org(session, org_id)
    if org is None:
        msg = f"organization {org_id!r} not found"
        raise NotFoundError(msg)
    return org


def update_org(store: Store, caller: Caller, org_id: str, changes: dict[str, Any]) -> OrgView:
    """Change profile fields; the result is validated as a whole before anything is stored."""
    require_org(caller, org_id)
    require(caller, "manage_org")
    with store.write() as session:
        org = _org(session, org_id)
        merged = {**orgs.org_profile(org).model_dump(), **changes}
        try:
            OrganizationProfile.model_validate(merged)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            msg = f"{field}: {first['msg']}"
            raise AnswerRejected(msg) from exc
        return org_view(orgs.update_org(session, org, changes))


def _check_tags(tags: Sequence[str], domains: Sequence[str]) -> None:
    unknown_tags = sorted(set(tags) - set(ROLE_TAGS))
    if unknown_tags:
        msg = f"tags: unknown {unknown_tags}; expected some of {', '.join(ROLE_TAGS)}"
        raise AnswerRejected(msg)
    keys = {d.key for d in DOMAINS}
    unknown_domains = sorted(set(domains) - keys)
    if unknown_domains:
        msg = f"domains: unknown {unknown_domains}; expected some of {', '.join(sorted(keys))}"
        raise AnswerRejected(msg)


def add_respondent(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    name: str,
    role: str | None = None,
    department: str | None = None,
    tags: Sequence[str] = (),
    domains: Sequence[str] = (),
    slack_user_id: str | None = None,
) -> RespondentView:
    """Add a person to interview; `tags`/`domains` choose their questions (else inferred)."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    _check_tags(tags, domains)
    with store.write() as session:
        respondent = people.create_respondent(
            session,
            org_id=org_id,
            name=name,
            role=role,
            department=department,
            tags=tags,
            domains=domains,
            slack_user_id=slack_user_id,
        )
        return respondent_view(respondent)


def find_or_add_respondent(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    name: str,
    role: str | None = None,
    department: str | None = None,
) -> RespondentView:
    """The respondent of that name, created on first use (the terminal chat's `--as`)."""
    require_org(caller, org_id)
    with store.read() as session:
        found = people.find_respondent(session, org_id, name)
        if found is not None:
            return respondent_view(found)
    return add_respondent(store, caller, org_id, name=name, role=role, department=department)


def list_respondents(store: Store, caller: Caller, org_id: str) -> list[RespondentView]:
    require_org(caller, org_id)
    require(caller, "manage_people")
    with store.read() as session:
        return [respondent_view(r) for r in people.list_respondents(session, org_id)]


def _key_view(key: Any, plaintext: str | None) -> KeyView:
    return KeyView(
        id=key.id,
        org_id=key.org_id,
        role=key.role,
        respondent_id=key.respondent_id,
        name=key.name,
        key=plaintext,
        created_at=key.created_at,
        revoked_at=key.revoked_at,
    )


def create_key(
    store: Store,
    caller: Caller,
    org_id: str,
    *,
    role: Literal["admin", "facilitator", "respondent", "viewer"],
    respondent_id: str | None = None,
    name: str | None = None,
) -> KeyView:
    """A role-scoped key; respondent keys are bound to one respondent."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    if role not in ROLES:
        msg = f"role: expected one of {', '.join(ROLES)}, got {role!r}"
        raise AnswerRejected(msg)
    if role == "admin":
        require(caller, "manage_org")
    if (role == "respondent") != (respondent_id is not None):
        msg = "respondent_id: required for a respondent key, and only for one"
        raise AnswerRejected(msg)
    with store.write() as session:
        if respondent_id and people.get_respondent(session, org_id, respondent_id) is None:
            msg = f"respondent {respondent_id!r} not found"
            raise NotFoundError(msg)
        key, plaintext = people.create_key(
            session, org_id=org_id, role=role, respondent_id=respondent_id, name=name
        )
        return _key_view(key, plaintext)


def list_keys(store: Store, caller: Caller, org_id: str) -> list[KeyView]:
    """The organization's keys, revoked ones included; never their plaintext."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    with store.read() as session:
        return [_key_view(k, None) for k in people.list_keys(session, org_id)]


def revoke_key(store: Store, caller: Caller, org_id: str, key_id: str) -> KeyView:
    """Revoke a key at once; only an admin may revoke an admin key. Revoking twice is a no-op."""
    require_org(caller, org_id)
    require(caller, "manage_people")
    with store.write() as session:
        key = people.get_key(session, org_id, key_id)
        if key is None:
            msg = f"key {key_id!r} not found"
            raise NotFoundError(msg)
        if key.role == "admin":
            require(caller, "manage_org")
        if key.revoked_at is None:
            people.revoke_key(session, key)
            # Its console sessions are refused from now on anyway; ending them says so.
            web.end_sessions(session, utcnow(), key_id=key.id)
        return _key_view(key, None)


def authenticate(store: Store, plaintext: str, *, channel: str = "api") -> Caller | None:
    """The caller a bearer key stands for, or None for an unknown or revoked key."""
    grant = people.lookup_key_grant(store, plaintext)
    if grant is None:
        return None
    org_id, role, respondent_id, key_id = grant
    return Caller(
        org_id=org_id,
        role=role,  # type: ignore[arg-type]
        respondent_id=respondent_id,
        channel=channel,
        key_id=key_id,
    )

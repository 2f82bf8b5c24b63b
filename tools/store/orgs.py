"""Organizations and their profile."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scoring import OrganizationProfile
from tools.store.schema import Organization

PROFILE_FIELDS = (
    "name",
    "revenue",
    "operating_margin",
    "currency",
    "headcount",
    "industry",
    "loaded_labor_cost_per_hour",
)


def new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(6)}"


def create_org(session: Session, profile: OrganizationProfile) -> Organization:
    org = Organization(id=new_id("org"), **profile.model_dump(include=set(PROFILE_FIELDS)))
    session.add(org)
    session.flush()
    return org


def get_org(session: Session, org_id: str) -> Organization | None:
    return session.get(Organization, org_id)


def list_org_ids(session: Session) -> list[str]:
    return list(session.scalars(select(Organization.id).order_by(Organization.created_at)))


def update_org(session: Session, org: Organization, changes: dict[str, Any]) -> Organization:
    for field, value in changes.items():
        if field in PROFILE_FIELDS:
            setattr(org, field, value)
    session.flush()
    return org


def org_profile(org: Organization) -> OrganizationProfile:
    return OrganizationProfile.model_validate({f: getattr(org, f) for f in PROFILE_FIELDS})

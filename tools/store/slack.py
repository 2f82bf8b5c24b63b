"""Slack rows: workspace -> organization, OAuth installations and bots, taken event ids.

Inserts that must happen once (an event id, a workspace's link) use the dialect's
insert-or-ignore (`ON CONFLICT DO NOTHING`, on SQLite and PostgreSQL alike), so two processes
racing on the same key never fail and exactly one of them wins.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tools.store.schema import (
    Respondent,
    SlackBot,
    SlackEvent,
    SlackInstallation,
    SlackWorkspace,
)


def insert_or_ignore(session: Session, table: Table, values: dict[str, Any]) -> bool:
    """Insert a row unless its key exists; True when this call inserted it."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    # RETURNING, not rowcount: drivers report -1 for an ORM session's INSERT on PostgreSQL.
    statement = (
        insert(table)
        .values(**values)
        .on_conflict_do_nothing()
        .returning(*table.primary_key.columns)
    )
    return session.execute(statement).first() is not None


def get_workspace(session: Session, team_key: str) -> SlackWorkspace | None:
    return session.get(SlackWorkspace, team_key)


def add_workspace(
    session: Session,
    *,
    team_key: str,
    enterprise_id: str | None,
    org_id: str,
    name: str | None,
    placeholder_profile: bool,
) -> bool:
    """Link a workspace to an organization unless it is linked already; True when linked now."""
    table = SlackWorkspace.__table__
    assert isinstance(table, Table)
    return insert_or_ignore(
        session,
        table,
        {
            "team_key": team_key,
            "enterprise_id": enterprise_id,
            "org_id": org_id,
            "name": name,
            "placeholder_profile": placeholder_profile,
        },
    )


def workspaces_of_org(session: Session, org_id: str) -> list[SlackWorkspace]:
    query = select(SlackWorkspace).where(SlackWorkspace.org_id == org_id)
    return list(session.scalars(query.order_by(SlackWorkspace.created_at)))


def respondent_by_slack_user(session: Session, org_id: str, user_id: str) -> Respondent | None:
    query = select(Respondent).where(
        Respondent.org_id == org_id, Respondent.slack_user_id == user_id
    )
    return session.scalars(query.order_by(Respondent.created_at)).first()


def claim_event(session: Session, event_id: str, team_id: str | None) -> bool:
    """Take an Events API delivery; False when this event id was taken before (a retry)."""
    table = SlackEvent.__table__
    assert isinstance(table, Table)
    return insert_or_ignore(session, table, {"event_id": event_id, "team_id": team_id})


def prune_events(session: Session, before: datetime) -> int:
    result = session.execute(delete(SlackEvent).where(SlackEvent.received_at < before))
    assert isinstance(result, CursorResult)
    return result.rowcount


def add_installation(
    session: Session,
    *,
    client_id: str,
    installation: dict[str, Any],
    bot: dict[str, Any] | None,
) -> None:
    """Keep an installation (and its bot): the latest row per workspace is the one used."""
    keys = {
        "client_id": client_id,
        "enterprise_id": installation.get("enterprise_id"),
        "team_id": installation.get("team_id"),
        "is_enterprise_install": bool(installation.get("is_enterprise_install")),
    }
    session.add(SlackInstallation(**keys, user_id=installation.get("user_id"), data=installation))
    if bot is not None:
        session.add(SlackBot(**keys, data=bot))
    session.flush()


def _team_filter(
    model: type[SlackBot] | type[SlackInstallation],
    client_id: str,
    enterprise_id: str | None,
    team_id: str | None,
    is_enterprise_install: bool,
) -> list[Any]:
    # An org-wide install answers for every workspace of the enterprise: match on it alone.
    conditions: list[Any] = [model.client_id == client_id, model.enterprise_id == enterprise_id]
    if enterprise_id is None:
        conditions = [model.client_id == client_id, model.enterprise_id.is_(None)]
    if not is_enterprise_install:
        conditions.append(model.team_id == team_id)
    return conditions


def latest_bot(
    session: Session,
    *,
    client_id: str,
    enterprise_id: str | None,
    team_id: str | None,
    is_enterprise_install: bool = False,
) -> SlackBot | None:
    where = _team_filter(SlackBot, client_id, enterprise_id, team_id, is_enterprise_install)
    return session.scalars(select(SlackBot).where(*where).order_by(SlackBot.id.desc())).first()


def latest_installation(
    session: Session,
    *,
    client_id: str,
    enterprise_id: str | None,
    team_id: str | None,
    user_id: str | None = None,
    is_enterprise_install: bool = False,
) -> SlackInstallation | None:
    where = _team_filter(
        SlackInstallation, client_id, enterprise_id, team_id, is_enterprise_install
    )
    if user_id is not None:
        where.append(SlackInstallation.user_id == user_id)
    query = select(SlackInstallation).where(*where).order_by(SlackInstallation.id.desc())
    return session.scalars(query).first()


def delete_bots(
    session: Session, *, client_id: str, enterprise_id: str | None, team_id: str | None
) -> None:
    where = _team_filter(SlackBot, client_id, enterprise_id, team_id, False)
    session.execute(delete(SlackBot).where(*where))


def delete_installations(
    session: Session,
    *,
    client_id: str,
    enterprise_id: str | None,
    team_id: str | None,
    user_id: str | None = None,
) -> None:
    where = _team_filter(SlackInstallation, client_id, enterprise_id, team_id, False)
    if user_id is not None:
        where.append(SlackInstallation.user_id == user_id)
    session.execute(delete(SlackInstallation).where(*where))

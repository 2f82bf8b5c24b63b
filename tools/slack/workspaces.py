"""Slack identity in the store: which organization a workspace is, which respondent a user is.

These are server-side identity plumbing, like `admin.authenticate`: Bolt has verified the
request's signature and resolved its team before any of them runs, so they take ids from
Slack, never from message text, and do no role checks of their own.

How a workspace gets its organization:
- an explicit link (`link_workspace`: single-workspace mode with `OIAR_SLACK_ORG_ID`, or an
  operator linking an existing organization) is kept as given;
- otherwise the first contact (or the OAuth install) creates an organization named after the
  workspace with a stand-in profile, flagged `placeholder_profile` until an admin sets the real
  figures with `/oiar profile`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import BaseModel

from scoring import OrganizationProfile
from tools.errors import ConflictError, NotFoundError
from tools.store import orgs, people
from tools.store import slack as repo
from tools.store.db import Store
from tools.store.schema import SlackWorkspace, utcnow

# A stand-in profile so interviews and scoring work from the first message; every reply
# built on it says so until an admin enters the real one.
PLACEHOLDER_PROFILE: dict[str, Any] = {
    "revenue": 100_000_000.0,
    "operating_margin": 0.10,
    "currency": "USD",
    "headcount": 500,
    "industry": "generic",
}


class WorkspaceView(BaseModel):
    team_key: str
    enterprise_id: str | None
    org_id: str
    org_name: str
    placeholder_profile: bool


class SlackPerson(BaseModel):
    """What Slack says about a user (from users.info), enough to create their respondent."""

    user_id: str
    name: str
    title: str | None = None


def _view(session: Any, row: SlackWorkspace) -> WorkspaceView:
    org = orgs.get_org(session, row.org_id)
    return WorkspaceView(
        team_key=row.team_key,
        enterprise_id=row.enterprise_id,
        org_id=row.org_id,
        org_name=org.name if org is not None else row.org_id,
        placeholder_profile=row.placeholder_profile,
    )


def find_workspace(store: Store, team_key: str) -> WorkspaceView | None:
    """The workspace's organization, or None when it has none yet."""
    with store.read() as session:
        row = repo.get_workspace(session, team_key)
        return _view(session, row) if row is not None else None


def link_workspace(
    store: Store,
    *,
    team_key: str,
    org_id: str,
    enterprise_id: str | None = None,
    name: str | None = None,
) -> WorkspaceView:
    """Link a workspace to an existing organization (replacing any earlier link)."""
    with store.write() as session:
        if orgs.get_org(session, org_id) is None:
            msg = f"organization {org_id!r} not found"
            raise NotFoundError(msg)
        row = repo.get_workspace(session, team_key)
        if row is None:
            repo.add_workspace(
                session,
                team_key=team_key,
                enterprise_id=enterprise_id,
                org_id=org_id,
                name=name,
                placeholder_profile=False,
            )
            row = repo.get_workspace(session, team_key)
            assert row is not None  # inserted above, or by a racing linker
        elif row.org_id != org_id:
            row.org_id = org_id
            row.placeholder_profile = False
        return _view(session, row)


def workspace_org(
    store: Store, *, team_key: str, enterprise_id: str | None = None, name: str | None = None
) -> WorkspaceView:
    """The workspace's organization, created with a stand-in profile on first contact."""
    found = find_workspace(store, team_key)
    if found is not None:
        return found
    with store.write() as session:
        # Two first contacts may race: the savepoint's loser drops its organization and
        # reads the winner's link.
        with session.begin_nested():
            profile = OrganizationProfile(name=(name or team_key)[:200], **PLACEHOLDER_PROFILE)
            org = orgs.create_org(session, profile)
            linked = repo.add_workspace(
                session,
                team_key=team_key,
                enterprise_id=enterprise_id,
                org_id=org.id,
                name=name,
                placeholder_profile=True,
            )
            if not linked:
                session.delete(org)
        row = repo.get_workspace(session, team_key)
        assert row is not None  # linked above, or by the racing first contact
        return _view(session, row)


def confirm_profile(store: Store, org_id: str) -> None:
    """The organization's real profile is in: replies stop calling its figures stand-ins."""
    with store.write() as session:
        for row in repo.workspaces_of_org(session, org_id):
            row.placeholder_profile = False


def workspaces_of_org(store: Store, org_id: str) -> list[WorkspaceView]:
    """The Slack workspaces linked to an organization (where to reach its people)."""
    with store.read() as session:
        return [_view(session, row) for row in repo.workspaces_of_org(session, org_id)]


def slack_respondent(store: Store, *, org_id: str, person: SlackPerson) -> str:
    """The respondent id of a Slack user in an organization, created on first contact.

    A respondent added by name before (no Slack user yet) is linked rather than duplicated;
    a namesake already linked to another Slack user gets the new one's id in their name.
    """
    with store.write() as session:
        found = repo.respondent_by_slack_user(session, org_id, person.user_id)
        if found is not None:
            return found.id
        namesake = people.find_respondent(session, org_id, person.name)
        if namesake is not None and namesake.slack_user_id is None:
            namesake.slack_user_id = person.user_id
            return namesake.id
        name = person.name if namesake is None else f"{person.name} ({person.user_id})"
        try:
            created = people.create_respondent(
                session,
                org_id=org_id,
                name=name[:200],
                role=person.title or None,
                slack_user_id=person.user_id,
            )
        except ConflictError:
            # The same person's other request created them a moment ago.
            found = repo.respondent_by_slack_user(session, org_id, person.user_id)
            if found is None:
                raise
            return found.id
        return created.id


def slack_user_of(store: Store, org_id: str, respondent_id: str) -> str | None:
    """The Slack user id of a respondent of the organization, if they have one."""
    with store.read() as session:
        respondent = people.get_respondent(session, org_id, respondent_id)
        return respondent.slack_user_id if respondent is not None else None


def claim_event(store: Store, event_id: str, team_id: str | None) -> bool:
    """Take an Events API delivery once; False for a retry of one taken before."""
    with store.write() as session:
        return repo.claim_event(session, event_id, team_id)


def prune_events(store: Store, *, older_than: timedelta = timedelta(days=1)) -> int:
    """Forget taken event ids older than Slack retries for (it stops after minutes)."""
    with store.write() as session:
        return repo.prune_events(session, utcnow() - older_than)


def save_installation(
    store: Store,
    *,
    client_id: str,
    installation: dict[str, Any],
    bot: dict[str, Any] | None,
    team_key: str,
    team_name: str | None,
) -> WorkspaceView:
    """Keep an OAuth installation and make sure its workspace has an organization."""
    with store.write() as session:
        repo.add_installation(session, client_id=client_id, installation=installation, bot=bot)
    return workspace_org(
        store,
        team_key=team_key,
        enterprise_id=installation.get("enterprise_id"),
        name=team_name,
    )


def find_bot(
    store: Store,
    *,
    client_id: str,
    enterprise_id: str | None,
    team_id: str | None,
    is_enterprise_install: bool = False,
) -> dict[str, Any] | None:
    with store.read() as session:
        row = repo.latest_bot(
            session,
            client_id=client_id,
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )
        return dict(row.data) if row is not None else None


def find_installation(
    store: Store,
    *,
    client_id: str,
    enterprise_id: str | None,
    team_id: str | None,
    user_id: str | None = None,
    is_enterprise_install: bool = False,
) -> dict[str, Any] | None:
    with store.read() as session:
        row = repo.latest_installation(
            session,
            client_id=client_id,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )
        return dict(row.data) if row is not None else None


def delete_installations(
    store: Store,
    *,
    client_id: str,
    enterprise_id: str | None,
    team_id: str | None,
    user_id: str | None = None,
    bots: bool = False,
) -> None:
    """Forget a workspace's installations (a user's, or all), and its bots when asked."""
    with store.write() as session:
        repo.delete_installations(
            session,
            client_id=client_id,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
        )
        if bots:
            repo.delete_bots(
                session, client_id=client_id, enterprise_id=enterprise_id, team_id=team_id
            )

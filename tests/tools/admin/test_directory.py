"""Admin tools: organizations, respondents and API keys."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from factories import Workspace, make_workspace_of
from sqlalchemy import select

from tools import admin
from tools.errors import AnswerRejected, ConflictError, ForbiddenError, NotFoundError
from tools.store import ApiKey, Store, people


def _stored_key_values(ws: Workspace) -> list[str]:
    """Every column value of every stored key, as text."""
    with ws.store.read() as session:
        keys = session.scalars(select(ApiKey)).all()
        return [str(getattr(k, c.key)) for k in keys for c in ApiKey.__table__.columns]


def test_create_org_returns_admin_key_that_authenticates(workspace: Workspace) -> None:
    assert workspace.admin.role == "admin"
    assert workspace.admin.org_id == workspace.org.id
    assert workspace.admin.respondent_id is None


def test_create_key_stores_only_hash(workspace: Workspace) -> None:
    key = admin.create_key(workspace.store, workspace.admin, workspace.org.id, role="viewer")
    assert key.key is not None

    values = _stored_key_values(workspace)

    assert not any(key.key in value for value in values)
    assert hashlib.sha256(key.key.encode()).hexdigest() in values


def test_create_key_sqlite_file_never_holds_plaintext(sqlite_url: str) -> None:
    store = Store.open(sqlite_url)
    try:
        ws = make_workspace_of(store)
        key = admin.create_key(store, ws.admin, ws.org.id, role="facilitator")
    finally:
        store.dispose()
    assert key.key is not None

    database = Path(sqlite_url.removeprefix("sqlite:///"))
    files = [database, database.with_name(f"{database.name}-wal")]
    on_disk = b"".join(f.read_bytes() for f in files if f.exists())
    assert key.key.encode() not in on_disk


def test_authenticate_unknown_key_returns_none(workspace: Workspace) -> None:
    assert admin.authenticate(workspace.store, "oiar_not-a-real-key") is None


def test_authenticate_revoked_key_returns_none(workspace: Workspace) -> None:
    key = admin.create_key(workspace.store, workspace.admin, workspace.org.id, role="viewer")
    assert key.key is not None
    assert admin.authenticate(workspace.store, key.key) is not None

    with workspace.store.write() as session:
        stored = session.get(ApiKey, key.id)
        assert stored is not None
        people.revoke_key(session, stored)

    assert admin.authenticate(workspace.store, key.key) is None


def test_authenticate_respondent_key_binds_respondent_and_channel(workspace: Workspace) -> None:
    person = workspace.person("Olga", role="COO", department="Operations")
    key = admin.create_key(
        workspace.store,
        workspace.admin,
        workspace.org.id,
        role="respondent",
        respondent_id=person.id,
    )
    assert key.key is not None

    caller = admin.authenticate(workspace.store, key.key, channel="slack")

    assert caller is not None
    assert (caller.org_id, caller.role, caller.respondent_id, caller.channel) == (
        workspace.org.id,
        "respondent",
        person.id,
        "slack",
    )


def test_create_key_facilitator_cannot_mint_admin_key(workspace: Workspace) -> None:
    facilitator = workspace.caller("facilitator")

    with pytest.raises(ForbiddenError):
        admin.create_key(workspace.store, facilitator, workspace.org.id, role="admin")
    viewer_key = admin.create_key(workspace.store, facilitator, workspace.org.id, role="viewer")
    assert viewer_key.role == "viewer"


@pytest.mark.parametrize("role", ["viewer", "respondent"])
def test_create_key_non_manager_forbidden(workspace: Workspace, role: str) -> None:
    person = workspace.person("Olga")
    caller = workspace.caller(role, person.id if role == "respondent" else None)

    with pytest.raises(ForbiddenError):
        admin.create_key(workspace.store, caller, workspace.org.id, role="viewer")


def test_create_key_respondent_key_needs_respondent_id(workspace: Workspace) -> None:
    with pytest.raises(AnswerRejected, match="respondent_id"):
        admin.create_key(workspace.store, workspace.admin, workspace.org.id, role="respondent")


def test_create_key_other_role_with_respondent_id_rejected(workspace: Workspace) -> None:
    person = workspace.person("Olga")

    with pytest.raises(AnswerRejected, match="respondent_id"):
        admin.create_key(
            workspace.store,
            workspace.admin,
            workspace.org.id,
            role="viewer",
            respondent_id=person.id,
        )


def test_create_key_for_other_orgs_respondent_not_found(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    stranger = other_workspace.person("Olga")

    with pytest.raises(NotFoundError):
        admin.create_key(
            workspace.store,
            workspace.admin,
            workspace.org.id,
            role="respondent",
            respondent_id=stranger.id,
        )


def test_create_key_unknown_role_rejected(workspace: Workspace) -> None:
    with pytest.raises(AnswerRejected, match="role"):
        admin.create_key(
            workspace.store,
            workspace.admin,
            workspace.org.id,
            role="owner",  # type: ignore[arg-type]
        )


def test_update_org_changes_profile(workspace: Workspace) -> None:
    updated = admin.update_org(
        workspace.store, workspace.admin, workspace.org.id, {"revenue": 250e6, "headcount": 900}
    )

    assert (updated.revenue, updated.headcount) == (250e6, 900)
    stored = admin.get_org(workspace.store, workspace.admin, workspace.org.id)
    assert (stored.revenue, stored.headcount, stored.name) == (250e6, 900, workspace.org.name)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"revenue": -5_000_000}, "revenue"),
        ({"operating_margin": 1.5}, "operating_margin"),
        ({"currency": "dollars"}, "currency"),
        ({"headcount": 0}, "headcount"),
        ({"revenue": 2e8, "owner": "me"}, "owner"),
    ],
)
def test_update_org_invalid_profile_rejected_and_nothing_stored(
    workspace: Workspace, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(AnswerRejected, match=field):
        admin.update_org(workspace.store, workspace.admin, workspace.org.id, changes)

    assert admin.get_org(workspace.store, workspace.admin, workspace.org.id) == workspace.org


def test_update_org_facilitator_forbidden(workspace: Workspace) -> None:
    facilitator = workspace.caller("facilitator")

    with pytest.raises(ForbiddenError):
        admin.update_org(workspace.store, facilitator, workspace.org.id, {"revenue": 1e9})


def test_org_tools_other_org_not_found(workspace: Workspace, other_workspace: Workspace) -> None:
    store, caller, theirs = workspace.store, workspace.admin, other_workspace.org.id

    for call in (
        lambda: admin.get_org(store, caller, theirs),
        lambda: admin.update_org(store, caller, theirs, {"revenue": 1e9}),
        lambda: admin.list_respondents(store, caller, theirs),
        lambda: admin.add_respondent(store, caller, theirs, name="Mole"),
        lambda: admin.create_key(store, caller, theirs, role="viewer"),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert admin.get_org(store, other_workspace.admin, theirs) == other_workspace.org


def test_list_org_ids_every_organization_oldest_first(store: Store) -> None:
    assert admin.list_org_ids(store) == []
    first = make_workspace_of(store)
    second = make_workspace_of(store, name="Other Co")

    assert admin.list_org_ids(store) == [first.org.id, second.org.id]


def test_add_respondent_duplicate_name_conflict(workspace: Workspace) -> None:
    first = workspace.person("Olga", role="COO")

    with pytest.raises(ConflictError, match="Olga"):
        workspace.person("Olga", role="CFO")

    people_now = admin.list_respondents(workspace.store, workspace.admin, workspace.org.id)
    assert people_now == [first]


def test_add_respondent_same_name_in_other_org_allowed(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    mine = workspace.person("Olga")
    theirs = other_workspace.person("Olga")

    assert mine.id != theirs.id


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"tags": ["wizard"]}, "tags"), ({"domains": ["vibes"]}, "domains")],
)
def test_add_respondent_unknown_tag_or_domain_rejected(
    workspace: Workspace, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(AnswerRejected, match=field):
        workspace.person("Olga", **fields)

    assert admin.list_respondents(workspace.store, workspace.admin, workspace.org.id) == []


def test_add_respondent_viewer_forbidden(workspace: Workspace) -> None:
    viewer = workspace.caller("viewer")

    with pytest.raises(ForbiddenError):
        admin.add_respondent(workspace.store, viewer, workspace.org.id, name="Olga")


def test_find_or_add_respondent_reuses_existing(workspace: Workspace) -> None:
    first = admin.find_or_add_respondent(
        workspace.store, workspace.admin, workspace.org.id, name="Olga", role="COO"
    )
    again = admin.find_or_add_respondent(
        workspace.store, workspace.admin, workspace.org.id, name="Olga"
    )

    assert again == first

"""The access log: who read what, with which key id (never the key), listed by admins only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import Workspace

from tools import admin, privacy
from tools.errors import ForbiddenError, NotFoundError
from tools.store.schema import utcnow


def test_access_log_lists_reads_newest_first_with_key_ids_never_keys(
    workspace: Workspace,
) -> None:
    made = admin.create_key(workspace.store, workspace.admin, workspace.org.id, role="viewer")
    assert made.key is not None
    viewer = admin.authenticate(workspace.store, made.key)
    assert viewer is not None
    privacy.record_access(workspace.store, workspace.admin, route="/v1/orgs/{org_id}/answers")
    privacy.record_access(
        workspace.store, viewer, route="/v1/orgs/{org_id}/report", target=workspace.org.id
    )

    rows = privacy.list_access_log(workspace.store, workspace.admin, workspace.org.id)

    assert [(r.role, r.route, r.key_id) for r in rows] == [
        ("viewer", "/v1/orgs/{org_id}/report", made.id),
        ("admin", "/v1/orgs/{org_id}/answers", workspace.admin.key_id),
    ]
    assert made.key not in "".join(r.model_dump_json() for r in rows)
    only = privacy.list_access_log(
        workspace.store, workspace.admin, workspace.org.id, role="viewer", limit=5
    )
    assert [r.role for r in only] == ["viewer"]
    later = privacy.list_access_log(
        workspace.store, workspace.admin, workspace.org.id, since=utcnow() + timedelta(hours=1)
    )
    assert later == []
    assert [
        r.route
        for r in privacy.list_access_log(
            workspace.store, workspace.admin, workspace.org.id, route="answers"
        )
    ] == ["/v1/orgs/{org_id}/answers"]


@pytest.mark.parametrize("role", ["facilitator", "viewer"])
def test_access_log_by_non_admin_is_forbidden(workspace: Workspace, role: str) -> None:
    with pytest.raises(ForbiddenError):
        privacy.list_access_log(workspace.store, workspace.caller(role), workspace.org.id)


def test_access_log_of_another_org_is_not_found(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    with pytest.raises(NotFoundError):
        privacy.list_access_log(workspace.store, workspace.admin, other_workspace.org.id)

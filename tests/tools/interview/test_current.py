"""`interview.current_interview`: a respondent's latest interview, to resume it or start one."""

from __future__ import annotations

import pytest
from factories import Workspace

from tools import interview as iv
from tools.errors import ForbiddenError, NotFoundError


def test_none_before_the_first_interview(workspace: Workspace) -> None:
    person = workspace.person("Olga", role="COO", department="Operations")

    assert iv.current_interview(workspace.store, workspace.admin, person.id) is None


def test_latest_interview_with_its_status(workspace: Workspace) -> None:
    person = workspace.person("Olga", role="COO", department="Operations")
    caller = workspace.caller("respondent", person.id)
    first = iv.start_interview(workspace.store, caller, respondent_id=person.id)
    iv.set_status(workspace.store, caller, first.id, "paused")

    found = iv.current_interview(workspace.store, caller, person.id)
    assert found is not None
    assert (found.id, found.status) == (first.id, "paused")

    second = iv.start_interview(workspace.store, caller, respondent_id=person.id)
    latest = iv.current_interview(workspace.store, workspace.admin, person.id)
    assert latest is not None
    assert (latest.id, latest.status) == (second.id, "active")


def test_respondent_sees_only_their_own(workspace: Workspace) -> None:
    olga = workspace.person("Olga")
    cathy = workspace.person("Cathy")
    iv.start_interview(workspace.store, workspace.admin, respondent_id=cathy.id)
    caller = workspace.caller("respondent", olga.id)

    with pytest.raises(NotFoundError):
        iv.current_interview(workspace.store, caller, cathy.id)


def test_viewer_is_forbidden(workspace: Workspace) -> None:
    person = workspace.person("Olga")
    iv.start_interview(workspace.store, workspace.admin, respondent_id=person.id)

    with pytest.raises(ForbiddenError):
        iv.current_interview(workspace.store, workspace.caller("viewer"), person.id)


def test_another_organizations_respondent_has_none(
    workspace: Workspace, other_workspace: Workspace
) -> None:
    theirs = other_workspace.person("Otto")
    iv.start_interview(other_workspace.store, other_workspace.admin, respondent_id=theirs.id)

    assert iv.current_interview(workspace.store, workspace.admin, theirs.id) is None

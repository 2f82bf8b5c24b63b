"""Offboarding: deleting an organization leaves nothing of it in any table or the index."""

from __future__ import annotations

import json

import pytest
from factories import Workspace
from privacy_support import Subject
from sqlalchemy import MetaData, select

from tools import admin, privacy, web
from tools.errors import AnswerRejected, ForbiddenError
from tools.knowledge import KnowledgeService


def _rows_mentioning(ws: Workspace, needles: list[str]) -> list[str]:
    tables = MetaData()
    tables.reflect(bind=ws.store.writer)
    found: list[str] = []
    with ws.store.reader.connect() as connection:
        for table in tables.sorted_tables:
            for row in connection.execute(select(table)):
                text = json.dumps([str(v) for v in row]).lower()
                found += [f"{table.name}: {n}" for n in needles if n.lower() in text]
    return found


def test_offboard_deletes_every_row_key_slack_link_and_quote_of_the_org(
    workspace: Workspace,
    other_workspace: Workspace,
    knowledge: KnowledgeService,
    subject: Subject,
) -> None:
    ws = workspace
    theirs = other_workspace.person("Otto Other", department="Operations")
    privacy.record_access(ws.store, ws.admin, route="/v1/orgs/{org_id}/answers")
    # An invitation opened in a browser, and a console session signed in with a key.
    link = web.create_invite(
        ws.store, ws.admin, ws.org.id, respondent_id=subject.respondent_id, base_url="http://x"
    )
    assert web.open_invite(ws.store, link.token, cookie=None).state == "opened"
    console = admin.create_key(ws.store, ws.admin, ws.org.id, role="viewer")
    assert console.key is not None and web.sign_in(ws.store, console.key) is not None
    needles = [ws.org.id, "Dana Ruiz", "Cathy Chen", "T0ACME", ws.org.name]
    assert len(_rows_mentioning(ws, needles)) > 10
    keys = admin.list_keys(ws.store, ws.admin, ws.org.id)

    report = privacy.offboard_org(
        ws.store, ws.admin, ws.org.id, confirm=ws.org.id, knowledge=knowledge
    )

    assert _rows_mentioning(ws, needles) == []
    assert knowledge.index.count_evidence(ws.org.id) == 0
    assert report.evidence_quotes == 2
    assert report.deleted["api_keys"] == len(keys)
    assert report.deleted["invites"] == 1 and report.deleted["web_sessions"] == 2
    assert report.deleted["slack_installations"] == 1 and report.deleted["slack_workspaces"] == 1
    # The other organization is untouched.
    assert [
        r.id
        for r in admin.list_respondents(ws.store, other_workspace.admin, other_workspace.org.id)
    ] == [theirs.id]


def test_offboard_without_confirmation_deletes_nothing(
    workspace: Workspace, subject: Subject
) -> None:
    with pytest.raises(AnswerRejected, match="repeat the organization's id"):
        privacy.offboard_org(
            workspace.store, workspace.admin, workspace.org.id, confirm="yes", knowledge=None
        )
    assert admin.get_org(workspace.store, workspace.admin, workspace.org.id).id == workspace.org.id


def test_offboard_by_facilitator_is_forbidden(workspace: Workspace) -> None:
    with pytest.raises(ForbiddenError):
        privacy.offboard_org(
            workspace.store,
            workspace.caller("facilitator"),
            workspace.org.id,
            confirm=workspace.org.id,
            knowledge=None,
        )

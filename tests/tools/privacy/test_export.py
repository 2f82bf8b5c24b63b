"""Export: everything stored about one respondent, to that person or an admin, JSON and CSV."""

from __future__ import annotations

import csv
import io

import pytest
from factories import Workspace
from privacy_support import EMAIL, EVIDENCE, NAME, SLACK_USER, STORY, Subject

from tools import privacy
from tools.errors import ForbiddenError, NotFoundError
from tools.knowledge import KnowledgeService


def test_export_by_admin_holds_profile_answers_transcript_keys_slack_and_quotes(
    workspace: Workspace, knowledge: KnowledgeService, subject: Subject
) -> None:
    got = privacy.export_respondent(
        workspace.store,
        workspace.admin,
        workspace.org.id,
        subject.respondent_id,
        knowledge=knowledge,
    )

    assert (got.profile.name, got.profile.role, got.profile.department) == (
        NAME,
        "COO",
        "Operations",
    )
    assert got.profile.slack_user_id == SLACK_USER
    assert [a.raw_text for a in got.answers][0] == STORY
    assert EVIDENCE in [a.evidence for a in got.answers]
    assert [m.sender for m in got.transcripts] == ["assistant", "respondent"]
    assert [k.name for k in got.api_keys if k.name] == [EMAIL]
    assert [s.team_id for s in got.slack_installations] == ["T0ACME"]
    assert got.evidence_index == "included"
    assert {q.question_id for q in got.evidence_quotes} == {a.question_id for a in got.answers}
    assert got.attribution == "named" and got.erased_at is None
    assert "key_hash" not in got.model_dump_json() and "xoxp" not in got.model_dump_json()


def test_export_csv_has_a_row_per_item_and_guards_formulas(
    workspace: Workspace, knowledge: KnowledgeService, subject: Subject
) -> None:
    from tools import interview as iv

    caller = workspace.caller("respondent", subject.respondent_id)
    iv.record_answer(
        workspace.store,
        caller,
        subject.interview_id,
        text="3 days",
        question_id="lb_decision_wait",
        evidence='=HYPERLINK("http://x")',
    )
    got = privacy.export_respondent(
        workspace.store, caller, workspace.org.id, subject.respondent_id, knowledge=knowledge
    )
    rows = list(csv.DictReader(io.StringIO(privacy.export_csv(got))))

    sections = [r["section"] for r in rows]
    assert sections.count("answer") == 3 and sections.count("transcript") == 2
    assert {"profile", "api_key", "slack_installation", "evidence_quote"} <= set(sections)
    assert '\'=HYPERLINK("http://x")' in [r["text"] for r in rows]
    assert {r["text"] for r in rows if r["kind"] == "name"} == {NAME}


def test_export_by_respondent_is_their_own_only(workspace: Workspace, subject: Subject) -> None:
    own = workspace.caller("respondent", subject.respondent_id)
    mine = privacy.export_respondent(workspace.store, own, workspace.org.id, subject.respondent_id)
    assert mine.profile.id == subject.respondent_id
    assert mine.evidence_index.startswith("not read")
    with pytest.raises(NotFoundError):
        privacy.export_respondent(workspace.store, own, workspace.org.id, subject.other_id)


@pytest.mark.parametrize("role", ["facilitator", "viewer"])
def test_export_by_facilitator_or_viewer_is_forbidden(
    workspace: Workspace, subject: Subject, role: str
) -> None:
    with pytest.raises(ForbiddenError):
        privacy.export_respondent(
            workspace.store, workspace.caller(role), workspace.org.id, subject.respondent_id
        )


def test_export_of_another_organization_is_not_found(
    workspace: Workspace, other_workspace: Workspace, subject: Subject
) -> None:
    with pytest.raises(NotFoundError):
        privacy.export_respondent(
            workspace.store, other_workspace.admin, workspace.org.id, subject.respondent_id
        )

"""Erasure: after it, no table, index or export holds the person's name, email or words, and
the organization's score is what it was."""

from __future__ import annotations

import json
from typing import Any

import pytest
from factories import Workspace
from privacy_support import EMAIL, NAME, SLACK_USER, Subject
from sqlalchemy import MetaData, select

from knowledge.index import EVIDENCE
from scoring import score
from tools import analysis, privacy
from tools.admin import authenticate
from tools.errors import ForbiddenError, NotFoundError
from tools.knowledge import KnowledgeService


def _every_text_in_the_database(ws: Workspace) -> str:
    """Every value of every column of every table, as one lower-cased text."""
    tables = MetaData()
    tables.reflect(bind=ws.store.writer)
    parts: list[str] = []
    with ws.store.reader.connect() as connection:
        for table in tables.sorted_tables:
            for row in connection.execute(select(table)):
                parts.extend(json.dumps(v, default=str) for v in row)
    return "\n".join(parts).lower()


def _every_text_in_the_index(knowledge: KnowledgeService) -> str:
    parts: list[str] = []
    for collection in knowledge.index.client.list_collections():
        if collection.name.startswith(EVIDENCE):
            found = knowledge.index.client.get_collection(collection.name).get(
                include=["documents", "metadatas"]
            )
            parts += [str(d) for d in found["documents"] or []]
            parts += [json.dumps(m) for m in found["metadatas"] or []]
    return "\n".join(parts).lower()


def _personal(subject: Subject) -> list[str]:
    return [NAME, "Dana", EMAIL, SLACK_USER, "COO", *subject.texts]


def _raw_score(ws: Workspace) -> str:
    with ws.store.read() as session:
        return score(analysis.scoring_input(session, ws.org.id)).model_dump_json()


def test_erase_leaves_nothing_personal_anywhere_and_the_score_unchanged(
    workspace: Workspace, knowledge: KnowledgeService, subject: Subject
) -> None:
    ws = workspace
    stored = _every_text_in_the_database(ws)
    indexed = _every_text_in_the_index(knowledge)
    for found in (NAME, EMAIL, *subject.texts):  # the scan would see them were they there
        assert found.lower() in stored
    assert subject.texts[0].lower() in indexed
    raw_before = _raw_score(ws)
    shown_before = analysis.score_organization(ws.store, ws.admin, ws.org.id)
    assert NAME in shown_before.model_dump_json()  # named until erased

    tombstone = privacy.erase_respondent(
        ws.store, ws.admin, ws.org.id, subject.respondent_id, knowledge=knowledge
    )

    stored = _every_text_in_the_database(ws)
    indexed = _every_text_in_the_index(knowledge)
    exported = privacy.export_respondent(
        ws.store, ws.admin, ws.org.id, subject.respondent_id, knowledge=knowledge
    )
    everything = "\n".join(
        [stored, indexed, exported.model_dump_json().lower(), privacy.export_csv(exported).lower()]
    )
    for personal in _personal(subject):
        assert personal.lower() not in everything, personal
    assert "cathy chen" in stored  # the others are untouched
    # The score is byte for byte the same; shown, Dana is now a leader in Operations.
    assert _raw_score(ws) == raw_before
    shown_after = analysis.score_organization(ws.store, ws.admin, ws.org.id)
    assert shown_after.input_sha256 == shown_before.input_sha256
    assert shown_after.total == shown_before.total
    assert [(d.key, d.mean, d.p10, d.p90, d.respondents) for d in shown_after.domains] == [
        (d.key, d.mean, d.p10, d.p90, d.respondents) for d in shown_before.domains
    ]
    assert "a leader in Operations" in shown_after.model_dump_json()
    # The tombstone says who erased whom and when, and what went, not what it was.
    assert tombstone.respondent_id == subject.respondent_id
    assert (tombstone.erased_by_role, tombstone.erased_by_key_id) == ("admin", ws.admin.key_id)
    assert tombstone.index_cleared is True
    assert tombstone.removed["answer_events"] == 2
    assert tombstone.removed["messages"] == 2
    assert tombstone.removed["evidence_quotes"] == 2
    assert tombstone.removed["slack_links"] == 2
    assert exported.answers and all(a.raw_text == "[erased]" for a in exported.answers)
    assert [a.value is not None for a in exported.answers] == [True, True]


def test_erase_revokes_the_persons_keys(
    workspace: Workspace, knowledge: KnowledgeService, subject: Subject
) -> None:
    key = workspace.caller("respondent", subject.respondent_id)
    plaintext_holder = key  # a caller built from a live key
    privacy.erase_respondent(
        workspace.store, workspace.admin, workspace.org.id, subject.respondent_id, knowledge=None
    )
    with pytest.raises(NotFoundError):
        privacy.export_respondent(
            workspace.store, plaintext_holder, workspace.org.id, subject.other_id
        )
    from tools import admin

    keys = admin.list_keys(workspace.store, workspace.admin, workspace.org.id)
    theirs = [k for k in keys if k.respondent_id == subject.respondent_id]
    assert theirs and all(k.revoked_at is not None for k in theirs)


def test_erase_twice_returns_the_same_tombstone_and_retries_the_index(
    workspace: Workspace, knowledge: KnowledgeService, subject: Subject
) -> None:
    ws = workspace
    first = privacy.erase_respondent(
        ws.store, ws.admin, ws.org.id, subject.respondent_id, knowledge=None
    )
    assert first.index_cleared is False
    assert knowledge.index.evidence_of(ws.org.id, subject.respondent_id)

    again = privacy.erase_respondent(
        ws.store, ws.admin, ws.org.id, subject.respondent_id, knowledge=knowledge
    )

    assert again.id == first.id and again.index_cleared is True
    assert knowledge.index.evidence_of(ws.org.id, subject.respondent_id) == []
    assert [e.id for e in privacy.list_erasures(ws.store, ws.admin, ws.org.id)] == [first.id]


@pytest.mark.parametrize("role", ["facilitator", "viewer", "respondent"])
def test_erase_by_non_admin_is_forbidden(workspace: Workspace, subject: Subject, role: str) -> None:
    caller: Any = workspace.caller(role, subject.other_id if role == "respondent" else None)
    with pytest.raises(ForbiddenError):
        privacy.erase_respondent(
            workspace.store, caller, workspace.org.id, subject.respondent_id, knowledge=None
        )


def test_erase_unknown_respondent_is_not_found(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="rsp_nobody"):
        privacy.erase_respondent(
            workspace.store, workspace.admin, workspace.org.id, "rsp_nobody", knowledge=None
        )


def test_erased_key_no_longer_authenticates(workspace: Workspace, subject: Subject) -> None:
    from tools import admin

    made = admin.create_key(
        workspace.store,
        workspace.admin,
        workspace.org.id,
        role="respondent",
        respondent_id=subject.respondent_id,
    )
    assert made.key is not None and authenticate(workspace.store, made.key) is not None
    privacy.erase_respondent(
        workspace.store, workspace.admin, workspace.org.id, subject.respondent_id, knowledge=None
    )
    assert authenticate(workspace.store, made.key) is None


def test_erased_persons_interview_takes_no_more_answers(
    workspace: Workspace, subject: Subject
) -> None:
    from tools import interview as iv
    from tools.errors import ConflictError

    ws = workspace
    privacy.erase_respondent(ws.store, ws.admin, ws.org.id, subject.respondent_id, knowledge=None)
    with pytest.raises(ConflictError, match="erased"):
        iv.record_answer(
            ws.store, ws.admin, subject.interview_id, text="5 days", question_id="lb_decision_wait"
        )
    with pytest.raises(ConflictError, match="erased"):
        iv.start_interview(ws.store, ws.admin, respondent_id=subject.respondent_id)
    # Like a department-only person's, their interview is no longer read one by one.
    with pytest.raises(ForbiddenError, match="department-only"):
        iv.get_record(ws.store, ws.admin, subject.interview_id)


def _frozen(ws: Workspace, round_id: str) -> tuple[str, str]:
    from tools.store.schema import AssessmentRound

    with ws.store.read() as session:
        row = session.get(AssessmentRound, round_id)
        assert row is not None and row.input_json and row.result_json
        return row.input_json, row.result_json


def test_erase_leaves_a_frozen_round_byte_for_byte(workspace: Workspace, subject: Subject) -> None:
    from scoring import ScoringInput
    from tools import rounds

    ws = workspace
    opened = rounds.open_round(ws.store, ws.admin, ws.org.id, label="2027-Q1")
    rounds.close_round(ws.store, ws.admin, ws.org.id, opened.id)
    before = _frozen(ws, opened.id)
    assert NAME not in before[0] + before[1]

    privacy.erase_respondent(ws.store, ws.admin, ws.org.id, subject.respondent_id, knowledge=None)

    after = _frozen(ws, opened.id)
    assert after == before
    assert score(ScoringInput.model_validate_json(after[0])).model_dump_json() == after[1]
    shown = rounds.get_round(ws.store, ws.admin, ws.org.id, opened.id)
    assert shown.result is not None and NAME not in shown.result.model_dump_json()


def test_erase_scrubs_a_round_frozen_while_scores_held_names(
    workspace: Workspace, subject: Subject
) -> None:
    """Rounds closed before scores held ids only carry names and evidence in their JSON."""
    from tools import rounds
    from tools.store.schema import AssessmentRound

    ws = workspace
    opened = rounds.open_round(ws.store, ws.admin, ws.org.id, label="2026-Q4")
    rounds.close_round(ws.store, ws.admin, ws.org.id, opened.id)
    rid = subject.respondent_id
    with ws.store.write() as session:
        row = session.get(AssessmentRound, opened.id)
        assert row is not None and row.input_json and row.result_json
        data = json.loads(row.input_json)
        for observations in data["inputs"].values():
            for o in observations:
                if o["respondent"]["name"] == rid:
                    o["respondent"] = {"name": NAME, "role": "COO", "department": "Operations"}
                    o["evidence"] = EMAIL
        row.input_json = json.dumps(data)
        row.result_json = row.result_json.replace(rid, NAME)
    assert NAME in "".join(_frozen(ws, opened.id))

    privacy.erase_respondent(ws.store, ws.admin, ws.org.id, rid, knowledge=None)

    frozen = "".join(_frozen(ws, opened.id))
    assert NAME not in frozen and EMAIL not in frozen and "COO" not in frozen
    assert rid in frozen
